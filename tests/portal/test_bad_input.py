"""Bad input never makes a 500: people get a friendly zh-hans page, the API a 400 with a message."""

from __future__ import annotations

import pytest

LONG = "低" * 5000
BAD_PARAMS = [
    ("q", LONG),
    ("q", "%ED%A0%80"),  # a lone surrogate, percent-encoded as the browser would send it
    ("q", "%00abc"),  # NUL byte
    ("q", "%FF%FE"),  # not UTF-8 at all
    ("page", "-1"),
    ("page", "0"),
    ("page", "1000000000"),
    ("page", "abc"),
    ("page", "1e3"),
    ("per_page", "1000000"),
    ("per_page", "0"),
    ("year", "二〇一七"),
    ("year", "99999999999999999999999"),
    ("validity", "' OR 1=1 --"),
    ("sort", "title; DROP TABLE catalog_item"),
    ("org", "no-such-org"),
]


def url_with(path, name, value, base="q=低保"):
    from urllib.parse import quote

    if "%" not in value:
        value = quote(value)
    return f"{path}?{base}&{name}={value}" if name != "q" else f"{path}?q={value}"


@pytest.mark.parametrize("name,value", BAD_PARAMS)
def test_search_page_answers_bad_input_with_a_friendly_page(client, db, name, value):
    r = client.get(url_with("/search/", name, value))
    assert r.status_code == 400
    html = r.content.decode()
    assert "抱歉，无法完成这次查询" in html and 'role="alert"' in html
    assert 'role="search"' in html  # a way to try again
    assert LONG not in html


@pytest.mark.parametrize("name,value", BAD_PARAMS)
def test_search_api_answers_bad_input_with_400(client, db, name, value):
    r = client.get(url_with("/api/v1/search", name, value))
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "bad_parameter" and err["param"] == name and err["message"]


@pytest.mark.parametrize("name,value", [p for p in BAD_PARAMS if p[0] != "q"])
def test_library_and_items_api_reject_bad_filters(client, db, name, value):
    page = client.get(url_with("/policies/", name, value, base="x=1"))
    assert page.status_code == 400 and "抱歉" in page.content.decode()
    api = client.get(url_with("/api/v1/items", name, value, base="x=1"))
    assert api.status_code == 400 and api.json()["error"]["param"] == name


SYNTAX_QUERIES = [
    "' OR 1=1 --",
    '"; DROP TABLE catalog_item; --',
    'title:(低保 AND "标准',
    "*",
    "低保 OR NOT",
    '+-&&||!(){}[]^"~*?:\\/',
    "%_%",
    "<script>alert(1)</script>",
    "〔2017〕",
    "   ",
]


def test_syntax_characters_are_searched_as_text(client, indexed):
    from urllib.parse import quote

    for query in SYNTAX_QUERIES:
        page = client.get("/search/?q=" + quote(query))
        assert page.status_code in (200, 400), query
        assert "<script>alert(1)</script>" not in page.content.decode()
        api = client.get("/api/v1/search?q=" + quote(query))
        assert api.status_code in (200, 400), query
        if api.status_code == 400:
            assert api.json()["error"]["message"]


def test_bad_page_on_column_and_section_pages(client, site):
    for url in (f"/org/{site.cz.code}/gk/c/czsz/", f"/org/{site.cz.code}/gk/part/statutory/"):
        r = client.get(url + "?page=-1")
        assert r.status_code == 400 and "页码" in r.content.decode()


def test_a_very_long_path_segment_is_a_404(client, site):
    assert client.get("/org/" + "x" * 3000 + "/").status_code == 404
    assert client.get("/api/v1/organisations/" + "x" * 3000).status_code == 404


def test_ids_too_large_for_the_database_are_404(client, db):
    huge = "9" * 30
    for url in (f"/item/{huge}/", f"/item/1/files/{huge}/", f"/api/v1/items/{huge}"):
        assert client.get(url).status_code == 404, url
    assert client.get("/item/999999999999999999/").status_code == 404  # 18 digits: looked up
