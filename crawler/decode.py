"""The text of a fetched page: the encoding Scrapy finds (HTTP header, BOM, meta tag,
detection), checked against what the bytes are.

A page whose meta tag or header names a single-byte encoding (iso-8859-1, windows-1252,
windows-1258...) while its bytes are UTF-8 is common after a CMS move: read as declared,
every Vietnamese letter comes out as mojibake ("Xá»­ lÃ½"). Bytes that decode strictly as
UTF-8 and hold multi-byte sequences are UTF-8 (text in a single-byte encoding almost never
forms valid UTF-8 sequences), so they are read as UTF-8 whatever the page declares.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy.http import TextResponse

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageText:
    """A page's text, the encoding it was read with and what went wrong, if anything
    (``"encoding_corrected"``: declared single-byte, read as UTF-8; ``"encoding_replaced"``:
    undecodable bytes replaced), the name of the crawl statistic counted for it."""
    html: str
    encoding: str
    problem: str | None = None


def _single_byte(encoding: str) -> bool:
    """Whether an encoding reads every byte as one character (latin-1, windows-125x)."""
    try:
        return len(b"\xc3\xa9".decode(encoding, errors="replace")) == 2
    except LookupError:
        return False


def page_text(response: TextResponse) -> PageText:
    """The text of ``response`` (see the module docstring); never raises on bad bytes."""
    body = response.body
    try:
        declared = response.encoding
        if _single_byte(declared) and not body.isascii():
            try:
                html = body.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                log.info("%s declares %s but is UTF-8: read as UTF-8", response.url, declared)
                return PageText(html, "utf-8", "encoding_corrected")
        return PageText(response.text, declared)
    except (UnicodeDecodeError, LookupError):
        return PageText(body.decode("utf-8", errors="replace"), "utf-8", "encoding_replaced")
