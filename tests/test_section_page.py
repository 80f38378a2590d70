"""A removed article's address answered with its section's page is dropped, counted; an
article whose theme names another address as canonical is not."""
from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem

from crawler.extract import extract_article
from crawler.items import ArticleItem
from crawler.pipelines import CleanPipeline

URL = "https://baothainguyen.vn/phap-luat/202402/xu-phat-co-so-kinh-doanh-khong-niem-yet-gia-2b9c0d1"
MENU = ('<ul class="nav"><li><a href="/chinh-tri/">Chính trị</a></li>'
        '<li><a href="/phap-luat/">Pháp luật</a></li></ul>')
CARD = ('<div class="card"><h3><a href="/phap-luat/202402/{slug}-{hex}">{title}</a></h3>'
        '<p>Lực lượng chức năng đã kiểm tra, lập biên bản và xử lý theo quy định của pháp luật.</p></div>')
CARDS = "".join(CARD.format(slug=f"tin-so-{i}", hex=f"{i:07x}", title=f"Xử lý vi phạm trật tự đô thị đợt {i}")
                for i in range(1, 6))
TEXT = ("<p>Đoàn kiểm tra liên ngành thành phố đã kiểm tra 14 cơ sở kinh doanh trên địa bàn phường "
        "Phan Đình Phùng, phát hiện 5 cơ sở không niêm yết giá hàng hóa theo quy định.</p>") * 4


def _page(canonical: str, h1: str, content: str, og_type: str = "website") -> str:
    return (f'<html><head><title>{h1}</title><link rel="canonical" href="{canonical}">'
            f'<meta property="og:type" content="{og_type}"></head><body>{MENU}'
            f'<main><h1>{h1}</h1>{content}</main></body></html>')


def test_a_section_page_at_an_article_address_is_marked(sources):
    result = extract_article(_page("https://baothainguyen.vn/phap-luat/", "Pháp luật", CARDS), URL,
                             sources["baothainguyen"])
    assert result.section_page


@pytest.mark.parametrize("canonical, h1, og_type, why", [
    (URL, "Xử phạt cơ sở kinh doanh không niêm yết giá", "article", "its own address"),
    ("https://baothainguyen.vn/", "Xử phạt cơ sở kinh doanh không niêm yết giá", "website",
     "a theme that names the home page as every page's canonical address: the headline is no section's name"),
    ("https://baothainguyen.vn/phap-luat/", "Pháp luật", "article", "the page calls itself an article"),
    ("https://baothainguyen.vn/chinh-tri/", "Chính trị", "website", "a section that does not hold this address"),
    ("https://other.example/phap-luat/", "Pháp luật", "website", "another site's address"),
])
def test_an_article_is_not_taken_for_a_section_page(sources, canonical, h1, og_type, why):
    result = extract_article(_page(canonical, h1, TEXT, og_type), URL, sources["baothainguyen"])
    assert not result.section_page, why


def test_the_pipeline_drops_a_section_page_with_a_counted_reason(sources):
    class Stats(dict):
        def inc_value(self, key, count=1):
            self[key] = self.get(key, 0) + count

    page = extract_article(_page("https://baothainguyen.vn/phap-luat/", "Pháp luật", CARDS), URL,
                           sources["baothainguyen"])
    stats = Stats()
    item = ArticleItem(outlet="baothainguyen", url=URL, canonical_url=URL, page=page)
    with pytest.raises(DropItem, match="section_page"):
        CleanPipeline(stats).process_item(item)
    assert stats["dropped/section_page"] == 1


TV_URL = "https://thainguyentv.vn/xu-phat-co-so-kinh-doanh-khong-niem-yet-gia-108801.html"
TV_MENU = '<ul class="nav"><li><a href="/thai-nguyen/phap-luat">Pháp luật</a></li></ul>'
TV_CARDS = "".join(f'<h3><a href="/tin-phap-luat-so-{n}-{n}.html">Xử lý vi phạm đợt {n}</a></h3>' for n in (101, 102, 103))


@pytest.mark.parametrize("h1, cards, expected", [
    ("Pháp luật", TV_CARDS, True),    # flat addresses: the section shows itself by its list
    ("Pháp luật", TV_CARDS.split("</h3>")[0] + "</h3>", False),  # one other article listed: no section's list
    ("Xử phạt cơ sở kinh doanh không niêm yết giá", TV_CARDS, False),  # an article with related links
])
def test_on_a_site_of_flat_addresses_a_section_is_known_by_its_list(sources, h1, cards, expected):
    page = (f'<html><head><link rel="canonical" href="/thai-nguyen/phap-luat"></head><body>{TV_MENU}'
            f'<h1>{h1}</h1>{TEXT}{cards}</body></html>')
    assert extract_article(page, TV_URL, sources["thainguyentv"]).section_page is expected


@pytest.mark.parametrize("own", [
    "https://m.thainguyentv.vn/xu-phat-co-so-kinh-doanh-khong-niem-yet-gia-108801.html",  # the mobile copy
    "https://thainguyentv.vn/xu-phat-co-so-kinh-doanh-khong-niem-yet-gia-108801.htm",  # a form the pattern refuses
])
def test_an_article_naming_another_form_of_its_address_is_no_section_page(sources, own):
    """The headline links to the address the page gives itself, and related articles are
    listed: still the article (found by a second reader: a real article was dropped)."""
    h1 = "Xử phạt cơ sở kinh doanh không niêm yết giá"
    page = (f'<html><head><meta property="og:url" content="{own}"><meta property="og:type" content="website">'
            f'</head><body>{TV_MENU}<h1><a href="{own}">{h1}</a></h1>{TEXT}{TV_CARDS}</body></html>')
    assert not extract_article(page, TV_URL, sources["thainguyentv"]).section_page
