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


SAPO = "Sau nửa năm thực hiện, huyện miền núi đã dựng xong 90 căn nhà mới cho các hộ khó khăn về nhà ở."
BODY = ("<p>Mỗi căn nhà được hỗ trợ một phần kinh phí, phần còn lại do họ hàng và hàng xóm góp công, góp vật liệu.</p>"
        "<p>Chị L.T.H nhận nhà mới sau nhiều năm cả gia đình năm người ở trong căn nhà tạm vách nứa.</p>"
        "<p>Huyện đặt mục tiêu cuối năm nay không còn hộ nào ở nhà tạm, nhà dột nát.</p>")
TTS_BOX = ('<div class="box-nghe"><audio controls src="https://cdn.example.vn/bai-123.mp3"></audio>'
           "<p>Nội dung này được máy đọc thành tiếng cho người nghe, âm thanh có thể còn chỗ chưa chuẩn.</p></div>")
TTS_LABEL = ("<div><p>Bài viết được chuyển thành giọng đọc tự động, chất lượng âm thanh có thể chưa hoàn hảo.</p>"
             '<span class="time">03:12</span></div>')
EDITOR_BOX = ('<div class="note"><em>Lời tòa soạn: Nhiều gia đình khó khăn vẫn sống trong nhà tạm. Loạt bài ghi lại '
              "những đổi thay ở các bản vùng cao khi có mái nhà mới.</em></div>")
STRAY = "<div><p>Ảnh trong bài do cộng tác viên ở địa phương gửi đến tòa soạn trong tuần qua.</p></div>"


def _sapo_page(between: str, description: str | None = SAPO) -> str:
    """A page whose sapo is the body's first paragraph (and its meta description), with
    ``between`` printed between the headline and the body."""
    meta = f'<meta name="description" content="{description}">' if description else ""
    return (f"<html><head>{meta}</head><body><div class=\"wrap\"><h1>Dựng xong 90 căn nhà cho hộ khó khăn</h1>"
            f'<div class="info"><span>05/11/2024 16:30</span></div>{between}'
            f'<div class="article-detail-content"><p>{SAPO}</p>{BODY}</div></div></body></html>')


@pytest.mark.parametrize("between", [TTS_BOX, TTS_LABEL, EDITOR_BOX, STRAY],
                         ids=["player-box", "read-aloud-note", "editor-note", "stray-line"])
def test_a_line_between_headline_and_body_is_no_sapo_when_the_description_opens_the_body(sources, between):
    result = extract_article(_sapo_page(between), TNTV_URL, sources["thainguyentv"])
    assert result.lead == SAPO
    assert not result.body.startswith(SAPO)


@pytest.mark.parametrize("between", [TTS_BOX, TTS_LABEL, EDITOR_BOX],
                         ids=["player-box", "read-aloud-note", "editor-note"])
def test_a_player_note_or_an_editors_note_above_the_body_is_no_sapo(sources, between):
    result = extract_article(_sapo_page(between, description=None), TNTV_URL, sources["thainguyentv"])
    assert "giọng đọc" not in result.lead and "đọc thành tiếng" not in result.lead
    assert "Lời tòa soạn" not in result.lead


def _bulletin_page(title: str, byline: str, notice: str = "", above: str = "") -> str:
    """A news bulletin's page: no machine date, the date printed on the byline under the
    headline, a video and the bulletin's contents (``notice`` printed after the body,
    ``above`` between the byline and the body)."""
    return ('<html><head><meta charset="utf-8"></head><body><div class="main"><div class="post">'
            f'<div class="post-cate"><a href="/video">Video</a></div><h1 class="post-title">{title}</h1>'
            f'<div class="post-meta"><span class="post-time">{byline}</span></div>{above}'
            '<div class="post-body"><div class="player"><video controls src="https://media.example.vn/b.mp4"></video></div>'
            "<p>Bản tin có các nội dung: hội nghị sơ kết công tác sáu tháng đầu năm; mưa lớn làm sạt lở một số tuyến "
            "đường ở huyện vùng cao; khai mạc giải cầu lông công nhân viên chức của tỉnh.</p></div>"
            f"{notice}</div></div></body></html>")


@pytest.mark.parametrize("title,byline,expected", [
    ("Thời sự 20h tối 12/08/2024", "12/08/2024 21:05", "2024-08-12T21:05:00+07:00"),
    ("Thời sự 6h sáng 12/08/2024", "12/08/2024 07:10", "2024-08-12T07:10:00+07:00"),
    ("Bản tin 19 giờ ngày 12/08/2024", "12/08/2024 19:40", "2024-08-12T19:40:00+07:00"),
])
def test_a_bulletins_headline_with_its_air_time_is_no_date_line(sources, title, byline, expected):
    result = extract_article(_bulletin_page(title, byline), TNTV_URL, sources["thainguyentv"])
    assert result.published_at == expected
    assert result.date_text == byline


@pytest.mark.parametrize("text,expected", [
    ("12/08/2024 14h chiều", "2024-08-12T14:00:00+07:00"),  # a 24-hour clock with the part of the day
    ("12/08/2024 20 giờ tối", "2024-08-12T20:00:00+07:00"),
    ("khoảng 20 giờ tối 12/08/2024", "2024-08-12T20:00:00+07:00"),
    ("Thứ Hai, 12/08/2024 - 17 giờ 45 chiều", "2024-08-12T17:45:00+07:00"),
    ("12/08/2024 14:15 chiều", "2024-08-12T14:15:00+07:00"),
    ("12/08/2024 12:05 sáng", "2024-08-12T00:05:00+07:00"),  # twelve in the morning: after midnight
    ("12/08/2024 12 giờ trưa", "2024-08-12T12:00:00+07:00"),  # noon
    ("12/08/2024 12:30 trưa", "2024-08-12T12:30:00+07:00"),
    ("12/08/2024 8 giờ tối", "2024-08-12T20:00:00+07:00"),
])
def test_a_time_told_with_the_part_of_the_day_is_read_on_the_24_hour_clock(text, expected):
    assert has_time(text)
    assert parse_date(text) == expected


def test_an_hour_past_23_with_the_part_of_the_day_is_no_time():
    assert not has_time("12/08/2024 25 giờ tối")


DAY_BYLINE = "Thứ Hai, 12/08/2024"


@pytest.mark.parametrize("notice", [
    "Phóng sự được phát sóng lúc 8 giờ tối 13/08/2024 trên kênh TN1.",
    "Chương trình lên sóng 20 giờ tối 13/08/2024, mời quý vị đón xem.",
    "Trực tiếp lúc 20h00 ngày 13/08/2024 trên kênh TN2.",
])
@pytest.mark.parametrize("above_body", [False, True])
def test_an_air_time_notice_is_no_publication_date(sources, notice, above_body):
    line = f'<p class="post-notice"><strong>{notice}</strong></p>'
    html = _bulletin_page("Phóng sự: Nghề rèn ở một xóm miền núi", DAY_BYLINE,
                          *(("", line) if above_body else (line,)))
    result = extract_article(html, TNTV_URL, sources["thainguyentv"])
    assert result.published_at is not None and result.published_at.startswith("2024-08-12")
    assert result.date_text != notice


def test_a_time_on_another_day_does_not_complete_a_day_only_byline(sources):
    notice = "Buổi gặp mặt các nghệ nhân của xóm diễn ra lúc 8 giờ tối 13/08/2024."
    html = _bulletin_page("Phóng sự: Nghề rèn ở một xóm miền núi", DAY_BYLINE, f"<p>{notice}</p>")
    result = extract_article(html, TNTV_URL, sources["thainguyentv"])
    assert result.published_at == "2024-08-12T00:00:00+07:00"
    assert result.date_text == DAY_BYLINE


def test_a_time_on_the_same_day_completes_a_day_only_byline(sources):
    html = _bulletin_page("Phóng sự: Nghề rèn ở một xóm miền núi", DAY_BYLINE,
                          '<div class="post-foot">Đăng lúc 15:30, 12/08/2024</div>')
    result = extract_article(html, TNTV_URL, sources["thainguyentv"])
    assert result.published_at == "2024-08-12T15:30:00+07:00"
