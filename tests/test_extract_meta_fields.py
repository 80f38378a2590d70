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


# ---- tags ---------------------------------------------------------------------------------
def test_a_row_of_hashtag_links_without_a_label_is_the_tags(sources):
    html = (HEAD + '<div class="top-trend"><a href="/tag/bau-cu">#bầu cử</a></div>'
            f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            '<div class="chips"><a href="/tag/giao-thong">#giao thông</a> <a href="/tag/phu-luong">#Phú Lương</a>'
            '</div><div class="cards"><a href="/tin-khac-108900.html">Tin khác cùng ngày</a></div></main></body></html>')
    assert _extract(html, sources).tags == ["giao thông", "Phú Lương"]


def test_a_row_of_links_only_some_of_them_hashtags_is_no_tag_row(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            '<div class="lien-ket"><a href="/tag/giao-thong">#giao thông</a> <a href="/lien-he">Liên hệ tòa soạn</a>'
            "</div></main></body></html>")
    assert _extract(html, sources).tags == []


def test_a_related_topics_label_opens_the_tags(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            '<div class="chu-de"><strong>Chủ đề liên quan:</strong> <a href="/chu-de/giao-thong">giao thông</a> '
            '<a href="/chu-de/nong-thon-moi">nông thôn mới</a></div></main></body></html>')
    assert _extract(html, sources).tags == ["giao thông", "nông thôn mới"]


def test_the_tags_are_the_links_of_the_line_a_label_opens_not_the_post_wrappers(sources):
    """A page builder's post template: WordPress's post classes ("tag-…") on the wrapper of
    everything, a meta line (breadcrumb, author, date), the tags as one item of a list
    whose label is a span of its own, then prev/next links."""
    html = (HEAD + '<div class="post-108931 type-post hentry category-thoi-su tag-giao-thong tag-phu-luong">'
            '<p class="duong-dan"><a href="/">Trang chủ</a> » <a href="/thoi-su">Thời sự</a></p>'
            f'<h1>{TITLE}</h1><ul class="post-info"><li><a href="/author/thu-ha">Thu Hà</a></li>'
            '<li><a href="/2025/05/12/">12/05/2025</a></li></ul>'
            f'<div class="post-content">{TEXT}</div>'
            '<ul class="post-info"><li><span class="info-item"><span class="prefix">Từ khóa:</span> '
            '<span class="terms"><a href="/tag/giao-thong">giao thông</a>, <a href="/tag/phu-luong">Phú Lương</a>'
            '</span></span></li></ul>'
            '<div class="post-navigation"><a href="/bai-truoc-108930.html">Bài trước: Hội nghị giao ban</a>'
            '<a href="/bai-sau-108932.html">Bài sau: Ra mắt mô hình mới</a></div></div></body></html>')
    assert _extract(html, sources).tags == ["giao thông", "Phú Lương"]


def test_wordpress_term_classes_make_no_box_of_tags(sources):
    """The post's wrapper printed below a title banner carries "tag-<slug>" classes: its
    links (author, prev/next) are no tags."""
    html = (HEAD + f'<div class="banner"><h1>{TITLE}</h1></div>'
            '<div class="post-108931 type-post hentry tag-giao-thong">'
            f'<a href="/author/thu-ha">Thu Hà</a><div class="post-content">{TEXT}</div>'
            '<a href="/bai-sau-108932.html">Bài sau: Ra mắt mô hình mới</a></div></body></html>')
    assert _extract(html, sources).tags == []


def test_tags_read_from_meta_tags_leave_out_the_category(sources):
    """Ghost lists every term of the post as ``article:tag``, its primary tag (printed as the
    section above the title) first."""
    head = HEAD.replace("</head>", '<meta property="article:tag" content="Thời sự">'
                                   '<meta property="article:tag" content="giao thông">'
                                   '<meta property="article:tag" content="Phú Lương"></head>')
    html = (head + '<main><div class="article-tag"><span class="primary-tag"><a href="/tag/thoi-su/">Thời sự</a>'
            f'</span></div><h1>{TITLE}</h1><div class="gh-content">{TEXT}</div></main></body></html>')
    result = _extract(html, sources)
    assert result.category == "Thời sự"
    assert result.tags == ["giao thông", "Phú Lương"]


# ---- a page builder's widgets -----------------------------------------------------------------
def _widget(kind: str, inner: str) -> str:
    return (f'<div class="elementor-element elementor-widget elementor-widget-{kind}" data-element_type="widget" '
            f'data-widget_type="{kind}.default"><div class="elementor-widget-container">{inner}</div></div>')


def test_a_page_builders_widgets_are_no_sidebar_widgets(sources):
    """Elementor sets every block of the page in a "widget": the headline, the meta line and
    the text are the article's; a widget named for furniture (share buttons) is furniture.
    The post excerpt widget (bare text, no paragraph) is the sapo, not the text's start."""
    html = (HEAD + '<div data-elementor-type="single-post" class="elementor elementor-512">'
            + _widget("breadcrumbs", '<p><a href="/">Trang chủ</a> » <a href="/thoi-su">Thời sự</a></p>')
            + _widget("theme-post-title", f"<h1>{TITLE}</h1>")
            + _widget("post-info", '<ul><li><span class="post-info__item--type-author">Thu Hà</span></li></ul>')
            + _widget("theme-post-excerpt", "Sáng 12/5, huyện Phú Lương khởi công tuyến đường liên xã dài 6,2km "
                                            "với tổng vốn đầu tư hơn 40 tỷ đồng, nối trung tâm xã Yên Ninh với "
                                            "quốc lộ 3 và các xóm vùng cao của huyện.")
            + _widget("theme-post-content", TEXT)
            + _widget("share-buttons", '<a href="https://facebook.com/sharer">Chia sẻ Facebook</a>')
            + "</div></body></html>")
    result = _extract(html, sources)
    assert (result.author, result.category) == ("Thu Hà", "Thời sự")
    assert result.lead.startswith("Sáng 12/5, huyện Phú Lương")
    assert result.body.startswith(PARAGRAPHS[0]) and result.body.endswith(PARAGRAPHS[-1])


def test_a_sidebar_widget_stays_furniture(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div></main>'
            '<div class="widget widget_text"><p class="tac-gia">Thực hiện: Quang Minh</p></div></body></html>')
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
