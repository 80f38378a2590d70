"""The publication time, the title and the lead on templates no selector knows (drift20):
a clock printed with its seconds on a 12-hour dial ("2:30:15 CH"), the time a print view
was printed ("Ngày in: ...") beside the time it was published, a print view's "In bài: "
before the headline in its document title, a meta description that is only the site's
name or slogan, a sapo in a table-layout portal, a sapo classed "tom-tat" or as a
CMS's "preview" text, and an article whose parts share a template prefix that reads
like an advert's ("ad-title"). All text is written for these tests."""
from __future__ import annotations

import pytest

from crawler.dates import is_print_date, parse_date
from crawler.extract import extract_article

URL = "https://thainguyentv.vn/cong-bo-ket-qua-kiem-tra-cong-tac-hoa-giai-co-so-109120.html"
BTN_URL = "https://baothainguyen.vn/phap-luat/202506/cong-bo-ket-qua-kiem-tra-cong-tac-hoa-giai-co-so-4c7e2a1/"
TITLE = "Công bố kết quả kiểm tra công tác hòa giải ở cơ sở"
SAPO = ("Chiều 10/6, Sở Tư pháp công bố kết quả kiểm tra công tác hòa giải ở cơ sở năm 2025 tại 12 xã, "
        "phường, chỉ ra nhiều cách làm hay cần nhân rộng.")
PARAS = [
    "Theo kết quả kiểm tra, các tổ hòa giải đã tiếp nhận 214 vụ việc, hòa giải thành 187 vụ việc, chủ yếu là "
    "tranh chấp đất đai, mâu thuẫn trong gia đình và giữa hàng xóm với nhau.",
    "Nhiều tổ hòa giải đã chủ động nắm bắt mâu thuẫn từ sớm, phối hợp với trưởng xóm, công an viên để gặp gỡ "
    "các bên ngay khi sự việc mới phát sinh, không để kéo dài thành khiếu kiện.",
    "Tuy nhiên, một số nơi còn lúng túng trong việc ghi chép sổ sách, kinh phí hỗ trợ hòa giải viên chưa kịp "
    "thời, một số hòa giải viên tuổi cao, ít được bồi dưỡng kiến thức pháp luật mới.",
    "Sở Tư pháp đề nghị các địa phương kiện toàn tổ hòa giải, tổ chức tập huấn kỹ năng cho hòa giải viên và "
    "bố trí đủ kinh phí theo quy định.",
]
TEXT = "".join(f"<p>{p}</p>" for p in PARAS)
SIDEBAR = ("<aside><h3>Tin mới</h3><ul><li><a href='/a-1.html'>Tập huấn nghiệp vụ cho hòa giải viên</a>"
           "</li></ul></aside>")


# ---- the time of day: seconds -------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Ngày đăng: 05/06/2025 2:30:15 CH", "2025-06-05T14:30:15+07:00"),  # .NET's vi-VN default format
    ("05/06/2025 9:04:07 SA", "2025-06-05T09:04:07+07:00"),
    ("14:30:15 05/06/2025", "2025-06-05T14:30:15+07:00"),
    ("05/06/2025 14:30", "2025-06-05T14:30:00+07:00"),
])
def test_a_printed_time_keeps_its_seconds(text, expected):
    assert parse_date(text) == expected


# ---- the time a print view was printed ---------------------------------------------------
@pytest.mark.parametrize("text, printed", [
    ("Ngày in: 28/06/2025 08:02", True),
    ("Báo điện tử của tỉnh\nNgày in: 28/06/2025 08:02", True),
    ("In lúc 08:02 ngày 28/06/2025", True),
    ("Thời gian in: 28/06/2025 08:02", True),
    ("Printed on 28/06/2025 08:02", True),
    ("Thứ Sáu, 27/06/2025 - 09:20", False),
    ("Ngày đăng: 27/06/2025 09:20", False),
    ("Ngày đăng: 27/06/2025 09:20 | Ngày in: 28/06/2025 08:02", False),  # the first date is the publication's
])
def test_a_print_label_marks_the_time_of_printing(text, printed):
    assert is_print_date(text) is printed


def _print_view(date_line: str) -> str:
    return ("<html><head><title>In bài: " + TITLE + "</title></head><body>"
            "<div class='cong-cu'><a href='javascript:window.print()'>In trang này</a></div>"
            "<div class='dau-trang'><div class='ten'><b>ĐÀI PHÁT THANH - TRUYỀN HÌNH</b></div>"
            "<div class='luc'>Ngày in: 28/06/2025 08:02</div></div>"
            f"<div class='tieu-de'>{TITLE}</div><div class='dong'>{date_line}</div>"
            f"<div class='noi-dung'>{TEXT}</div></body></html>")


def test_a_print_view_is_dated_by_its_publication_not_its_printing(sources):
    result = extract_article(_print_view("Thứ Sáu, 27/06/2025 - 09:20"), URL, sources["thainguyentv"])
    assert result.published_at == "2025-06-27T09:20:00+07:00"


def test_a_print_view_with_only_its_printing_time_has_no_date_from_it(sources):
    result = extract_article(_print_view(""), URL, sources["thainguyentv"])
    assert result.published_at != "2025-06-28T08:02:00+07:00"


# ---- the title of a print view ---------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["In bài: ", "Bản in: ", "In bài viết - "])
def test_a_print_views_document_title_loses_its_print_label(sources, prefix):
    page = _print_view("Thứ Sáu, 27/06/2025 - 09:20").replace("In bài: " + TITLE, prefix + TITLE)
    assert extract_article(page, URL, sources["thainguyentv"]).title == TITLE


def test_a_headline_that_begins_with_in_is_kept_whole(sources):
    title = "In bài thơ lên áo: trào lưu mới của học sinh"  # "In" (print) is the headline's own verb
    page = f"<html><head><title>{title}</title></head><body><div class='noi-dung'>{TEXT}</div></body></html>"
    assert extract_article(page, URL, sources["thainguyentv"]).title == title


def test_a_print_views_bold_sapo_under_its_headline_is_the_lead(sources):
    page = _print_view("Thứ Sáu, 27/06/2025 - 09:20").replace(
        "<div class='noi-dung'>", f"<div class='tom-tat'><b>{SAPO}</b></div><div class='noi-dung'>")
    assert extract_article(page, URL, sources["thainguyentv"]).lead == SAPO


# ---- a meta description that is the site's own blurb -----------------------------------------
def _portal(description: str, sapo_box: str) -> str:
    """A table-layout portal (ASP.NET WebForms style): no h1, the headline, date, sapo and
    text each in a row of one layout table."""
    return ("<html><head><title>" + TITLE + " - Đài Phát thanh - Truyền hình Thái Nguyên</title>"
            f"<meta name='description' content='{description}'></head><body><form id='aspnetForm'>"
            "<table width='100%'><tr><td class='Menu'><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></td></tr>"
            "<tr><td><table width='100%' cellpadding='4'>"
            f"<tr><td><span class='TieuDe'>{TITLE}</span></td></tr>"
            "<tr><td><span class='NgayDang'>Ngày đăng: 10/06/2025 4:05:00 CH</span></td></tr>"
            f"<tr><td>{sapo_box}</td></tr>"
            f"<tr><td><span class='NoiDung'>{TEXT}</span></td></tr>"
            "</table></td></tr></table></form></body></html>")


@pytest.mark.parametrize("outlet, url, description", [
    ("thainguyentv", URL, "Đài Phát thanh - Truyền hình Thái Nguyên"),
    ("thainguyentv", URL, "Đài Phát thanh - Truyền hình Thái Nguyên - Tin tức, sự kiện nổi bật"),
    ("thainguyentv", URL, "Tin tức, sự kiện nổi bật | Đài Phát thanh - Truyền hình Thái Nguyên"),
    ("baothainguyen", BTN_URL, "Báo Thái Nguyên điện tử - cơ quan của Đảng bộ tỉnh Thái Nguyên"),
])
def test_a_description_that_is_the_sites_name_or_slogan_is_no_lead(sources, outlet, url, description):
    result = extract_article(_portal(description, ""), url, sources[outlet])
    assert result.lead == ""


def test_a_description_that_names_the_site_in_a_sentence_stays_the_lead(sources):
    description = ("Đài Phát thanh - Truyền hình Thái Nguyên vừa ra mắt chuyên mục mới về pháp luật, "
                   "phát sóng vào tối thứ Năm hằng tuần.")
    result = extract_article(_portal(description, ""), URL, sources["thainguyentv"])
    assert result.lead == description


def test_a_sapo_in_a_layout_table_is_the_lead(sources):
    page = _portal("Đài Phát thanh - Truyền hình Thái Nguyên", f"<span class='TomTat'><b>{SAPO}</b></span>")
    result = extract_article(page, URL, sources["thainguyentv"])
    assert result.lead == SAPO
    assert result.published_at == "2025-06-10T16:05:00+07:00"


# ---- a sapo that opens the text block ------------------------------------------------------
def _news_detail(sapo_box: str) -> str:
    """A 1C-Bitrix style page: the headline above the text block, which opens with its date
    and the preview text, then the text as bare text nodes parted by ``<br>``."""
    text = "<br><br>".join(PARAS)
    return ("<html><head><title>" + TITLE + "</title>"
            "<meta name='description' content='Báo Thái Nguyên điện tử - cơ quan của Đảng bộ tỉnh Thái Nguyên'>"
            f"</head><body><div class='workarea'><h1 id='pagetitle'>{TITLE}</h1>"
            f"<div class='news-detail'><span class='news-date-time'>10.06.2025 16:05</span>{sapo_box}{text}</div>"
            f"</div>{SIDEBAR}</body></html>")


def test_a_preview_text_that_opens_the_text_block_is_the_lead(sources):
    result = extract_article(_news_detail(f"<div class='news-detail-preview'>{SAPO}</div>"), BTN_URL,
                             sources["baothainguyen"])
    assert result.lead == SAPO
    assert not result.body.startswith(SAPO[:40]) and PARAS[0] in result.body


def test_a_preview_box_after_the_texts_opening_is_no_lead(sources):
    page = _news_detail("").replace("<br><br>", f"<br><br><div class='news-detail-preview'>{SAPO}</div>", 1)
    assert extract_article(page, BTN_URL, sources["baothainguyen"]).lead != SAPO
