"""Fields of round-21 drifted pages (Umbraco, TYPO3, Docusaurus, Liferay, Webflow, an
Instant-Articles view) read by template-independent rules. Each page is hand-written; each
rule has a page where it must not fire."""
from __future__ import annotations

from crawler.extract import extract_article

URL = "https://thainguyentv.vn/mo-rong-diem-tro-giup-phap-ly-tai-xa-109311.html"
TITLE = "Mở rộng điểm trợ giúp pháp lý tại xã vùng cao"
PARAGRAPHS = [
    "Từ đầu năm, huyện Võ Nhai mở thêm 6 điểm tiếp nhận yêu cầu trợ giúp pháp lý đặt tại trụ sở ủy ban xã.",
    "Mỗi điểm có một cán bộ tư pháp trực vào sáng thứ Hai và thứ Năm, hướng dẫn người dân làm đơn miễn phí.",
    "Trong quý đầu, các điểm đã tiếp nhận 87 lượt yêu cầu, phần lớn về đất đai, hôn nhân và thừa kế.",
    "Huyện dự kiến đánh giá kết quả vào cuối năm để nhân rộng mô hình ra các xã còn lại.",
]
HEAD = (f"<html><head><title>{TITLE}</title>"
        '<meta property="article:published_time" content="2025-04-08T08:30:00+07:00"></head><body>')


def _extract(html: str, sources, outlet: str = "thainguyentv", url: str = URL):
    return extract_article(html, url, sources[outlet])


# ---- 1. a signature block after a text split into sibling blocks ----------------------------
def _block_grid(signature: str) -> str:
    """A block editor's page: two text blocks of one class, a photo block between them,
    then ``signature`` in a block of its own."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    return (HEAD + f'<main><h1>{TITLE}</h1><div class="blocks">'
            f'<div class="blocks__item"><div class="text-block">{text[0]}</div></div>'
            '<div class="blocks__photo"><img src="/media/a1/diem-tro-giup.jpg" alt="">'
            '<span>Cán bộ tư pháp hướng dẫn người dân làm đơn tại điểm tiếp nhận của xã.</span></div>'
            f'<div class="blocks__item"><div class="text-block">{text[1]}</div></div>'
            f'<div class="blocks__end">{signature}</div></div></main></body></html>')


def test_a_signature_block_after_the_last_part_of_a_split_text_names_the_writer(sources):
    html = _block_grid('<div style="text-align:right"><strong>Thu Hằng</strong><br>'
                       '<em>(Phòng Tư pháp huyện)</em></div>')
    result = _extract(html, sources)
    assert result.author == "Thu Hằng"
    assert result.body.endswith(PARAGRAPHS[-1]) and "Thu Hằng" not in result.body


def test_a_plain_line_after_a_split_text_is_no_signature(sources):
    """The same layout, but the line below the text is not set apart (no bold, no right
    alignment, no role in brackets): nothing says it is a byline."""
    assert _extract(_block_grid("<div>Thu Hằng</div>"), sources).author is None


# ---- 2. a printed time completes a machine date that holds only a day -----------------------
BAO_URL = "https://baothainguyen.vn/phap-luat/202504/mo-rong-diem-tro-giup-phap-ly-3c1d2e4/"
BARE_HEAD = f"<html><head><title>{TITLE}</title></head><body>"
TEXT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _news_single(meta_row: str, machine: str = "", row_class: str = "footer") -> str:
    """A news extension's single view: the headline, a meta row (classed "footer", as
    TYPO3's news template does) above the text, then the text; the site's own footer at
    the bottom."""
    return (BARE_HEAD.replace("</head>", machine + "</head>")
            + f'<main><div class="article"><div class="header"><h3>{TITLE}</h3></div>'
            f'<div class="{row_class}"><p>{meta_row}</p></div>'
            f'<div class="news-text-wrap">{TEXT}</div></div></main>'
            '<div class="footer"><p>Báo Thái Nguyên. Giấy phép số 112/GP-BVHTTDL.</p></div></body></html>')


def test_a_printed_time_on_the_day_of_a_day_only_machine_date_completes_it(sources):
    html = _news_single('<span><time itemprop="datePublished" datetime="2025-04-08">'
                        "Thứ Ba, 08.04.2025 | 14:20</time></span>", row_class="meta")
    assert _extract(html, sources, "baothainguyen", BAO_URL).published_at == "2025-04-08T14:20:00+07:00"


def test_a_printed_time_on_another_day_leaves_a_day_only_machine_date_alone(sources):
    """The byline prints the next morning (an update): the machine day stands, at midnight."""
    html = _news_single("<span>09/04/2025 07:15</span>", '<meta itemprop="datePublished" content="2025-04-08">',
                        row_class="meta")
    assert _extract(html, sources, "baothainguyen", BAO_URL).published_at == "2025-04-08T00:00:00+07:00"


def test_a_printed_time_does_not_overrule_a_machine_date_with_its_own_time(sources):
    html = _news_single("<span>08/04/2025 14:20</span>",
                        '<meta property="article:published_time" content="2025-04-08T08:30:00+07:00">',
                        row_class="meta")
    assert _extract(html, sources, "baothainguyen", BAO_URL).published_at == "2025-04-08T08:30:00+07:00"


# ---- 3. a meta row classed "footer" above the text names the writer --------------------------
def test_a_credit_in_a_meta_row_classed_footer_above_the_text_names_the_writer(sources):
    html = _news_single('<span>08/04/2025 14:20</span> <span class="news-author">Thực hiện: '
                        '<span itemprop="name">Phạm Thu Hiền</span></span>')
    assert _extract(html, sources, "baothainguyen", BAO_URL).author == "Phạm Thu Hiền"


def test_a_credit_in_the_page_footer_below_the_text_names_no_writer(sources):
    """The site's own footer (below the text) stays furniture, whatever it credits."""
    html = _news_single("<span>08/04/2025 14:20</span>").replace(
        "Báo Thái Nguyên. Giấy phép", "Thực hiện: Hoàng Minh</p><p>Báo Thái Nguyên. Giấy phép")
    assert _extract(html, sources, "baothainguyen", BAO_URL).author is None


# ---- 3. the name in a microdata author card ---------------------------------------------------
def _blog_post(after_text: str = "", card: str = "") -> str:
    """A static-site blog post: the author card (photo, name, desk) under the headline."""
    return (HEAD + f'<main><article><header><h1>{TITLE}</h1>{card}</header>'
            f'<div class="markdown">{TEXT}</div>{after_text}</article></main></body></html>')


AVATAR = ('<div class="avatar"><a href="/tac-gia/ha-phuong/"><img class="avatar__photo" src="/img/hp.jpg" alt=""></a>'
          '<div class="avatar__intro" itemprop="author" itemscope itemtype="https://schema.org/Person">'
          '<div class="avatar__name"><a href="/tac-gia/ha-phuong/"><span itemprop="name">Hà Phương</span></a></div>'
          '<small itemprop="description">Ban Điện tử</small></div></div>')


def test_the_name_in_a_microdata_author_card_is_the_writer(sources):
    result = _extract(_blog_post(card=AVATAR), sources)
    assert result.author == "Hà Phương"
    assert "Ban Điện tử" not in result.body


def test_a_microdata_author_in_a_card_of_another_item_names_no_writer(sources):
    """A teaser of another story below the text carries its own author: not this one's."""
    teaser = ('<div class="next-post"><a href="https://thainguyentv.vn/khai-truong-diem-giao-dich-109320.html">'
              'Khai trương điểm giao dịch mới</a><span itemprop="author"><span itemprop="name">Quốc Toản</span>'
              '</span></div>')
    assert _extract(_blog_post(after_text=teaser), sources).author is None


def test_an_organisation_as_microdata_author_names_no_writer(sources):
    card = '<div itemprop="author" itemscope><span itemprop="name">Ban Biên Tập Thái Nguyên Điện Tử</span></div>'
    assert _extract(_blog_post(card=card), sources).author is None


# ---- 4. a caption row of an image table in a later part of the text ---------------------------
CAPTION = "Đoàn công tác kiểm tra sổ sách tại điểm tiếp nhận của xã Thần Sa."


def _two_part_text(table_rows: str) -> str:
    """A text in two parts of one kind (each marked as the article's body), the second
    holding a CKEditor image table: the image row, then ``table_rows``."""
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    table = ('<table align="center" border="0" cellpadding="3"><tbody><tr><td><img src="/documents/20143/0/kiem-tra.jpg" '
             f'alt=""></td></tr>{table_rows}</tbody></table>')
    return (HEAD + f'<main><h1>{TITLE}</h1><div class="text" itemprop="articleBody">{first}</div>'
            f'<div class="text" itemprop="articleBody"><p>{PARAGRAPHS[2]}</p>{table}<p>{PARAGRAPHS[3]}</p></div>'
            "</main></body></html>")


def test_the_caption_row_of_an_image_table_in_a_later_part_of_the_text_is_a_caption(sources):
    html = _two_part_text(f'<tr><td style="text-align:center"><em>{CAPTION}</em></td></tr>')
    result = _extract(html, sources)
    assert result.captions == [CAPTION]
    assert CAPTION not in result.body and PARAGRAPHS[2] in result.body and PARAGRAPHS[-1] in result.body


def test_a_row_of_text_under_a_picture_in_a_later_part_is_no_caption(sources):
    """The row under the image holds a paragraph of the text (longer than any caption):
    the table only lays out the text beside its photo; the paragraph stays body."""
    row = " ".join(PARAGRAPHS)
    result = _extract(_two_part_text(f"<tr><td>{row}</td></tr>"), sources)
    assert result.captions == [] and row in result.body


# ---- 5. a kicker of a section and its subsection ---------------------------------------------
def _with_kicker(kicker: str) -> str:
    return (HEAD + f'<main><section class="section-video"><div class="video-top">{kicker}</div>'
            f'<h1 class="video-heading">{TITLE}</h1><div class="video-text">{TEXT}</div></section>'
            "</main></body></html>")


def test_the_subsection_after_a_bullet_in_a_kicker_is_the_category(sources):
    kicker = '<a href="/video">Video</a><span>•</span><a href="/video/phap-luat">Pháp luật</a>'
    assert _extract(_with_kicker(kicker), sources).category == "Pháp luật"


def test_two_topics_in_a_comma_list_above_the_title_are_no_kicker(sources):
    """A list of topics ("ma túy, an ninh") names no section: nothing is taken."""
    kicker = '<a href="/chu-de/tro-giup">Trợ giúp pháp lý</a>, <a href="/chu-de/vung-cao">Vùng cao</a>'
    assert _extract(_with_kicker(kicker), sources).category is None


# ---- 6. an Instant-Articles view: op-kicker, <address> byline, header lines ---------------
def _instant_article(kicker: str, address: str, footer: str = "") -> str:
    """A "fast read" view in Instant Articles markup: the header (kicker, headline, sapo
    as h2, byline in ``<address>``, time), then the text; no body class anywhere."""
    sapo = "Huyện Võ Nhai đưa vào hoạt động 6 điểm tiếp nhận yêu cầu trợ giúp pháp lý cho người dân vùng cao."
    return (f"<html><head><title>{TITLE}</title></head><body><article><header>{kicker}<h1>{TITLE}</h1>"
            f"<h2>{sapo}</h2>{address}"
            '<time class="op-published" datetime="2025-04-08T08:30:00+07:00">08:30 08/04/2025</time></header>'
            f"{TEXT}</article>{footer}</body></html>")


def test_an_op_kicker_and_an_address_byline_are_read_and_leave_the_body(sources):
    html = _instant_article('<h3 class="op-kicker">Pháp luật</h3>',
                            '<address><a href="/tac-gia/nhom-pv/">Nhóm PV</a></address>')
    result = _extract(html, sources, "baothainguyen", BAO_URL)
    assert result.category == "Pháp luật" and result.author == "Nhóm PV"
    assert result.body.startswith(PARAGRAPHS[0]), result.body[:200]


def test_a_named_writer_in_an_address_is_the_author(sources):
    html = _instant_article('<h3 class="op-kicker">Pháp luật</h3>', "<address>Thu Hằng</address>")
    assert _extract(html, sources, "baothainguyen", BAO_URL).author == "Thu Hằng"


def test_a_postal_address_and_a_dated_kicker_name_no_writer_and_no_section(sources):
    """The site's postal address in its footer is no byline; a "kicker" that prints a
    time is no section."""
    footer = "<footer><address>Số 10 đường Hoàng Văn Thụ, Thái Nguyên</address></footer>"
    html = _instant_article('<h3 class="op-kicker">Cập nhật 07:05 Thứ Sáu</h3>', "", footer)
    result = _extract(html, sources, "baothainguyen", BAO_URL)
    assert result.author is None and result.category is None
