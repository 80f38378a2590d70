"""Found by a third reader of session 8's rules: an event's time, a lead sentence or an
"updated" line does not complete a day-only machine date; a lone reporter in the date row
is the author; a writer's link beside the section is no subsection; a flag above the
headline is no category; a reader's comment marked as schema.org microdata names no author."""
from __future__ import annotations

import pytest

from crawler.extract import extract_article

URL = "https://thainguyentv.vn/khai-mac-hoi-cho-nong-san-12345.html"
TEXT = ("<p>Hội chợ nông sản năm nay quy tụ hơn 200 gian hàng của các hợp tác xã trong tỉnh, giới thiệu "
        "chè, gạo, nấm và rau an toàn.</p><p>Ban tổ chức cho biết hội chợ kéo dài năm ngày, có nhiều hoạt động "
        "giao lưu văn hóa và trình diễn ẩm thực truyền thống.</p><p>Người dân có thể tham quan miễn phí "
        "trong suốt thời gian diễn ra hội chợ.</p>")


HEADER = '<div class="header"><a href="/">Trang chủ</a> <a href="/thai-nguyen/kinh-te">Kinh tế</a></div>'


def _page(above_text: str = "", head: str = '<meta property="article:published_time" content="2025-09-18">',
          after_text: str = "", header: str = HEADER) -> str:
    return (f"<html><head><title>Khai mạc Hội chợ nông sản</title>{head}</head><body>{header}"
            f'<div class="main">{above_text}<h1 class="article-detail-title">Khai mạc Hội chợ nông sản</h1>'
            f'<div class="article-detail-content">{TEXT}</div>{after_text}</div></body></html>')


def _title_then(line: str) -> str:
    """A page whose headline is followed by ``line`` before the text."""
    return _page().replace("</h1>", "</h1>" + line, 1)


@pytest.mark.parametrize("line", [
    '<div class="event-info"><p>Thời gian: 19h30 ngày 18/9/2025</p><p>Địa điểm: Quảng trường Võ Nguyên Giáp</p></div>',
    '<p class="intro"><strong>Lúc 20h00 ngày 18/9/2025, hội chợ nông sản của tỉnh chính thức khai mạc.</strong></p>',
    '<p>Cập nhật lúc 16:45 18/09/2025</p>',
])
def test_a_day_only_machine_date_is_not_completed_by_an_event_a_sentence_or_an_update(sources, line):
    assert extract_article(_title_then(line), URL, sources["thainguyentv"]).published_at == "2025-09-18T00:00:00+07:00"


@pytest.mark.parametrize("row", [
    '<div class="meta"><span>Kinh tế</span><span>08:30 18/09/2025</span><span>Thu Hà</span></div>',
    '<div class="meta"><a href="/thai-nguyen/kinh-te">Kinh tế</a> | <span>08:30 18/09/2025</span> | <span>Thu Hà</span></div>',
])
def test_a_lone_reporter_closing_the_date_row_is_the_author(sources, row):
    result = extract_article(_title_then(row), URL, sources["thainguyentv"])
    assert result.author == "Thu Hà"


def test_a_lone_place_the_text_speaks_of_closing_the_date_row_is_no_author(sources):
    row = '<div class="meta"><span>08:30 18/09/2025</span><span>Quảng Trường</span></div>'
    page = _title_then(row).replace("giới thiệu", "tại Quảng Trường giới thiệu", 1)
    assert extract_article(page, URL, sources["thainguyentv"]).author is None


def test_a_writer_s_link_beside_the_section_above_the_headline_is_no_subsection(sources):
    kicker = ('<div class="top-line"><a href="/thai-nguyen/thoi-su">Thời sự</a> | '
              '<a href="/tac-gia/hoang-long">Hoàng Long</a></div>')
    result = extract_article(_page(above_text=kicker, head="", header=""), URL, sources["thainguyentv"])
    assert result.category == "Thời sự"


@pytest.mark.parametrize("flag", ["Tin nóng", "Độc quyền", "E-magazine"])
def test_a_flag_above_the_headline_is_no_category(sources, flag):
    page = _page(above_text=f'<div class="kicker">{flag}</div>', head="", header="")
    assert extract_article(page, URL, sources["thainguyentv"]).category is None


def test_a_reader_s_comment_marked_as_microdata_names_no_author(sources):
    comments = ('<div class="y-kien"><div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
                '<span itemprop="author">Nguyễn Văn Bình</span><p itemprop="text">Hội chợ rất bổ ích.</p></div></div>')
    result = extract_article(_page(after_text=comments), URL, sources["thainguyentv"])
    assert result.author != "Nguyễn Văn Bình"
