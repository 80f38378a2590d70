"""A template's namespace prefix that is also a furniture word ("ad-" for "article detail"
on h1.ad-title, div.ad-content) does not make the article an advert on that page; a real
advert beside it still is one."""
from __future__ import annotations

from crawler.extract import extract_article

URL = "https://thainguyentv.vn/giam-sat-cong-dong-dau-tu-xa-106120.html"
TEXT = ("Ban Giám sát đầu tư của cộng đồng xã đã kiểm tra tiến độ và chất lượng công trình đường "
        "bê tông liên xóm, phát hiện một số đoạn đổ chưa đủ độ dày theo thiết kế. ")
AD = '<div class="ads"><p>Quảng cáo</p><p>Mua ngay điện thoại giá rẻ, trả góp 0%.</p></div>'


def _page(h1_class: str) -> str:
    return (f'<html><body><div class="ad-wrap"><h1 class="{h1_class}">Giám sát cộng đồng ở cơ sở</h1>'
            '<p class="ad-credit">Thực hiện: Lan Chi - Minh Tuấn</p>'
            f'<div class="ad-content"><p>{TEXT * 2}</p><div class="ad-content-inner"><p>{TEXT}Nhà thầu đã cam kết '
            f'khắc phục trong tháng 7.</p></div><p>{TEXT}</p></div></div>{AD}</body></html>')


def test_a_prefix_the_headline_carries_is_the_template_s_namespace(sources):
    result = extract_article(_page("ad-title"), URL, sources["thainguyentv"])
    assert result.title == "Giám sát cộng đồng ở cơ sở"
    assert "Nhà thầu đã cam kết khắc phục trong tháng 7." in result.body  # the text in a nested "ad-" box stays
    assert "Quảng cáo" not in result.body and "trả góp" not in result.body

