"""Every portal page as a visitor sees it: home, organisations, the 政府信息公开 section, columns,
item pages, downloads, the policy library and the search page."""

from __future__ import annotations

import re
from urllib.parse import unquote


def text(response) -> str:
    return response.content.decode()


def main_of(response) -> str:
    html = text(response)
    return html[html.index("<main") : html.index("</main>")]


# ----- home and organisations -------------------------------------------------------------


def test_home_has_search_both_cities_and_latest_items(client, site):
    r = client.get("/")
    assert r.status_code == 200
    html = main_of(r)
    assert 'role="search"' in html and 'name="q"' in html
    assert "聊城市人民政府" in html and "东营市人民政府" in html
    assert site.monthly.title in html and site.dy_item.title in html
    for hidden in (site.draft, site.withdrawn, site.on_request):
        assert hidden.title not in html
    # the search box sends people to the search page
    assert 'action="/search/"' in html


def test_org_index_lists_every_city_and_department(client, site):
    html = main_of(client.get("/org/"))
    assert f'href="/org/{site.cz.code}/gk/"' in html
    assert f'href="/org/{site.dy.code}/gk/"' in html


def test_org_home_shows_latest_items_catalog_and_scoped_search(client, site):
    r = client.get(f"/org/{site.cz.code}/")
    html = main_of(r)
    assert "<h1>聊城市财政局</h1>" in html
    assert site.monthly.title in html
    assert site.mz_item.title not in html  # another department
    assert f'name="org" value="{site.cz.code}"' in html  # search scoped to this organisation
    assert "财政收支月报" in html  # catalog tree
    assert f"/feeds/?org={site.cz.code}" in html


def test_city_home_includes_items_of_its_departments(client, site):
    html = main_of(client.get(f"/org/{site.lc_gov.code}/"))
    assert site.monthly.title in html and site.mz_item.title in html
    assert site.dy_item.title not in html


def test_unknown_org_is_a_friendly_404(client, site):
    r = client.get("/org/no-such-code/")
    assert r.status_code == 404
    assert "页面不存在" in text(r)


def test_gk_section_follows_the_legal_structure(client, site):
    r = client.get(f"/org/{site.cz.code}/gk/")
    html = main_of(r)
    headings = re.findall(r'<h2 id="part-(\w+)">', html)
    assert headings == ["guide", "system", "statutory", "annual_report", "application"]
    assert "政府信息公开指南" in html and "法定主动公开内容" in html and "政府信息公开年报" in html
    assert site.annual.title in html and site.rules.title in html
    assert f'href="/apply/?org={site.cz.pk}"' in html


def test_guide_is_generated_from_the_organisations_data(client, site):
    cz = site.cz
    html = main_of(client.get(f"/org/{cz.code}/gk/guide/"))
    for value in (
        cz.address,
        cz.postcode,
        cz.phone,
        cz.office_hours,
        cz.how_to_apply,
        cz.functions,
    ):
        assert value and value in html
    assert "20 个工作日" in html
    # the catalog's columns are listed, linked
    assert f'href="/org/{cz.code}/gk/c/normative/"' in html
    # a change to the organisation shows at once
    cz.phone = "0635-1234567"
    cz.save()
    assert "0635-1234567" in main_of(client.get(f"/org/{cz.code}/gk/guide/"))


def test_application_entry_points_to_the_form(client, site):
    html = main_of(client.get(f"/org/{site.cz.code}/gk/apply/"))
    assert f'href="/apply/?org={site.cz.pk}"' in html
    assert site.cz.how_to_apply in html


SECTION_CASES = [
    ("system", "rules", "monthly"),
    ("annual_report", "annual", "monthly"),
    ("statutory", "monthly", "annual"),
]


def test_section_pages_list_their_items(client, site):
    for section, present, absent in SECTION_CASES:
        html = main_of(client.get(f"/org/{site.cz.code}/gk/part/{section}/"))
        assert getattr(site, present).title in html, section
        assert getattr(site, absent).title not in html, section


def test_guide_and_application_parts_redirect_to_their_pages(client, site):
    r = client.get(f"/org/{site.cz.code}/gk/part/guide/")
    assert r.status_code == 302 and r["Location"].endswith("/gk/guide/")
    assert client.get(f"/org/{site.cz.code}/gk/part/nonsense/").status_code == 404


def test_column_page_shows_its_items_and_those_of_sub_columns(client, site):
    html = main_of(client.get(f"/org/{site.cz.code}/gk/c/czsz/"))
    assert site.monthly.title in html
    assert "全市财政收支情况" in html and "每月" in html  # the column's 公开内容, 公开时限
    for hidden in (site.draft, site.withdrawn, site.on_request):
        assert hidden.title not in html
    parent = main_of(client.get(f"/org/{site.cz.code}/gk/c/czyjs/"))
    assert site.monthly.title in parent
    # breadcrumbs lead back through the tree
    assert f'href="/org/{site.cz.code}/gk/c/czyjs/"' in html


def test_column_pages_are_paged(client, site, make):
    for i in range(25):
        make.item(site.cz, f"第{i:02d}号财政月报", entries=[site.czsz])
    first = main_of(client.get(f"/org/{site.cz.code}/gk/c/czsz/"))
    assert "第 1/2 页" in first and 'rel="next"' in first
    second = main_of(client.get(f"/org/{site.cz.code}/gk/c/czsz/?page=2"))
    assert "第 2/2 页" in second
    titles_1 = set(re.findall(r"第\d\d号财政月报", first))
    titles_2 = set(re.findall(r"第\d\d号财政月报", second))
    assert titles_1 and titles_2 and not titles_1 & titles_2
    beyond = client.get(f"/org/{site.cz.code}/gk/c/czsz/?page=9")
    assert beyond.status_code == 200 and "回到第 1 页" in text(beyond)


# ----- items ------------------------------------------------------------------------------


def test_item_page_shows_the_metadata_block(client, site):
    p = site.new_policy
    html = main_of(client.get(f"/item/{p.pk}/"))
    for label in ("索引号", "主题分类", "发文机关", "发文字号", "成文日期", "发布日期", "有效性"):
        assert f">{label}</th>" in html
    assert p.index_no in html
    assert "社会保障" in html and "聊财发〔2023〕7号" in html
    assert "2023年4月20日" in html and "2023年4月25日" in html
    issuers = re.search(r">发文机关</th><td>(.*?)</td>", html).group(1)
    assert set(issuers.split("、")) == {"聊城市财政局", "聊城市民政局"}  # joint issuers
    assert "城市低保标准每人每月800元" in html  # body
    # the breadcrumbs lead back through the catalog to the item's column
    crumbs = html[html.index('class="breadcrumbs"') : html.index("</nav>")]
    for href in (f"/org/{p.organisation.code}/gk/", f"/org/{p.organisation.code}/gk/c/normative/"):
        assert f'href="{href}"' in crumbs
    assert "validity-banner" not in html


def test_item_page_links_interpretation_both_ways(client, site):
    policy = main_of(client.get(f"/item/{site.new_policy.pk}/"))
    assert "政策解读" in policy and f'href="/item/{site.interpretation.pk}/"' in policy
    interp = main_of(client.get(f"/item/{site.interpretation.pk}/"))
    assert "本文解读的政策文件" in interp and f'href="/item/{site.new_policy.pk}/"' in interp


def test_repealed_item_has_a_banner_linking_its_replacement(client, site):
    html = main_of(client.get(f"/item/{site.old_policy.pk}/"))
    banner = html[
        html.index("validity-banner") : html.index("</div>", html.index("validity-banner"))
    ]
    assert "已废止" in banner and "2023年4月25日" in banner
    assert f'href="/item/{site.new_policy.pk}/"' in banner
    # and the new one says what it replaced
    new = main_of(client.get(f"/item/{site.new_policy.pk}/"))
    assert "本文件替代或修改了" in new and f'href="/item/{site.old_policy.pk}/"' in new


def test_banner_does_not_link_an_unpublished_replacement(client, site, make):
    from gongkai.catalog.models import Item

    hidden = make.item(site.cz, "未发布的新办法", state=Item.STATE_DRAFT)
    site.old_policy.replaced_by = hidden
    site.old_policy.save()
    html = main_of(client.get(f"/item/{site.old_policy.pk}/"))
    assert "已废止" in html and "未发布的新办法" not in html


def test_withdrawn_item_answers_410_and_unpublished_404(client, site):
    gone = client.get(f"/item/{site.withdrawn.pk}/")
    assert gone.status_code == 410
    assert "已撤回" in text(gone) and "内部原因" not in text(gone)
    assert client.get(f"/item/{site.draft.pk}/").status_code == 404
    assert client.get(f"/item/{site.on_request.pk}/").status_code == 404
    assert client.get("/item/999999/").status_code == 404


def test_attachment_downloads_with_its_name(client, site):
    att = site.monthly.attachments.get()
    html = main_of(client.get(f"/item/{site.monthly.pk}/"))
    url = f"/item/{site.monthly.pk}/files/{att.pk}/"
    assert f'href="{url}"' in html and att.name in html
    r = client.get(url)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == "项目,金额\n收入,20\n".encode()
    disposition = unquote(r["Content-Disposition"])
    assert disposition.startswith("attachment") and "2026年10月财政收支表.csv" in disposition


def test_attachment_of_hidden_items_or_other_items_is_not_served(client, site):
    withdrawn_att = site.withdrawn.attachments.get()
    assert client.get(f"/item/{site.withdrawn.pk}/files/{withdrawn_att.pk}/").status_code == 410
    other = site.new_policy.attachments.get()
    assert client.get(f"/item/{site.monthly.pk}/files/{other.pk}/").status_code == 404


def test_attachment_with_missing_file_is_404_not_500(client, site):
    import os

    att = site.monthly.attachments.get()
    os.remove(att.file.path)
    assert client.get(f"/item/{site.monthly.pk}/files/{att.pk}/").status_code == 404


def test_item_body_markup_is_kept_but_script_free_body_is_trusted_as_sanitised(client, site):
    # the catalog sanitises bodies on save; the portal renders the stored HTML as is
    html = main_of(client.get(f"/item/{site.new_policy.pk}/"))
    assert "<p>为保障困难群众基本生活" in html


# ----- policy library ---------------------------------------------------------------------


def library(client, query=""):
    r = client.get("/policies/" + query)
    assert r.status_code == 200
    return main_of(r)


def test_library_lists_policy_documents_only(client, site):
    html = library(client)
    assert site.new_policy.title in html and site.old_policy.title in html
    assert site.notice.title in html
    assert site.monthly.title not in html  # not a policy document
    assert site.interpretation.title not in html


LIBRARY_CASES = [
    ("?year=2019", "old_policy", "new_policy"),
    ("?validity=repealed", "old_policy", "new_policy"),
    ("?validity=valid", "new_policy", "old_policy"),
    ("?genre=通知", "notice", "new_policy"),
    ("?theme=社会保障", "new_policy", "notice"),
    ("?doc_number=聊政办发〔2017〕9号", "notice", "new_policy"),
    ("?doc_number=2019", "old_policy", "new_policy"),
    ("?kind=policy", "notice", "new_policy"),
    ("?title=标准实施", "new_policy", "old_policy"),
]


def test_library_filters(client, site):
    for query, present, absent in LIBRARY_CASES:
        html = library(client, query)
        assert getattr(site, present).title in html, query
        assert getattr(site, absent).title not in html, query


def test_library_org_filter_covers_the_subtree(client, site):
    city = library(client, f"?org={site.lc_gov.code}")
    assert site.notice.title in city and site.new_policy.title in city
    dept = library(client, f"?org={site.cz.code}")
    assert site.new_policy.title in dept and site.notice.title not in dept


def test_library_sorts_and_keeps_filters_in_links(client, site):
    newest = library(client)
    assert newest.index(site.new_policy.title) < newest.index(site.old_policy.title)
    oldest = library(client, "?sort=oldest")
    assert oldest.index(site.notice.title) < oldest.index(site.old_policy.title)
    signed = library(client, "?sort=signed_newest&theme=社会保障")
    assert signed.index(site.new_policy.title) < signed.index(site.old_policy.title)
    # the shareable link reproduces the filters
    assert "theme=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%9A%9C" in signed
    assert "sort=signed_newest" in signed
    # the filter form shows the current choice
    assert '<option value="社会保障" selected>' in signed


# ----- search page ------------------------------------------------------------------------


def test_search_page_without_query_shows_tips(client, site):
    html = main_of(client.get("/search/"))
    assert "检索提示" in html and "共找到" not in html


def test_search_finds_highlights_and_offers_facets(client, indexed):
    site = indexed
    html = main_of(client.get("/search/?q=低保"))
    assert "共找到" in html
    assert "<mark>低保</mark>" in html
    assert f'href="/item/{site.new_policy.pk}/"' in html
    assert site.dy_item.title not in html
    # facets with counts, each a link adding one filter
    assert 'id="facet-org"' in html and f"org={site.cz.code}" in html
    assert re.search(r"（\d+）", html)


def test_search_filters_by_org_year_and_validity(client, indexed):
    site = indexed
    html = main_of(client.get(f"/search/?q=低保&org={site.mz.code}"))
    assert site.mz_item.title in html and site.new_policy.title not in html
    html = main_of(client.get("/search/?q=低保&validity=repealed"))
    assert "聊城市城乡<mark>低保</mark>标准调整办法" in html
    assert f'href="/item/{site.new_policy.pk}/"' not in html
    html = main_of(client.get("/search/?q=财政收支&year=2026"))
    assert f'href="/item/{site.monthly.pk}/"' in html


def test_search_by_document_number(client, indexed):
    site = indexed
    html = main_of(client.get("/search/?q=聊政办发〔2017〕9号"))
    assert f'href="/item/{site.notice.pk}/"' in html


def test_search_pages_and_sorts(client, site, make, reindex):
    for i in range(25):
        make.item(site.cz, f"专项资金公告第{i:02d}期", body_text="专项资金使用情况")
    reindex()
    first = main_of(client.get("/search/?q=专项资金&sort=newest"))
    assert "共找到 25 条结果" in first and "第 1/2 页" in first
    assert first.index("第24期") < first.index("第23期")
    second = main_of(client.get("/search/?q=专项资金&sort=newest&page=2"))
    assert 'start="21"' in second and "第04期" in second
    oldest = main_of(client.get("/search/?q=专项资金&sort=oldest"))
    assert oldest.index("第00期") < oldest.index("第01期")


def test_search_shows_did_you_mean(client, site, monkeypatch):
    from gongkai.portal import queries
    from gongkai.search.query import SearchResults

    def fake(params):
        return SearchResults(request=None, total=0, hits=[], facets={}, suggestion="低保标准")

    monkeypatch.setattr(queries, "run_search", fake)
    html = main_of(client.get("/search/?q=低报标准"))
    assert "您是不是要找" in html and "q=%E4%BD%8E%E4%BF%9D%E6%A0%87%E5%87%86" in html
    assert "没有找到相关信息" in html and "/apply/" in html


def test_nothing_found_suggests_applying(client, indexed):
    html = main_of(client.get("/search/?q=完全不存在的词语组合"))
    assert "共找到 0 条结果" in html and "依申请公开" in html


def test_application_link_preselects_the_organisation_on_the_form(client, site):
    html = main_of(client.get(f"/org/{site.cz.code}/gk/apply/"))
    link = re.search(r'href="(/apply/\?org=\d+)"', html).group(1)
    form = client.get(link)
    assert form.status_code == 200
    assert re.search(rf'<option value="{site.cz.pk}"[^>]*\bselected\b', form.content.decode())


def test_search_page_never_renders_markup_other_than_mark(client, site, monkeypatch):
    from gongkai.portal import queries
    from gongkai.search.query import Hit, SearchResults

    def fake(params):
        hit = Hit(
            item_id=site.monthly.pk,
            title_html="<mark>财政</mark>收支&amp;情况",
            snippet_html='<img src=x onerror="alert(1)"><mark>收支</mark>',
            url="",
        )
        return SearchResults(request=None, total=1, hits=[hit], facets={})

    monkeypatch.setattr(queries, "run_search", fake)
    html = main_of(client.get("/search/?q=财政"))
    assert "<mark>财政</mark>收支&amp;情况" in html
    assert "<img" not in html and "&lt;img" in html


def test_a_broken_search_backend_gives_a_503_page_not_a_500(client, site, monkeypatch):
    import gongkai.search.query as search_query

    def broken(request):
        raise OSError("index folder missing")

    monkeypatch.setattr(search_query, "search", broken)
    page = client.get("/search/?q=低保")
    assert page.status_code == 503 and "检索服务暂时不可用" in page.content.decode()
    assert 'href="/policies/"' in page.content.decode()
    api = client.get("/api/v1/search?q=低保")
    assert api.status_code == 503 and api.json()["error"]["code"] == "search_unavailable"
