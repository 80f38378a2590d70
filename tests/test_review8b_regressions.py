"""Regressions a further reading of session 8's crawler rules found (hand-written pages):
captions in small print in a row, a sapo lost to an auto-generated description, closing
lines that are source credits or document links, body lines taken as a picture's caption,
a sidebar joined to the body, a book review's "Tác giả:" line, a place name read as the
author, a back link read as the category, and a posted time lost to an air-time word."""
from __future__ import annotations

import pytest

from crawler.extract import extract_article

TNTV_URL = "https://thainguyentv.vn/mua-na-dong-hy-12371.html"


def _page(body: str, head: str = "", above: str = "") -> str:
    """A thainguyentv article page: title, an optional block above the body, the body."""
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Mùa na ở Đồng Hỷ</title>'
            '<meta property="article:published_time" content="2025-08-02T07:15:00+07:00">'
            f'{head}</head><body><h1 class="article-detail-title">Mùa na ở Đồng Hỷ</h1>{above}'
            f'<div class="article-detail-content">{body}</div></body></html>')


NA_TEXT = (
    "Vùng đồi phía đông huyện có hơn một trăm héc-ta na dai, phần lớn đã cho quả ổn định nhiều năm nay.",
    "Nhờ chăm bón đúng cách, quả năm nay to và đều, được các bếp ăn và chợ đầu mối trong tỉnh đặt mua sớm.",
    "Hợp tác xã đang làm thủ tục để đưa na dai vào danh mục sản phẩm đặc trưng của địa phương.",
)


@pytest.mark.parametrize("text_size", ["16px", None])
def test_captions_in_small_print_one_after_another_are_captions(sources, text_size):
    def para(text):
        return f'<p><span style="font-size:{text_size}">{text}</span></p>' if text_size else f"<p>{text}</p>"
    captions = ["Chị H.T.M hái na trên đồi.", "Na được xếp vào sọt chờ xe."]
    body = para(NA_TEXT[0])
    for n, caption in enumerate(captions):
        body += (f'<p style="text-align:center"><img src="/uploads/2025/08/na-{n}.jpg" alt=""></p>'
                 f'<p style="text-align:center"><span style="font-size:13px">{caption}</span></p>')
    body += para(NA_TEXT[1]) + para(NA_TEXT[2])
    result = extract_article(_page(body), TNTV_URL, sources["thainguyentv"])
    assert result.captions == captions
    assert not any(caption in result.body for caption in captions)


SAPO_ABOVE = ("Đợt nắng nóng kéo dài tuần qua khiến mực nước nhiều hồ chứa nhỏ ở các xã vùng cao "
              "xuống thấp, bà con phải chở nước từ xa về dùng.")
DRY_TEXT = (
    "Tại xóm Khe Cạn, hồ chứa của xóm chỉ còn khoảng một phần ba dung tích, nhiều giếng đào của các hộ đã cạn đáy từ đầu tháng.",
    "Xã đã cử cán bộ xuống từng xóm kiểm tra, đồng thời đề nghị huyện hỗ trợ thêm téc chứa nước cho các hộ ở xa nguồn.",
)


@pytest.mark.parametrize("description", [DRY_TEXT[0][:70] + "…", DRY_TEXT[0][:70].rstrip() + "...",
                                         DRY_TEXT[0][:88]])
def test_a_description_cut_from_the_first_paragraph_leaves_the_sapo_above_the_body(sources, description):
    head = f'<meta name="description" content="{description}">'
    above = f'<div class="meta-time">02/08/2025 07:15</div><p>{SAPO_ABOVE}</p>'
    body = "".join(f"<p>{text}</p>" for text in DRY_TEXT)
    html = _page(body, head, above).replace('class="article-detail-title"', 'class="news-title"')
    html = html.replace('class="article-detail-content"', 'class="main-text"')
    result = extract_article(html, TNTV_URL, sources["thainguyentv"])
    assert result.lead == SAPO_ABOVE
    assert result.body == "\n".join(DRY_TEXT)


RICE_TEXT = (
    "Ở các cánh đồng ven sông, thương lái vào tận ruộng mua lúa tươi với giá cao hơn vụ trước khoảng vài trăm đồng.",
    "Cán bộ khuyến nông xã cho biết giống lúa mới cho năng suất khá, ít sâu bệnh nên chi phí chăm sóc giảm đáng kể.",
)


@pytest.mark.parametrize("line, href", [
    ("Theo báo Nông thôn ngày nay", "https://nongthonngaynay.example.vn/gia-lua-tang.html"),
    ("Xem toàn văn hướng dẫn thời vụ tại đây", "https://sonn.example.gov.vn/van-ban/huong-dan-thoi-vu"),
    ("Tải về bảng giá lúa giống của tỉnh năm nay", "https://sonn.example.gov.vn/van-ban/bang-gia"),
    ("Một bài về giá lúa trên trang của báo khác", "https://baokhac.example.vn/gia-lua-1234.html"),
])
def test_a_closing_link_line_that_is_no_other_article_of_the_outlet_stays(sources, line, href):
    body = "".join(f"<p>{text}</p>" for text in RICE_TEXT) + f'<p><a href="{href}">{line}</a></p>'
    result = extract_article(_page(body), TNTV_URL, sources["thainguyentv"])
    assert result.body == "\n".join([*RICE_TEXT, line])


def test_a_closing_link_to_another_article_of_the_outlet_goes(sources):
    related = "Nông dân vùng chè phấn khởi vì được mùa được giá"
    body = ("".join(f"<p>{text}</p>" for text in RICE_TEXT)
            + f'<p><a href="https://thainguyentv.vn/nong-dan-vung-che-phan-khoi-12222.html">{related}</a></p>')
    result = extract_article(_page(body), TNTV_URL, sources["thainguyentv"])
    assert result.body == "\n".join(RICE_TEXT)


def test_looking_for_closing_link_lines_stays_linear(sources):
    """A body that ends in a deep nest of boxes, each with an empty element beside the next
    box and a short line at the bottom: each level's text is not read again per level."""
    import time

    import lxml.html

    from crawler import extract

    def best(depth: int) -> float:
        html = ('<div><p>Một đoạn văn của bài.</p>' + "<div><span></span>" * depth + "<p>Hết.</p>"
                + "</div>" * depth + "</div>")
        body = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
        times = []
        for _ in range(3):
            start = time.perf_counter()
            assert extract._closing_link_lines(body, sources["thainguyentv"]) == []
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(200), best(2000)
    # ten times the depth: linear work takes ~10x, reading each level's text again ~100x
    assert large < 30 * max(small, 0.005), (small, large)


TEA_TEXT = (
    "Cả xóm hiện có gần năm mươi hộ trồng chè, phần lớn đã chuyển sang bón phân hữu cơ và ghi nhật ký sản xuất.",
    "Sản phẩm của tổ hợp tác được một cửa hàng đặc sản ở thành phố nhận bao tiêu với giá ổn định suốt cả năm.",
)


@pytest.mark.parametrize("line_html, line", [
    ("<p><strong>Hướng đi mới cho vùng chè</strong></p>", "Hướng đi mới cho vùng chè"),
    ('<p><span style="font-weight: bold">Hướng đi mới cho vùng chè</span></p>', "Hướng đi mới cho vùng chè"),
])
def test_a_bold_crosshead_in_a_picture_block_is_no_caption(sources, line_html, line):
    body = (f"<p>{TEA_TEXT[0]}</p><div class=\"block\"><img src=\"/uploads/2025/08/che.jpg\" alt=\"\">{line_html}</div>"
            f"<p>{TEA_TEXT[1]}</p>")
    result = extract_article(_page(body), TNTV_URL, sources["thainguyentv"])
    assert result.captions == []
    assert result.body == "\n".join([TEA_TEXT[0], line, TEA_TEXT[1]])


@pytest.mark.parametrize("box", ['<div class="pull-quote">{img}<div class="pull-quote__text">{q}</div></div>',
                                 '<blockquote>{img}<p>{q}</p></blockquote>'])
def test_a_pull_quote_beside_a_portrait_is_no_caption(sources, box):
    quote = "Mỗi buổi sáng thấy các cháu đến lớp đông đủ là tôi yên tâm rồi."
    body = (f"<p>{TEA_TEXT[0]}</p>" + box.format(img='<img src="/uploads/2025/08/co-giao.jpg" alt="">', q=quote)
            + f"<p>{TEA_TEXT[1]}</p>")
    result = extract_article(_page(body), TNTV_URL, sources["thainguyentv"])
    assert result.captions == []
    assert quote in result.body


BRIDGE_TEXT = (
    "Sáng nay, xã tổ chức khởi công cây cầu bê tông thay cho cầu tạm bằng tre mà bà con hai bên suối vẫn đi lại bấy lâu nay. "
    "Công trình do ngân sách huyện và nhân dân cùng đóng góp.",
    "Cầu dài hơn ba mươi mét, đủ cho xe tải nhỏ qua lại, dự kiến xong trước mùa lũ. Học sinh hai xóm sẽ không còn phải lội "
    "suối đến trường vào những ngày nước lên.",
)
SIDEBAR_NOTE = ("Tòa soạn thông báo tuyển cộng tác viên ảnh cho các chuyên mục đời sống và du lịch. Người quan tâm gửi "
                "hồ sơ về hộp thư của tòa soạn trước cuối tháng, chi tiết xem tại mục thông báo.")


@pytest.mark.parametrize("row, main, side", [
    ("row", "col-md-8", "col-md-4"),
    ("grid", "grid__item grid__item--wide", "grid__item"),
    ("layout", "column is-8", "column"),
    ("row", "main-area", "side-area"),
])
def test_a_sidebar_column_is_not_joined_to_the_text(sources, row, main, side):
    html = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Khởi công cầu qua suối</title></head><body>'
            '<div class="wrap"><h1 class="entry-heading">Khởi công cầu qua suối</h1><div class="when">02/08/2025 07:15</div></div>'
            f'<div class="wrap"><div class="{row}"><div class="{main}"><div class="entry-text">'
            + "".join(f"<p>{text}</p>" for text in BRIDGE_TEXT)
            + f'</div></div><div class="{side}"><div class="box-tb"><div class="box-tb-head">Thông báo</div>'
            f"<p>{SIDEBAR_NOTE}</p></div></div></div></div></body></html>")
    result = extract_article(html, "https://example-news.vn/khoi-cong-cau-qua-suoi-123.html", sources["thainguyentv"])
    assert result.body == "\n".join(BRIDGE_TEXT)


REVIEW_TEXT = (
    "Tập thơ gồm gần sáu mươi bài viết về núi đồi, nương chè và những phiên chợ vùng cao mà người viết đã đi qua.",
    "Giọng thơ mộc mạc, nhiều hình ảnh gần gũi, đọc lên thấy thương những con đường đất đỏ mùa mưa.",
)


def test_a_book_s_author_line_closing_a_review_stays_in_the_body(sources):
    body = ("".join(f"<p>{text}</p>" for text in REVIEW_TEXT)
            + "<p>Tên sách: Đồi chè mùa sương</p><p>Tác giả: Hoàng Thị Lan</p>")
    above = '<div class="article-detail-author">Quang Minh</div>'
    result = extract_article(_page(body, above=above), TNTV_URL, sources["thainguyentv"])
    assert result.author == "Quang Minh"
    assert result.body.endswith("Tên sách: Đồi chè mùa sương\nTác giả: Hoàng Thị Lan")


def test_closing_lines_that_print_the_author_and_tags_read_go(sources):
    body = "".join(f"<p>{text}</p>" for text in REVIEW_TEXT) + "<p>Tác giả: Quang Minh</p><p>Từ khóa: thơ, sách mới</p>"
    after = '<div class="article-detail-tags"><a href="/tag/tho">thơ</a><a href="/tag/sach-moi">sách mới</a></div>'
    html = _page(body + "</div>" + after + "<div>", above='<div class="article-detail-author">Quang Minh</div>')
    result = extract_article(html, TNTV_URL, sources["thainguyentv"])
    assert result.author == "Quang Minh"
    assert result.body == "\n".join(REVIEW_TEXT)


HOUSING_TEXT = (
    "Năm nay huyện hỗ trợ hơn một trăm hộ khó khăn sửa chữa nhà ở, kinh phí lấy từ ngân sách và tiền vận động.",
    "Đến nay đã có hơn nửa số hộ sửa xong nhà, các hộ còn lại phấn đấu hoàn thành trước mùa mưa bão.",
)


def _row_page(title: str, row_items: str) -> str:
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>' + title + '</title></head><body>'
            '<div class="menu"><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a> <a href="/dai-tu">Đại Từ</a></div>'
            f'<div class="tin"><h1 class="tin-title">{title}</h1><div class="tin-info">{row_items}</div>'
            '<div class="tin-body">' + "".join(f"<p>{text}</p>" for text in HOUSING_TEXT) + "</div></div></body></html>")


@pytest.mark.parametrize("title, place", [
    ("Định Hóa: Hơn trăm hộ được hỗ trợ sửa nhà", "Định Hóa"),
    ("Hỗ trợ hơn trăm hộ sửa nhà trước mùa mưa", "Đại Từ"),
    ("Hà Nội và Thái Nguyên cùng hỗ trợ sửa nhà", "Hà Nội - Thái Nguyên"),
])
def test_a_place_in_an_unlabelled_date_row_is_no_author(sources, title, place):
    row = f'<a href="/xa-hoi">Xã hội</a> | <span>08:15 ngày 4/7/2025</span> | <span>{place}</span>'
    result = extract_article(_row_page(title, row), "https://example-news.vn/ho-tro-sua-nha-123.html",
                             sources["thainguyentv"])
    assert result.author is None


def test_reporters_closing_an_unlabelled_date_row_are_the_author(sources):
    row = '<a href="/xa-hoi">Xã hội</a> | <span>08:15 ngày 4/7/2025</span> | <span>Thu Hà - Đức Anh</span>'
    result = extract_article(_row_page("Hỗ trợ hơn trăm hộ sửa nhà trước mùa mưa", row),
                             "https://example-news.vn/ho-tro-sua-nha-123.html", sources["thainguyentv"])
    assert result.author == "Thu Hà - Đức Anh"


@pytest.mark.parametrize("link", ['<a href="javascript:history.back()">« Quay lại</a>',
                                  '<a href="javascript:void(0)">Tin tức</a>',
                                  '<a href="/">Trở về</a>', '<a href="/tin-tuc">‹ Back</a>'])
def test_a_back_link_above_the_headline_is_no_category(sources, link):
    html = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Hỗ trợ sửa nhà</title></head><body>'
            f'<div class="tin"><div class="tin-back">{link}</div><h1 class="tin-title">Hỗ trợ hơn trăm hộ sửa nhà</h1>'
            '<div class="tin-body">' + "".join(f"<p>{text}</p>" for text in HOUSING_TEXT) + "</div></div></body></html>")
    result = extract_article(html, "https://example-news.vn/ho-tro-sua-nha-123.html", sources["thainguyentv"])
    assert not result.category


@pytest.mark.parametrize("row, posted", [
    ("20:10 15/07/2025 | Phát sóng trong bản tin Thời sự tối", "2025-07-15T20:10:00+07:00"),
    ("20:10 15/07/2025 · Chương trình phát sóng hằng tuần", "2025-07-15T20:10:00+07:00"),
])
def test_an_air_time_word_without_a_time_leaves_the_row_s_posted_time(sources, row, posted):
    html = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bản tin tối</title></head><body>'
            f'<div class="vd"><h1 class="vd-title">Bản tin tối về mùa na</h1><div class="vd-info">{row}</div>'
            '<div class="vd-text">' + "".join(f"<p>{text}</p>" for text in NA_TEXT) + "</div></div></body></html>")
    result = extract_article(html, "https://thainguyentv.vn/ban-tin-toi-12380.html", sources["thainguyentv"])
    assert result.published_at == posted


def test_a_line_that_states_an_air_time_is_still_an_air_time():
    from crawler.dates import is_air_time
    assert is_air_time("Phát sóng: 17:15 thứ Ba, 10/06/2025")
    assert is_air_time("Phóng sự phát sóng lúc 8 giờ tối 13/08/2024 trên kênh TN1.")
    assert not is_air_time("19:45 12/08/2024 | Phát sóng trong chương trình Thời sự tối")
