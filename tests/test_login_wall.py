"""A login wall printed in place of the text is no text: the article is stored with its
body missing (counted by the layout alarm), a teaser above the wall stays, and text that
only speaks of logging in is left alone."""
from __future__ import annotations

import pytest

from crawler import extract
from crawler.extract import extract_article

URL = "https://thainguyentv.vn/phong-su-xe-go-lau-103800.html"
HEAD = ('<html><head><title>Phóng sự: Những chuyến xe gỗ lậu</title></head><body>'
        '<h1 class="article-detail-title">Phóng sự: Những chuyến xe gỗ lậu</h1>'
        '<div class="article-detail-desc">Phóng viên bám theo những chuyến xe chở gỗ không rõ nguồn gốc.</div>')
WALL_FORM = ('<div class="khoa"><p>Bài viết này chỉ dành cho thành viên.</p>'
             '<p>Vui lòng đăng nhập để đọc toàn bộ bài viết.</p>'
             '<form action="/dang-nhap"><input type="email" name="email"><input type="password" name="pw">'
             '<button>Đăng nhập</button></form></div>')
WALL_LINKS = ('<div class="khoa"><p>Đăng ký tài khoản miễn phí để đọc tiếp bài viết.</p>'
              '<p><a href="/dang-ky">Đăng ký ngay</a> | <a href="/dang-nhap">Đăng nhập</a></p></div>')
TEASER = ("<p>Nhiều đêm liền, những chiếc xe tải cũ chạy không đèn qua các con đường đất ven rừng phòng hộ, "
          "chở theo những khúc gỗ lớn được phủ bạt kín.</p>")
SIDEBAR = ('<div class="sidebar"><h3>Tin mới</h3><ul><li><a href="/khoi-to-vu-an-103790.html">Khởi tố vụ án '
           'khai thác rừng trái phép</a></li></ul></div>')


def _page(content: str) -> str:
    return f'{HEAD}<div class="__MASTERCMS_CONTENT">{content}</div>{SIDEBAR}</body></html>'


@pytest.mark.parametrize("wall", [WALL_FORM, WALL_LINKS])
def test_a_page_with_only_a_login_wall_has_no_body(sources, wall):
    result = extract_article(_page(wall), URL, sources["thainguyentv"])
    assert result.body == "" and "body" in result.missing
    assert result.lead.startswith("Phóng viên bám theo")


@pytest.mark.parametrize("wall", [WALL_FORM, WALL_LINKS])
def test_a_teaser_above_a_login_wall_stays_text(sources, wall):
    result = extract_article(_page(TEASER + wall), URL, sources["thainguyentv"])
    assert "những chiếc xe tải cũ chạy không đèn" in result.body
    assert "đăng nhập" not in result.body.lower() and "thành viên" not in result.body


@pytest.mark.parametrize("paragraph", [
    'Người dân <a href="https://dichvucong.example.vn/dang-nhap">đăng nhập</a> Cổng dịch vụ công để xem nội dung hồ sơ.',
    'Học sinh <a href="https://hoctap.example.vn/login">đăng nhập</a> hệ thống để xem bài giảng của thầy cô.',
    'Phụ huynh <a href="https://tuyensinh.example.vn/dang-ky">Đăng ký</a> tài khoản để xem nội dung thông báo.<br>'
    'Hạn chót là ngày 30/5.',
])
def test_a_short_notice_about_logging_in_to_a_public_service_stays(sources, paragraph):
    """Found by a second reader: a link worded "đăng nhập" beside "để xem nội dung…" or
    "để xem bài giảng" took the paragraph, or the whole short notice, for a login wall."""
    result = extract_article(_page(f"<p>{paragraph}</p>" + TEASER), URL, sources["thainguyentv"])
    assert paragraph.split("<a")[0].strip() in result.body
    assert "những chiếc xe tải cũ" in result.body


def test_text_that_speaks_of_logging_in_stays(sources):
    text = ('<p>Từ tháng 7, người dân có thể <a href="https://dichvucong.example.vn/dang-nhap">đăng nhập</a> '
            'Cổng dịch vụ công của tỉnh để xem kết quả giải quyết hồ sơ, tra cứu tiến độ và nhận thông báo.</p>'
            '<p>Sở Thông tin và Truyền thông cho biết, bài viết hướng dẫn chi tiết đã được đăng trên trang của Sở, '
            'người dùng cần đăng ký tài khoản định danh điện tử mức 2.</p>') * 2
    result = extract_article(_page(text), URL, sources["thainguyentv"])
    assert "đăng nhập Cổng dịch vụ công của tỉnh để xem kết quả" in result.body
    assert result.body.count("cần đăng ký tài khoản định danh") == 2


@pytest.mark.parametrize("shape", ["deep", "wide"])
def test_looking_for_login_walls_stays_linear(sources, shape):
    """Login links at the bottom of a deep nest of wrappers, or a sign-up form after every
    line of a long text block: the boxes around them are read once, not once per control."""
    import time

    import lxml.html

    def page(n: int) -> str:
        if shape == "deep":
            inner = "<div>" * n + '<a href="/dang-nhap">Đăng nhập</a>' + "</div>" * n
        else:
            inner = "<div>" + ("Một dòng chữ của bài.<br><form><input type='email'></form>" * n) + "</div>"
        return f"{HEAD}{inner}<p>{TEASER * 3}</p></body></html>"

    def best(n: int) -> float:
        root, times = lxml.html.fromstring(page(n)), []
        for _ in range(3):
            start = time.perf_counter()
            assert extract._login_walls(root) == []  # nothing here prompts a login
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(200), best(2000)
    # ten times the size: linear work takes ~10x, reading the boxes once per control ~100x
    assert large < 30 * max(small, 0.005), (small, large)
