"""The open read API: what it returns, what it hides, its paging limits and CORS."""

from __future__ import annotations


def get(client, url, status=200, **headers):
    r = client.get(url, **headers)
    assert r.status_code == status, (url, r.content[:500])
    assert r["Content-Type"].startswith("application/json")
    return r.json()


def test_item_list_has_only_public_items_and_pages(client, site):
    data = get(client, "/api/v1/items?per_page=100")
    ids = {row["id"] for row in data["results"]}
    assert site.monthly.pk in ids and site.new_policy.pk in ids
    assert not ids & {site.draft.pk, site.withdrawn.pk, site.on_request.pk}
    assert data["total"] == len(ids)
    page = get(client, "/api/v1/items?per_page=3&page=2")
    assert page["page"] == 2 and page["per_page"] == 3 and len(page["results"]) == 3
    assert page["pages"] == -(-data["total"] // 3)


FILTER_CASES = [
    ("year=2019", "old_policy", "new_policy"),
    ("validity=repealed", "old_policy", "new_policy"),
    ("genre=通知", "notice", "new_policy"),
    ("theme=财政", "monthly", "new_policy"),
    ("doc_number=聊政办发", "notice", "old_policy"),
    ("kind=interpretation", "interpretation", "new_policy"),
    ("org=370500007", "dy_item", "monthly"),
]


def test_item_list_filters_like_the_library(client, site):
    for query, present, absent in FILTER_CASES:
        rows = get(client, "/api/v1/items?per_page=100&" + query)["results"]
        ids = {row["id"] for row in rows}
        assert getattr(site, present).pk in ids, query
        assert getattr(site, absent).pk not in ids, query


def test_item_list_by_column(client, site):
    rows = get(client, f"/api/v1/items?org={site.cz.code}&column=czyjs")["results"]
    assert [r["id"] for r in rows] == [site.monthly.pk]  # from its sub-column, public only
    rows = get(client, f"/api/v1/items?org={site.cz.code}&column=normative")["results"]
    assert {r["id"] for r in rows} == {site.new_policy.pk, site.old_policy.pk}
    assert get(client, "/api/v1/items?column=czsz", 400)["error"]["param"] == "column"
    get(client, f"/api/v1/items?org={site.mz.code}&column=czsz", 400)
    # the library reads the same parameter (shareable column lists of policies)
    html = client.get(f"/policies/?org={site.cz.code}&column=normative").content.decode()
    assert site.new_policy.title in html and site.notice.title not in html


def test_item_list_sorts(client, site):
    rows = get(client, "/api/v1/items?sort=oldest&per_page=100")["results"]
    dates = [r["published_at"] for r in rows]
    assert dates == sorted(dates)


def test_item_detail(client, site):
    data = get(client, f"/api/v1/items/{site.old_policy.pk}")
    assert data["index_no"] == site.old_policy.index_no
    assert data["doc_number"] == "聊财发〔2019〕3号"
    assert data["validity"] == "repealed" and data["validity_label"] == "废止"
    assert data["replaced_by"]["id"] == site.new_policy.pk
    new = get(client, f"/api/v1/items/{site.new_policy.pk}")
    assert [i["id"] for i in new["interpretations"]] == [site.interpretation.pk]
    assert new["attachments"][0]["name"] == "低保标准表.csv"
    download = new["attachments"][0]["download_url"]
    assert client.get(download.replace("http://testserver", "")).status_code == 200
    interp = get(client, f"/api/v1/items/{site.interpretation.pk}")
    assert [i["id"] for i in interp["interprets"]] == [site.new_policy.pk]


def test_item_detail_hides_what_is_not_public(client, site):
    assert get(client, f"/api/v1/items/{site.withdrawn.pk}", 410)["error"]["code"] == "gone"
    assert get(client, f"/api/v1/items/{site.draft.pk}", 404)["error"]["code"] == "not_found"
    get(client, f"/api/v1/items/{site.on_request.pk}", 404)
    get(client, "/api/v1/items/987654", 404)


def test_search_gives_the_same_results_as_the_page(client, indexed):
    site = indexed
    data = get(client, "/api/v1/search?q=低保&per_page=50")
    page = client.get("/search/?q=低保&per_page=50").content.decode()
    assert data["total"] > 0
    assert f"共找到 {data['total']} 条结果" in page
    for row in data["results"]:
        assert f'href="/item/{row["id"]}/"' in page
        assert "<mark>" in row["title_html"] + row["snippet_html"]
    assert {f["value"] for f in data["facets"]["organisation"]} >= {site.cz.code}


def test_search_filters_and_empty_query(client, indexed):
    site = indexed
    data = get(client, f"/api/v1/search?q=财政收支&org={site.dy.code}")
    assert [r["id"] for r in data["results"]] == [site.dy_item.pk]
    err = get(client, "/api/v1/search?q=", 400)["error"]
    assert err["param"] == "q" and err["message"]


def test_organisations_and_detail(client, site):
    first = get(client, "/api/v1/organisations?per_page=50")
    codes = [o["code"] for o in first["results"]]
    for page in range(2, first["pages"] + 1):
        more = get(client, f"/api/v1/organisations?per_page=50&page={page}")
        codes += [o["code"] for o in more["results"]]
    assert len(codes) == len(set(codes)) == first["total"]  # paging neither repeats nor skips
    assert {site.cz.code, site.dy.code, site.lc_gov.code} <= set(codes)
    city = get(client, f"/api/v1/organisations?city={site.dy.city.code}&per_page=100")
    assert all(o["city"] in (None, site.dy.city.code) for o in city["results"])
    assert site.cz.code not in {o["code"] for o in city["results"]}
    detail = get(client, f"/api/v1/organisations/{site.cz.code}")
    assert detail["address"] == site.cz.address and detail["parent"] == site.lc_gov.code
    get(client, "/api/v1/organisations/nope", 404)


def test_catalog_tree(client, site):
    data = get(client, f"/api/v1/organisations/{site.cz.code}/catalog")
    sections = {s["key"]: s for s in data["sections"]}
    statutory = sections["statutory"]["columns"][0]
    assert statutory["slug"] == "statutory"
    czyjs = next(c for c in statutory["children"] if c["slug"] == "czyjs")
    czsz = czyjs["children"][0]
    assert czsz["slug"] == "czsz" and czsz["item_count"] == 1  # withdrawn/draft not counted
    assert czyjs["total_item_count"] == 1


def test_api_is_read_only(client, site):
    r = client.post("/api/v1/items", {"title": "x"})
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_unknown_api_path_is_json_404(client, site):
    assert get(client, "/api/v1/nothing/here", 404)["error"]["code"] == "not_found"


def test_cors_is_off_by_default(client, site):
    r = client.get("/api/v1/items", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in r


def test_cors_when_configured(client, site, settings):
    settings.GONGKAI_API_CORS_ORIGINS = "https://data.example.org, https://other.example.org"
    r = client.get("/api/v1/items", HTTP_ORIGIN="https://data.example.org")
    assert r["Access-Control-Allow-Origin"] == "https://data.example.org"
    r = client.get("/api/v1/items", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in r
    settings.GONGKAI_API_CORS_ORIGINS = "*"
    r = client.get("/api/v1/organisations", HTTP_ORIGIN="https://any.example")
    assert r["Access-Control-Allow-Origin"] == "*"
    # pages are never opened to other origins
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://any.example")
