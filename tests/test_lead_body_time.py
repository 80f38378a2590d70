"""The lead, the body's edges and the time of day on templates no selector knows (drift19):
a sapo typed as a heading at the top of the text, a sapo printed apart above the text, a
question that is no sapo, a lead that only repeats the title, paragraphs written as classless
sections, a player box beside the text, a box that says it has no share buttons, a sapo in a
page builder's "widget", and a time told by the part of the day or kept in a tooltip.
All text is written for these tests."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler.dates import has_time, is_date_line, parse_date
from crawler.extract import extract_article
from crawler.page import is_furniture, text_of

URL = "https://thainguyentv.vn/hoi-nghi-tong-ket-cong-tac-tu-phap-nam-2024-109001.html"
TITLE = "Hội nghị tổng kết công tác tư pháp năm 2024"
PARAS = [
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ năm 2024 của ngành tư pháp tỉnh, trong đó công tác "
    "phổ biến, giáo dục pháp luật được triển khai rộng khắp tới các xóm, tổ dân phố.",
    "Trong năm, các cơ quan tư pháp đã thẩm định 126 dự thảo văn bản quy phạm pháp luật, rà soát hơn 900 "
    "văn bản, kiến nghị bãi bỏ 14 văn bản không còn phù hợp với quy định hiện hành.",
    "Công tác hộ tịch, chứng thực được thực hiện trên môi trường điện tử, rút ngắn thời gian giải quyết hồ "
    "sơ cho người dân, nhiều thủ tục được trả kết quả ngay trong ngày làm việc.",
    "Phát biểu kết luận, lãnh đạo Sở Tư pháp đề nghị các đơn vị tiếp tục đổi mới cách làm, chú trọng hòa "
    "giải ở cơ sở và trợ giúp pháp lý cho người có công, đồng bào vùng sâu, vùng xa.",
]
SAPO = ("Sáng 10/1, Sở Tư pháp tổ chức hội nghị tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025 "
        "với nhiều chỉ tiêu quan trọng về xây dựng và thi hành pháp luật.")


def _page(head: str = "", above: str = "", text: str = "", after: str = "") -> str:
    """A page of an unknown template: a headline, what is set ``above`` the text, the text
    block (``text``, else the four paragraphs) and a sidebar."""
    text = text or "".join(f"<p>{p}</p>" for p in PARAS)
    return (f"<html><head><title>{TITLE}</title>{head}</head><body><div class='khung'><div class='cot-trai'>"
            f"<h1>{TITLE}</h1>{above}<div class='noi-dung'>{text}</div>{after}</div>"
            "<aside><h3>Tin mới</h3><ul><li><a href='/a-1.html'>Khai mạc hội thi hòa giải viên giỏi cấp tỉnh</a>"
            "</li></ul></aside></div></body></html>")


# ---- the time of day ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("12/06/2025 2:15 chiều", "2025-06-12T14:15:00+07:00"),
    ("2:15 chiều, 12/06/2025", "2025-06-12T14:15:00+07:00"),
    ("Thứ Năm, 12/06/2025 - 8 giờ 30 tối", "2025-06-12T20:30:00+07:00"),
    ("12/06/2025 9 giờ đêm", "2025-06-12T21:00:00+07:00"),
    ("12/06/2025 10h sáng", "2025-06-12T10:00:00+07:00"),
    ("12/06/2025 1:30 trưa", "2025-06-12T13:30:00+07:00"),
    ("12/06/2025 14:15 chiều", "2025-06-12T14:15:00+07:00"),  # already on the 24-hour clock
    ("12/06/2025 9:05 sáng", "2025-06-12T09:05:00+07:00"),
])
def test_a_time_told_by_the_part_of_the_day(text, expected):
    assert parse_date(text) == expected


def test_an_hour_told_by_the_part_of_the_day_makes_a_date_line():
    assert has_time("9 giờ tối") and is_date_line("12/06/2025 9 giờ tối")


def test_a_time_printed_apart_from_its_day_in_the_meta_row(sources):
    row = "<ul class='thong-tin'><li><time>12/06/2025</time></li><li><time>2:15 chiều</time></li></ul>"
    result = extract_article(_page(above=row), URL, sources["thainguyentv"])
    assert result.published_at == "2025-06-12T14:15:00+07:00"


def test_go_s_default_time_form_is_read_in_its_zone():
    assert parse_date("2025-04-02 07:30:00 +0700 +07") == "2025-04-02T07:30:00+07:00"
    assert parse_date("2025-04-02 00:30:00 +0000 UTC") == "2025-04-02T07:30:00+07:00"


def test_the_time_in_a_date_s_tooltip(sources):
    row = "<div class='meta'><span title='2025-01-10 09:45:00 +0700 +07'>10/01/2025</span> · 5 phút đọc</div>"
    assert extract_article(_page(above=row), URL, sources["thainguyentv"]).published_at == "2025-01-10T09:45:00+07:00"


def test_a_tooltip_of_another_day_is_not_the_date_s_time(sources):
    row = "<div class='meta'><span title='2025-01-09 09:45:00 +0700'>10/01/2025</span></div>"
    published = extract_article(_page(above=row), URL, sources["thainguyentv"]).published_at
    assert published is None or not published.startswith("2025-01-09")


def test_a_relative_time_with_its_date_in_the_tooltip(sources):
    row = "<div class='meta'><span title='08:15 10/01/2025'>2 giờ trước</span></div>"
    assert extract_article(_page(above=row), URL, sources["thainguyentv"]).published_at == "2025-01-10T08:15:00+07:00"


# ---- the lead -------------------------------------------------------------------------------
def test_a_sapo_typed_as_a_heading_at_the_top_of_the_text(sources):
    heading = f"<h2 id='s'>{SAPO}<a hidden class='anchor' aria-hidden='true' href='#s'>#</a></h2>"
    result = extract_article(_page(text=heading + "".join(f"<p>{p}</p>" for p in PARAS)), URL,
                             sources["thainguyentv"])
    assert result.lead == SAPO
    assert SAPO[:40] not in result.body and result.body.startswith(PARAS[0][:40])


def test_a_crosshead_at_the_top_of_the_text_is_no_sapo(sources):
    crosshead = "Đổi mới cách làm để đưa pháp luật đến gần hơn với người dân ở cơ sở"  # long, but no sentence
    text = f"<h2>{crosshead}</h2>" + "".join(f"<p>{p}</p>" for p in PARAS)
    result = extract_article(_page(text=text), URL, sources["thainguyentv"])
    assert result.lead != crosshead
    assert crosshead in result.body


def test_a_hidden_element_is_no_text():
    el = lxml_html.fromstring("<h2>Một câu.<a hidden href='#x'>#</a><span hidden='until-found'> Hai.</span></h2>")
    assert text_of(el) == "Một câu. Hai."


def test_an_interview_s_first_bold_question_is_no_sapo(sources):
    question = "Thưa ông, năm 2025 ngành tư pháp tỉnh sẽ tập trung vào những nhiệm vụ trọng tâm nào?"
    text = f"<p><strong>{question}</strong></p>" + "".join(f"<p>{p}</p>" for p in PARAS)
    result = extract_article(_page(text=text), URL, sources["thainguyentv"])
    assert result.lead != question
    assert result.body.startswith(question)


def test_a_lead_that_repeats_the_title_is_none(sources):
    head = f"<meta name='description' content='{TITLE}'>"
    assert extract_article(_page(head=head), URL, sources["thainguyentv"]).lead != TITLE


def test_a_sapo_printed_apart_above_the_text_and_a_player_box_beside_it(sources):
    above = ("<div class='x1'>Đăng lúc 19:02, 10/01/2025</div>"
             f"<p class='x2'>{SAPO}</p>"
             "<div class='x3'><div class='x4'><span>PHÁT THANH</span><strong>Bản tin tư pháp</strong>"
             "<span>Phát sóng: 17:15 thứ Sáu, 10/01/2025 · FM 102,4 MHz</span>"
             "<audio controls src='https://thainguyentv.vn/upload/ban-tin.mp3'></audio>"
             "<span>Thời lượng: 14:52</span><a href='https://thainguyentv.vn/upload/ban-tin.mp3' download>"
             "Tải về (13,6 MB)</a></div></div>")
    text = (f"<p>{PARAS[0]}</p><ul><li>{PARAS[1]}</li><li>{PARAS[2]}</li></ul><p>Mời quý vị đón nghe.</p>")
    result = extract_article(_page(above=above, text=text), URL, sources["thainguyentv"])
    assert result.lead == SAPO
    assert result.body.startswith(PARAS[0]) and PARAS[2] in result.body
    assert "Phát sóng" not in result.body and "Tải về" not in result.body


def test_two_paragraphs_above_the_text_make_no_sapo(sources):
    above = f"<p class='x2'>{SAPO}</p><p class='x5'>{PARAS[3]}</p>"
    result = extract_article(_page(above=above, text="".join(f"<p>{p}</p>" for p in PARAS[:3])), URL,
                             sources["thainguyentv"])
    assert result.lead not in (SAPO, PARAS[3])


def test_a_sapo_in_a_page_builder_s_widget(sources):
    above = ("<div class='builder-widget builder-widget-post-excerpt'><div class='builder-widget-container'>"
             f"{SAPO}</div></div>")
    assert extract_article(_page(above=above), URL, sources["thainguyentv"]).lead == SAPO


# ---- the body -------------------------------------------------------------------------------
def test_paragraphs_written_as_classless_sections_beat_a_sidebar_poll(sources):
    text = f"<section><b>{SAPO}</b></section>" + "".join(f"<section>{p}</section>" for p in PARAS)
    poll = ("<div id='phai'><section><h3>Thăm dò ý kiến</h3><form><p>Theo bạn, công tác hòa giải ở cơ sở "
            "hiện nay đã đáp ứng được yêu cầu thực tế hay chưa?</p><label><input type='radio'> Đã đáp ứng"
            "</label></form></section></div>")
    page = (f"<html><body><div id='trai'><h1>{TITLE}</h1><div id='chi-tiet'>{text}</div></div>{poll}"
            "</body></html>")
    result = extract_article(page, URL, sources["thainguyentv"])
    assert all(p[:40] in result.body for p in PARAS)
    assert "Theo bạn" not in result.body
    assert result.lead == SAPO and SAPO[:40] not in result.body


def test_a_box_that_says_it_has_no_share_buttons_is_no_furniture(sources):
    assert not is_furniture(lxml_html.fromstring("<div class='entry-content no-share'><p>x</p></div>"))
    assert is_furniture(lxml_html.fromstring("<div class='post-share'><a>x</a></div>"))
    more = ("<p><strong>&gt;&gt; Xem thêm: <a href='/hoa-giai-o-co-so-108290.html'>Nâng cao chất lượng hòa giải "
            "ở cơ sở</a></strong></p>")
    text = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + more + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    page = (f"<html><body><div class='main'><h1>{TITLE}</h1><div class='entry-content no-share'>"
            f"<div class='content-inner'>{text}</div></div></div></body></html>")
    result = extract_article(page, URL, sources["thainguyentv"])
    assert all(p[:40] in result.body for p in PARAS)
    assert "Xem thêm" not in result.body


def test_an_excerpt_box_of_bare_text_above_the_text_is_the_sapo_not_the_body(sources):
    sapo = SAPO + " Hội nghị cũng biểu dương nhiều tập thể, cá nhân có thành tích xuất sắc."
    above = f"<div class='post-excerpt'><div class='inner'>{sapo}</div></div>"
    result = extract_article(_page(above=above), URL, sources["thainguyentv"])
    assert result.lead == sapo
    assert result.body.startswith(PARAS[0]) and sapo[:40] not in result.body
