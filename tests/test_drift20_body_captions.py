"""The body and the captions on templates no selector knows (drift20): a caption printed as a
plain line under its picture in a block of its own (a ``div`` with a ``span``, a ``center``
after a ``<br>``, a gallery's item, a StreamField photo block), an attachment's file name
where no caption was typed, a text split into one-paragraph blocks under an "intro" box, a
link to another story that closes the text, a template that abbreviates its detail page as
"ad-", and the property lines a CMS prints as bare text after the text.
All text is written for these tests."""
from __future__ import annotations

import time

import pytest
from lxml import html as lxml_html

from crawler.extract import extract_article
from crawler.page import is_furniture

URL = "https://thainguyentv.vn/thanh-tra-viec-quan-ly-dat-dai-tai-xa-109501.html"
BTN_URL = "https://baothainguyen.vn/phap-luat/202506/thanh-tra-viec-quan-ly-dat-dai-tai-xa-4c1d2e3/"
TITLE = "Thanh tra việc quản lý đất đai tại một số xã"
PARAS = [
    "Đoàn thanh tra của huyện đã làm việc với Ủy ban nhân dân ba xã về việc giao đất, cho thuê đất và cấp "
    "giấy chứng nhận quyền sử dụng đất trong giai đoạn từ năm 2021 đến năm 2024.",
    "Qua kiểm tra hồ sơ, đoàn phát hiện một số trường hợp cấp giấy chứng nhận chưa đúng trình tự, việc "
    "niêm yết công khai tại trụ sở xóm chưa đủ thời gian theo quy định của pháp luật.",
    "Đoàn đã yêu cầu các xã rà soát lại toàn bộ hồ sơ, kiểm điểm trách nhiệm của cán bộ địa chính và báo "
    "cáo kết quả khắc phục trước ngày 30 tháng 9 năm nay.",
    "Lãnh đạo huyện đề nghị các xã tăng cường công khai, minh bạch thủ tục hành chính về đất đai để người "
    "dân dễ theo dõi, giám sát và phản ánh kịp thời những sai sót.",
]
CAPTIONS = [
    "Đoàn thanh tra làm việc với cán bộ địa chính xã Hòa Bình.",
    "Cán bộ đối chiếu hồ sơ cấp giấy chứng nhận tại bộ phận một cửa.",
    "Người dân đến tra cứu thông tin quy hoạch tại nhà văn hóa xóm.",
]


def _page(text: str, above: str = "", after: str = "", title: str = TITLE) -> str:
    """A page of an unknown template: a headline, what is set ``above`` the text, the text
    block and what follows it, and a sidebar."""
    return (f"<html><head><title>{title}</title></head><body><div class='khung'><div class='cot-trai'>"
            f"<h1>{title}</h1>{above}<div class='noi-dung'>{text}</div>{after}</div>"
            "<aside><h3>Tin mới</h3><ul><li><a href='/a-1.html'>Khai mạc hội thi hòa giải viên giỏi cấp tỉnh</a>"
            "</li></ul></aside></div></body></html>")


def _paragraphs(paras=PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


# ---- a caption as a plain line under its picture, in a block of its own ------------------------
def test_a_plain_line_under_a_picture_in_its_own_block_is_its_caption(sources):
    photo = (f'<div class="khung-anh"><img src="/up/2025/06/thanh-tra.jpg" alt="">'
             f'<span class="ghi">{CAPTIONS[0]}</span></div>')
    html = _page(f"<p>{PARAS[0]}</p>{photo}{_paragraphs(PARAS[1:])}")
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.captions == [CAPTIONS[0]]
    assert CAPTIONS[0] not in result.body
    assert PARAS[1] in result.body and PARAS[0] in result.body


def test_a_centred_picture_with_its_line_after_a_line_break_has_that_caption(sources):
    photo = f'<center><img src="/up/anh-1.jpg" width="480"><br><span class="chu">{CAPTIONS[1]}</span></center>'
    html = _page(f"{_paragraphs(PARAS[:2])}{photo}{_paragraphs(PARAS[2:])}")
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.captions == [CAPTIONS[1]]
    assert CAPTIONS[1] not in result.body


def test_a_line_above_a_picture_or_a_heading_beside_it_is_no_caption(sources):
    above = '<div class="khoi"><h3>Những sai sót phát hiện qua thanh tra</h3><img src="/up/anh-2.jpg"></div>'
    before = f'<div class="khoi"><span>{CAPTIONS[2]}</span><img src="/up/anh-3.jpg"></div>'
    html = _page(f"{_paragraphs(PARAS[:2])}{above}{_paragraphs(PARAS[2:3])}{before}{_paragraphs(PARAS[3:])}")
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.captions == []
    assert "Những sai sót phát hiện qua thanh tra" in result.body


def test_a_logo_beside_the_site_name_is_no_photo_with_a_caption(sources):
    header = ('<div class="dau-trang-in"><img src="/images/logo-in.png" alt="Đài PT-TH Thái Nguyên">'
              '<span>Đài Phát thanh Truyền hình Thái Nguyên</span></div>')
    html = _page(_paragraphs(), above=header)
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.captions == []


def test_a_gallery_of_captioned_items_between_bare_text_is_a_photo_story(sources):
    items = "".join(f'<div class="muc"><a href="/up/goc/anh-{i}.jpg"><img src="/up/nho/anh-{i}.jpg" alt="{TITLE}"></a>'
                    f'<div class="muc-chu">{caption}</div></div>' for i, caption in enumerate(CAPTIONS))
    text = (f'<span class="ngay">12.06.2025 09:15</span><div class="xem-truoc">{PARAS[3]}</div>{PARAS[0]}<br><br>'
            f'<div class="bo-anh">{items}</div>{PARAS[1]}<br>')
    html = _page(text)
    result = extract_article(html, BTN_URL, sources["baothainguyen"])
    assert result.captions == CAPTIONS
    assert not any(caption in result.body for caption in CAPTIONS)
    assert PARAS[1] in result.body
    assert (result.content_type, result.content_type_rule) == ("anh", "gallery")


def test_a_photo_block_of_a_table_of_many_images_is_read_once(sources):
    def page(images: int) -> str:
        cells = "".join(f'<div><div><img src="/a{i}.jpg"></div></div>' for i in range(images))
        return _page(f"{_paragraphs()}<div class='bo'>{cells}</div>")

    def best(html: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            extract_article(html, URL, sources["thainguyentv"])
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(page(300)), best(page(3000))
    assert large < 30 * max(small, 0.005), (small, large)


# ---- an attachment's file name is no caption --------------------------------------------------
@pytest.mark.parametrize("placeholder", [
    '<span class="attachment__name">thi-hanh-an-2.jpg</span> <span class="attachment__size">412 KB</span>',
    "IMG_2031.JPG",
    "anh-hien-truong.png (1,2 MB)",
])
def test_an_attachments_file_name_and_size_is_no_caption(sources, placeholder):
    figure = ('<figure class="attachment attachment--preview"><img src="/rails/blobs/anh.jpg">'
              f'<figcaption class="attachment__caption">{placeholder}</figcaption></figure>')
    html = _page(f"{_paragraphs(PARAS[:2])}{figure}{_paragraphs(PARAS[2:])}")
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.captions == []


def test_a_typed_caption_that_names_a_place_with_a_dot_is_kept(sources):
    figure = f'<figure><img src="/up/anh.jpg"><figcaption>{CAPTIONS[0]}</figcaption></figure>'
    html = _page(f"{_paragraphs(PARAS[:2])}{figure}{_paragraphs(PARAS[2:])}")
    assert extract_article(html, URL, sources["thainguyentv"]).captions == [CAPTIONS[0]]


# ---- a text split into one-paragraph blocks, under an "intro" box -------------------------------
def test_a_text_split_into_blocks_with_photo_blocks_between_is_read_whole(sources):
    sapo = ("Nhiều sai sót trong cấp giấy chứng nhận quyền sử dụng đất đã được chỉ ra qua đợt thanh tra "
            "tại ba xã của huyện, trong đó có những hồ sơ kéo dài nhiều năm chưa được xử lý dứt điểm.")
    intro = f'<div class="page-intro"><p>{sapo}</p></div>'
    photos = "".join(f'<div class="block-image"><img src="/media/anh-{i}.width-800.jpg">'
                     f'<div class="rich-text"><p>{caption}</p></div></div>' for i, caption in enumerate(CAPTIONS))
    text = (f'<div class="block-text"><div class="rich-text"><p>{PARAS[0]} {PARAS[1]}</p></div></div>{photos}'
            f'<div class="block-text"><div class="rich-text"><p>{PARAS[2]}</p></div></div>')
    html = (f"<html><head><title>{TITLE}</title></head><body><main><div class='page-head'><h1>{TITLE}</h1>"
            f"{intro}</div><div class='stream'>{text}</div></main></body></html>")
    result = extract_article(html, BTN_URL, sources["baothainguyen"])
    assert PARAS[0] in result.body and PARAS[2] in result.body
    assert sapo not in result.body
    assert result.captions == CAPTIONS
    assert (result.content_type, result.content_type_rule) == ("anh", "gallery")


# ---- a link to another story that closes the text ----------------------------------------------
def test_a_closing_line_that_is_one_link_to_another_story_is_no_body(sources):
    link = '<div class="cuoi-bai"><a href="/thanh-tra-dat-dai-huyen-dong-hy-109320.html">Kết luận thanh tra đất đai ở huyện Đồng Hỷ</a></div>'
    html = _page(_paragraphs() + link)
    result = extract_article(html, URL, sources["thainguyentv"])
    assert "Kết luận thanh tra đất đai" not in result.body
    assert result.body.endswith(PARAS[-1])


@pytest.mark.parametrize("closing", [
    '<p><a href="/tac-gia/ton-nu-thi-ngoc-han">Tôn Nữ Thị Ngọc Hân</a></p>',  # a byline: a name, not a headline
    '<p>Toàn văn kết luận được đăng trên <a href="/ket-luan-thanh-tra-109320.html">trang của Thanh tra tỉnh</a>.</p>',
])
def test_a_closing_name_or_sentence_with_a_link_stays(sources, closing):
    html = _page(_paragraphs() + closing)
    result = extract_article(html, URL, sources["thainguyentv"])
    assert result.body.endswith(lxml_html.fromstring(closing).text_content())


def test_a_text_that_ends_in_a_list_of_linked_headlines_keeps_it(sources):
    items = "".join(f'<p><a href="/bai-{i}.html">Kỳ {i}: những hồ sơ đất đai còn tồn đọng ở xã</a></p>'
                    for i in range(1, 6))
    html = _page(_paragraphs() + items)
    result = extract_article(html, URL, sources["thainguyentv"])
    assert "Kỳ 5: những hồ sơ đất đai còn tồn đọng ở xã" in result.body


# ---- "ad-" as an abbreviation of a detail page ----------------------------------------------
@pytest.mark.parametrize("markup", [
    '<div class="ad-slot"><span>Quảng cáo</span><img src="/qc/300x250.jpg"></div>',
    '<div class="ad-content"><a href="/qc"><img src="/qc/1.jpg"></a></div>',
    f'<div class="ad-banner">{_paragraphs()}</div>',  # "banner" names furniture on its own
])
def test_an_ad_box_stays_furniture(markup):
    assert is_furniture(lxml_html.fromstring(markup))


def test_an_audio_page_whose_classes_abbreviate_audio_detail_as_ad_finds_its_text(sources):
    page = ("<html><body><div class='audio-detail'><h1 class='ad-title'>Phóng sự: Giám sát công trình ở xã</h1>"
            "<div class='ad-time'>Cập nhật: 18:10 | 03-06-2025</div>"
            "<audio controls src='https://media.thainguyentv.vn/audio/ps.mp3'></audio>"
            "<p class='ad-credit'>Phóng viên: Minh Châu</p>"
            f"<div class='ad-content'>{_paragraphs()}</div>"
            "<section class='ad-more'><h2>Phóng sự khác</h2><ul><li><a href='/ps-1.html'>Phóng sự: Người giữ rừng"
            "</a><span>27-05-2025</span></li><li><a href='/ps-2.html'>Phóng sự: Chợ phiên vùng cao</a>"
            "<span>20-05-2025</span></li></ul></section></div></body></html>")
    result = extract_article(page, URL, sources["thainguyentv"])
    assert result.body == "\n".join(PARAS)


# ---- property lines printed as bare text after the text ----------------------------------------
def test_the_property_lines_that_close_a_body_of_bare_text_are_no_body(sources):
    text = (f"{PARAS[0]}<br><br>{PARAS[1]}<br>"
            "Tác giả:&nbsp;Minh Châu<br>Từ khóa:&nbsp;<a href='/tim?tag=dat-dai'>đất đai</a>, "
            "<a href='/tim?tag=thanh-tra'>thanh tra</a><br>")
    result = extract_article(_page(text), BTN_URL, sources["baothainguyen"])
    assert "Tác giả" not in result.body and "Từ khóa" not in result.body
    assert result.body.endswith(PARAS[1])


def test_a_labelled_line_inside_the_text_stays(sources):
    text = f"{PARAS[0]}<br>Từ khóa: minh bạch là yêu cầu được nhắc nhiều nhất tại hội nghị.<br>{PARAS[1]}<br>"
    result = extract_article(_page(text), BTN_URL, sources["baothainguyen"])
    assert "Từ khóa: minh bạch" in result.body
