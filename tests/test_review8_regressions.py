"""Regressions a second reading of session 8's crawler changes found (hand-written pages):
a paragraph pasted from a word processor taken as a caption, a stray line above the body
taken as the sapo, a bulletin's headline read as its date line, a 24-hour clock with a
part of the day read as midnight, an air-time notice read as the publication date, and
"12:05 sáng" read as noon."""
from __future__ import annotations

import pytest

from crawler.dates import has_time, parse_date
from crawler.extract import extract_article

BTN_URL = "https://baothainguyen.vn/kinh-te/cay-che-vu-xuan-som-hai-tuan-123456.html"
TNTV_URL = "https://thainguyentv.vn/thoi-su-toi-ngay-12-8-2024-109555.html"

WORD_PARAGRAPHS = (
    "Mấy hôm nay, bà con ở các đồi chè phía bắc huyện tranh thủ những ngày nắng ráo để hái lứa búp đầu tiên của năm.",
    "Ông T.V.K, một hộ trồng chè lâu năm, kể rằng gia đình ông có gần một héc-ta chè cành đang cho thu hoạch đều.",
    "Theo cán bộ nông nghiệp xã, diện tích chè giống mới năm nay đã chiếm hơn một nửa diện tích chè của toàn xã.",
    "Các hợp tác xã đã ký hợp đồng tiêu thụ với vài cơ sở chế biến trong tỉnh nên người trồng yên tâm về đầu ra.",
)


def _word_page(size: str, picture_line_size: str) -> str:
    """A body pasted from a word processor: every paragraph's text in a span of ``size``;
    the third opens with a picture, a line break, then its text in ``picture_line_size``."""
    first, second, third, fourth = WORD_PARAGRAPHS

    def para(text: str, px: str = size) -> str:
        return f'<p style="text-align:justify"><span style="font-size:{px}">{text}</span></p>'
    return ('<html><head><title>Chè vụ xuân</title></head><body><div class="detail">'
            '<h1 class="title-detail">Chè vụ xuân về sớm</h1>'
            '<div class="desc">Nắng ấm giúp các đồi chè cho búp sớm hơn mọi năm.</div>'
            f'<div class="content-detail">{para(first)}{para(second)}'
            f'<p style="text-align:justify"><img src="/uploads/che-2.jpg" width="600"><br>'
            f'<span style="font-size:{picture_line_size}">{third}</span></p>{para(fourth)}</div>'
            '</div></body></html>')


@pytest.mark.parametrize("size", ["14px", "13px", "10pt"])
def test_a_paragraph_in_the_same_type_as_its_neighbours_after_a_picture_is_text(sources, size):
    result = extract_article(_word_page(size, size), BTN_URL, sources["baothainguyen"])
    assert WORD_PARAGRAPHS[2] in result.body
    assert result.captions == []


def test_a_line_smaller_than_the_paragraphs_around_it_after_a_picture_is_a_caption(sources):
    caption = "Bà con hái chè trên đồi."
    html = _word_page("16px", "13px").replace(WORD_PARAGRAPHS[2], caption)
    result = extract_article(html, BTN_URL, sources["baothainguyen"])
    assert result.captions == [caption]
    assert caption not in result.body
