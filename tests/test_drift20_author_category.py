"""Who wrote an item, its section and its tags on templates no selector knows (round 20 of
drifted pages: a Bitrix property list in bare text, a django CMS blog, a print view, a
WebForms table portal, a Blazor column, a Qwik meta row, a Trix body). Each page is
hand-written; the rules are the template-independent ones extract.py reads them by."""
from __future__ import annotations

from crawler.extract import extract_article

URL = "https://thainguyentv.vn/mo-rong-tuyen-duong-tranh-lu-tai-dinh-hoa-108975.html"
TITLE = "Mở rộng tuyến đường tránh lũ tại Định Hóa"
PARAGRAPHS = [
    "Tuyến đường dài 4,8km nối các xóm vùng trũng của xã Bảo Cường với trung tâm huyện, được nâng cao nền thêm 1,2m.",
    "Trong mùa mưa năm ngoái, đoạn đường cũ bị ngập nhiều ngày, hàng trăm hộ dân phải đi vòng qua xã bên cạnh.",
    "Công trình dùng vốn ngân sách huyện và vốn nhân dân đóng góp, dự kiến hoàn thành trước tháng 8 năm nay.",
]
TEXT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
HEAD = (f"<html><head><title>{TITLE}</title>"
        '<meta property="article:published_time" content="2025-05-20T08:30:00+07:00"></head><body>')


def _extract(html: str, sources):
    return extract_article(html, URL, sources["thainguyentv"])


# ---- author -------------------------------------------------------------------------------
def test_a_labelled_property_line_in_bare_text_names_the_writer_and_leaves_the_body(sources):
    """Bitrix prints its properties as bare text between line breaks, after the text."""
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="news-detail"><div>' + "<br><br>".join(PARAGRAPHS)
            + "<br><br>Tác giả:&nbsp;Quang Huy<br>Nguồn:&nbsp;Huyện Định Hóa<br></div></div></main></body></html>")
    result = _extract(html, sources)
    assert result.author == "Quang Huy"
    assert "Tác giả" not in result.body and "Quang Huy" not in result.body
    assert result.body.startswith(PARAGRAPHS[0])


def test_a_picture_credit_before_the_writing_credit_still_names_the_writer(sources):
    """"Ảnh và bài: Thu Trang" says she took the photos and wrote the text."""
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="meta-row"><div class="owner">Ảnh và bài: '
            f'<strong>Thu Trang</strong></div></div><div class="noi-dung">{TEXT}</div></main></body></html>')
    assert _extract(html, sources).author == "Thu Trang"


def test_a_picture_credit_alone_names_no_writer(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="meta-row"><div class="owner">Ảnh: '
            f'<strong>Thu Trang</strong></div></div><div class="noi-dung">{TEXT}</div></main></body></html>')
    assert _extract(html, sources).author is None


def test_a_role_in_brackets_after_the_closing_name_is_no_part_of_it(sources):
    """"Minh Khôi (CTV)": CTV (a contributor) is what he is, not his name."""
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}'
            '<p style="text-align: right;"><strong>Minh Khôi (CTV)</strong></p></div></main></body></html>')
    result = _extract(html, sources)
    assert result.author == "Minh Khôi"
    assert "CTV" not in result.body and result.body.endswith(PARAGRAPHS[-1])


def test_a_bold_name_closing_the_last_paragraph_after_a_line_break_is_the_byline(sources):
    """ActionText/Trix: paragraphs are runs of one div split by blank lines; the credit is
    the last run, in bold."""
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="trix-content"><div>'
            + "<br><br>".join(PARAGRAPHS) + "<br><br><strong>Thu Hà - Minh Đức</strong></div></div>"
            "</main></body></html>")
    result = _extract(html, sources)
    assert result.author == "Thu Hà - Minh Đức"
    assert "Minh Đức" not in result.body and result.body.endswith(PARAGRAPHS[-1])


def test_a_bold_phrase_closing_a_paragraph_is_no_byline(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="trix-content"><div>'
            + "<br><br>".join(PARAGRAPHS) + " Người dân gọi đó là <strong>Đường Mới</strong></div></div>"
            "</main></body></html>")
    assert _extract(html, sources).author is None


def test_a_signature_right_after_the_text_styled_by_the_pages_stylesheet_is_the_byline(sources):
    """A print view: the names under the text, right-aligned by a class of its stylesheet."""
    head = HEAD.replace("</head>", "<style>.ky{text-align:right;font-weight:bold}.nguon{font-size:10pt}</style></head>")
    html = (head + f'<div class="ten-bai">{TITLE}</div><div class="noi-dung-in">{TEXT}</div>'
            '<div class="ky">Lan Hương - Đức Trung</div><div class="nguon">Nguồn: thainguyentv.vn</div></body></html>')
    assert _extract(html, sources).author == "Lan Hương - Đức Trung"


def test_an_unstyled_line_after_the_text_is_no_byline(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung-in">{TEXT}</div>'
            '<div class="ghi-chu">Định Hóa</div></main></body></html>')
    assert _extract(html, sources).author is None


def test_the_names_beside_the_date_in_an_unlabelled_meta_row_are_the_byline(sources):
    """Qwik City's row under the headline: section | date | reporters."""
    html = (HEAD.replace('<meta property="article:published_time" content="2025-05-20T08:30:00+07:00">', "")
            + f'<main><h1>{TITLE}</h1><div class="vd-meta"><a href="/thai-nguyen/thoi-su">Thời sự</a>'
            '<span>|</span><span>20h15 ngày 20/5/2025</span><span>|</span><span>Hồng Vân - Tuấn Anh</span></div>'
            f'<div class="vd-text">{TEXT}</div></main></body></html>')
    result = _extract(html, sources)
    assert result.author == "Hồng Vân - Tuấn Anh"
    assert result.category == "Thời sự"


def test_a_single_word_beside_the_date_is_no_byline(sources):
    html = (HEAD.replace('<meta property="article:published_time" content="2025-05-20T08:30:00+07:00">', "")
            + f'<main><h1>{TITLE}</h1><div class="vd-meta"><span>20h15 ngày 20/5/2025</span><span>|</span>'
            f'<span>Video</span></div><div class="vd-text">{TEXT}</div></main></body></html>')
    assert _extract(html, sources).author is None


# ---- category -----------------------------------------------------------------------------
def test_a_section_label_names_the_category_and_its_link_is_no_tag(sources):
    """djangocms-blog lists the category and the tags in two lists of one class ("tags"),
    the category after the label "Chuyên mục:"."""
    html = (HEAD + f'<main><article class="post-detail"><header><h1>{TITLE}</h1>'
            '<ul class="post-detail tags"><li><span class="label">Chuyên mục:</span> '
            '<a href="/xa-hoi/category/giao-thong/">Giao thông</a></li></ul></header>'
            f'<div class="blog-content">{TEXT}</div>'
            '<ul class="post-detail tags"><li class="tags_title">Từ khóa:</li>'
            '<li><a href="/xa-hoi/tag/duong-tranh-lu/">đường tránh lũ</a></li>'
            '<li><a href="/xa-hoi/tag/dinh-hoa/">Định Hóa</a></li></ul></article></main></body></html>')
    result = _extract(html, sources)
    assert result.category == "Giao thông"
    assert result.tags == ["đường tránh lũ", "Định Hóa"]


def test_a_section_label_line_of_a_print_view_names_the_category(sources):
    html = (HEAD + '<div class="thong-tin">Chuyên mục: Pháp luật</div>'
            f'<div class="ten-bai">{TITLE}</div><div class="noi-dung-in">{TEXT}</div></body></html>')
    assert _extract(html, sources).category == "Pháp luật"


def test_a_section_label_in_a_card_of_another_item_names_no_category(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="noi-dung">{TEXT}</div>'
            '<div class="card"><a href="/cau-moi-tai-phu-binh-108900.html">Cầu mới tại Phú Bình</a>'
            '<p>Chuyên mục: Kinh tế</p></div></main></body></html>')
    assert _extract(html, sources).category is None


def test_a_table_cell_breadcrumb_names_the_category(sources):
    """A WebForms table portal prints its trail in a cell: "Trang chủ >> Thời sự"."""
    html = (HEAD + '<table><tr><td class="Path"><a href="/">Trang chủ</a> &gt;&gt; '
            '<a href="/thai-nguyen/thoi-su">Thời sự</a></td></tr>'
            f'<tr><td><span class="TieuDe">{TITLE}</span></td></tr>'
            f'<tr><td><span class="NoiDung">{TEXT}</span></td></tr></table></body></html>')
    assert _extract(html, sources).category == "Thời sự"


def test_a_section_heading_above_the_headlines_box_is_the_kicker(sources):
    """Blazor's column: the section's heading link sits above the box that opens with the h1."""
    html = (HEAD + '<main><div class="col"><h2 class="section-heading"><a href="/thai-nguyen/thoi-su">Thời sự</a></h2>'
            f'<div class="news-view"><h1>{TITLE}</h1><div class="news-view-body">{TEXT}</div></div></div>'
            "</main></body></html>")
    assert _extract(html, sources).category == "Thời sự"


def test_the_sites_header_link_above_the_headline_is_no_kicker(sources):
    html = (HEAD + '<div class="top"><a href="/">Thái Nguyên TV</a></div>'
            f'<div class="news-view"><h1>{TITLE}</h1><div class="news-view-body">{TEXT}</div></div></body></html>')
    assert _extract(html, sources).category is None


# ---- tags ---------------------------------------------------------------------------------
def test_a_tag_label_in_bare_text_opens_the_tags_and_the_line_leaves_the_body(sources):
    html = (HEAD + f'<main><h1>{TITLE}</h1><div class="news-detail"><div>' + "<br><br>".join(PARAGRAPHS)
            + '<br><br>Từ khóa:&nbsp;<a href="/search/?tags=lu">lũ</a>, <a href="/search/?tags=dinh-hoa">Định Hóa</a>'
            "<br></div></div></main></body></html>")
    result = _extract(html, sources)
    assert result.tags == ["lũ", "Định Hóa"]
    assert "Từ khóa" not in result.body and result.body.endswith(PARAGRAPHS[-1])

