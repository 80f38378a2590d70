"""URL canonicalisation and mirror mapping: one article, one key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from crawler.config import OutletConfig

TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mibextid|zarsrc|zaloapp|"
                             r"gidzl|_ga|_gl|mc_cid|mc_eid|ref|src|cmpid|ito)$", re.I)
MIRROR_HOST_PREFIX = "/_hosts/"
# The forms of an AMP copy's path: "/amp/<path>", "<path>/amp", "<name>.amp.html".
AMP_PATH = re.compile(r"^/amp(?=/)|/amp/?$|\.amp(?=\.html?$)")


@dataclass(frozen=True)
class Mirror:
    """Serve an outlet from another origin: its primary host maps to the mirror root,
    its other hosts to ``<mirror>/_hosts/<host>/``."""

    outlet: OutletConfig
    origin: str  # e.g. http://127.0.0.1:8123

    def to_mirror(self, url: str) -> str:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in {d.lower() for d in self.outlet.domains} and host != self.outlet.primary_host:
            return url
        prefix = "" if host == self.outlet.primary_host else MIRROR_HOST_PREFIX + host
        return self.origin.rstrip("/") + prefix + urlunsplit(("", "", parts.path or "/", parts.query, ""))

    def to_real(self, url: str) -> str:
        origin = self.origin.rstrip("/")
        if not url.startswith(origin) or url[len(origin):len(origin) + 1] not in ("", "/", "?"):
            return url  # another origin (or another port that starts with the same digits)
        rest = url[len(origin):] or "/"
        if rest.startswith("?"):
            rest = "/" + rest
        if rest.startswith(MIRROR_HOST_PREFIX):
            host, _, path = rest[len(MIRROR_HOST_PREFIX):].partition("/")
            return f"https://{host}/{path}"
        return self.outlet.base_url + rest


def canonical_url(url: str, outlet: OutletConfig) -> str:
    """https, the outlet's primary host, no fragment or tracking parameters, and the
    outlet's rules (``canonical`` in sources.yaml):

    - ``trailing_slash``: ``strip``, ``add`` or ``keep`` (the default);
    - ``lowercase_id``: a regex on the path whose match is lower-cased (old upper-case
      hex ids, ``-367B136`` -> ``-367b136``);
    - ``article_query``: ``drop`` removes every query parameter from URLs whose path is an
      article path (the outlet's article pattern), where the path alone names the article
      and any parameter is a share or tracking tag; ``keep`` (the default) keeps the
      parameters that are not known tracking ones, sorted.

    The AMP copy of an article (``/amp/<path>``, ``<path>/amp``, ``<name>.amp.html``) has
    the article's canonical URL, so that it is not stored twice.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www.") and host[4:] == outlet.primary_host:
        host = outlet.primary_host
    path = _without_amp(re.sub(r"/{2,}", "/", parts.path or "/"), outlet)
    rule = outlet.canonical.get("lowercase_id")
    if rule:
        path = re.sub(rule, lambda m: m.group(0).lower(), path)
    slash = outlet.canonical.get("trailing_slash", "keep")
    if slash == "strip" and len(path) > 1:
        path = path.rstrip("/")
    elif slash == "add" and not path.endswith("/"):
        path += "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k)))
    if query and outlet.canonical.get("article_query") == "drop" and outlet.article_url_pattern.match(path):
        query = ""
    return urlunsplit(("https", host, path, query, ""))


def _without_amp(path: str, outlet: OutletConfig) -> str:
    """The path of the article an AMP copy stands for, when that is an article path."""
    stripped = AMP_PATH.sub("", path, count=1)
    return stripped if stripped != path and outlet.article_url_pattern.match(stripped) else path


def is_article_url(url: str, outlet: OutletConfig) -> bool:
    """Whether a (real, not mirrored) URL is an article page of this outlet, or its AMP copy."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in {d.lower() for d in outlet.domains} and host != outlet.primary_host:
        return False
    return bool(outlet.article_url_pattern.match(_without_amp(parts.path, outlet)))


def absolute(base: str, href: str) -> str:
    return urljoin(base, href.strip())
