"""The fields around the text on templates no selector knows: who wrote it, its section and
its tags (rounds 19-20 of drifted pages, and the second review of session 7). Each page is
hand-written; the rules are the template-independent ones extract.py reads them by."""
from __future__ import annotations

import time

import pytest

from crawler.extract import extract_article

URL = "https://thainguyentv.vn/khoi-cong-duong-lien-xa-tai-phu-luong-108931.html"
TITLE = "Khởi công đường liên xã tại Phú Lương"
PARAGRAPHS = [
    "Tuyến đường dài 6,2km nối trung tâm xã Yên Ninh với quốc lộ 3, mặt đường rộng 7,5m, hai bên có rãnh thoát nước.",
    "Phát biểu tại buổi lễ, lãnh đạo UBND huyện đề nghị nhà thầu bảo đảm tiến độ, chất lượng và an toàn lao động.",
    "Dự án dùng vốn ngân sách tỉnh và huyện, dự kiến hoàn thành trước mùa mưa năm sau, phục vụ hơn 3.000 hộ dân.",
]
TEXT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
HEAD = (f"<html><head><title>{TITLE}</title>"
        '<meta property="article:published_time" content="2025-05-12T08:30:00+07:00"></head><body>')


def _extract(html: str, sources):
    return extract_article(html, URL, sources["thainguyentv"])


# ---- author -------------------------------------------------------------------------------
def test_a_posted_by_line_closing_the_text_names_the_writer_and_leaves_the_body(sources):
    """Blogger prints "Đăng bởi Thu Hà lúc 09:30" under the post: the writer, then the time."""
    html = (HEAD + f'<div class="post"><h3 class="post-title">{TITLE}</h3><div class="post-body">'
            + "<br><br>".join(PARAGRAPHS) + '</div><div class="post-footer"><p>Đăng bởi Thu Hà lúc 09:30</p></div>'
            "</div></body></html>")
    result = _extract(html, sources)
    assert result.author == "Thu Hà"
    assert "Đăng bởi" not in result.body and result.body.endswith(PARAGRAPHS[-1])


def test_a_posted_by_line_after_the_text_names_the_writer(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            '<ul class="thong-tin-bai"><li>Đăng bởi <a href="/tac-gia/hoang-yen">Hoàng Yến</a></li>'
            "<li>12/05/2025</li></ul></main></body></html>")
    assert _extract(html, sources).author == "Hoàng Yến"


@pytest.mark.parametrize("line", ["Đăng bởi Minh Anh vào lúc 10:15 ngày 12/5/2025", "Posted by Minh Anh at 10:15 AM"])
def test_the_time_of_a_posted_by_line_is_no_part_of_the_name(sources, line):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            f"<div class='ghi-chu'><p>{line}</p></div></main></body></html>")
    assert _extract(html, sources).author == "Minh Anh"


def test_a_sentence_opening_with_bởi_names_no_writer(sources):
    """"Bởi" alone is also "because": only "Đăng bởi"/"Viết bởi" (or a theme's byline box)
    names who posted the item."""
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}'
            "<p>Bởi Nhân Dân đồng lòng góp đất.</p></div></main></body></html>")
    assert _extract(html, sources).author is None


# ---- cost ---------------------------------------------------------------------------------------
def _best_of_three(html: str, sources) -> float:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        _extract(html, sources)
        times.append(time.perf_counter() - t0)
    return min(times)


def test_scanning_for_bylines_in_a_deep_nest_of_wrappers_stays_linear(sources):
    """A page nested 1,600 levels deep: each wrapper holds the text, and the byline and date
    scans read a short line only where it is not just its one child's text."""
    def page(depth: int) -> str:
        return (f"<html><body><div class='dau-bai'><h1>{TITLE}</h1></div>" + "<div>" * depth
                + f"<div class='bai'>{TEXT}</div>" + "</div>" * depth + "</body></html>")
    small_s, large_s = _best_of_three(page(200), sources), _best_of_three(page(1600), sources)
    # eight times the depth: linear work takes ~8x, reading every level's text ~64x
    assert large_s < 24 * max(small_s, 0.005), (small_s, large_s)
