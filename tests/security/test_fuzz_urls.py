"""Issue #17.11: every URL pattern answers bad values with a 400/404 or a friendly page, never a 500.

The patterns are read from the URL resolver, so an area added later is fuzzed without a change
here. Each pattern is called with bad path values, and every page with bad paging/year values,
as an anonymous visitor and as a city office admin.

Requests that cannot reach a view are sent once, not for every pattern: an address the URL
resolver refuses is answered by the middleware and Django's 404 page alone, so each bad value
is sent once per first path segment (/api/, /staff/, ...). A page is first requested with a
harmless parameter while recording which query parameters it reads; each bad parameter is then
sent to every page that reads it (or reads the whole query string), since a page cannot answer
a parameter it never reads.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import unquote

import pytest
from django.http import QueryDict
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from gongkai.accounts.models import User

BAD_VALUES = ["--1", "²", "-1", "99999999999999999999", "%00", "1.5", "abc", "１"]
BAD_QUERY = [
    {"page": "--1"},
    {"page": "²"},
    {"per_page": "--1"},
    {"per_page": "99999999999999"},
    {"year": "--1"},
    {"year": "²"},
    {"month": "13"},
    "q=%ED%A0%80",  # a lone surrogate as a client would send it (CESU-8 bytes)
    "q=%FF%FE",
    {"org": "<script>"},
]
SKIP = ("admin/", "static/", "media/")


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _patterns(p, route)
        elif isinstance(p, URLPattern):
            yield route


def _fill(route: str, value: str) -> str:
    route = route.lstrip("^").rstrip("$")
    filled = re.sub(r"<(?:[a-z_]+:)?[a-z_]+>", value, route)
    filled = re.sub(r"\(\?P<[^>]+>[^)]*\)", value, filled)
    return "/" + filled.replace("\\", "")


def _routes():
    seen = []
    for route in _patterns():
        if route.startswith(SKIP) or route in seen:
            continue
        seen.append(route)
    return seen


def _reaches_a_view(url: str) -> bool:
    try:
        resolve(unquote(url))
    except Resolver404:
        return False
    return "\x00" not in unquote(url)  # refused by the middleware before any view


_ALL = "*"
_KEYED = ("__getitem__", "get", "getlist", "__contains__", "pop", "setdefault")
_WHOLE = ("items", "lists", "values", "keys", "__iter__", "dict", "urlencode", "__len__")


@contextlib.contextmanager
def _reads(monkeypatch):
    """The query parameters read while inside (``_ALL`` when the whole query is read)."""
    seen: set[str] = set()

    def keyed(name):
        original = getattr(QueryDict, name)

        def read(self, key, *args, **kwargs):
            seen.add(key)
            return original(self, key, *args, **kwargs)

        return read

    def whole(name):
        original = getattr(QueryDict, name)

        def read(self, *args, **kwargs):
            seen.add(_ALL)
            return original(self, *args, **kwargs)

        return read

    with monkeypatch.context() as m:
        for name in _KEYED:
            m.setattr(QueryDict, name, keyed(name))
        for name in _WHOLE:
            m.setattr(QueryDict, name, whole(name))
        yield seen


def _key(params) -> str:
    return params.split("=", 1)[0] if isinstance(params, str) else next(iter(params))


@pytest.fixture
def office_client(client, staff):
    user = User.objects.get(username="lc-admin")
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    client.force_login(user)
    return client


def _check(client, url, params=None):
    resp = client.get(url, params or {})
    assert resp.status_code != 500, f"{url} {params} answered 500"
    return resp


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_no_url_pattern_answers_500_to_bad_values(client, staff, who, request):
    if who == "office":
        client = request.getfixturevalue("office_client")
    failures = []
    unreachable_sent = set()  # (first path segment, value) of addresses no view answers
    for route in _routes():
        values = BAD_VALUES if "<" in route or "(?P" in route else [None]
        for value in values:
            url = _fill(route, value) if value is not None else "/" + route.lstrip("^").rstrip("$")
            if value is not None and not _reaches_a_view(url):
                where = (url.split("/")[1], value)
                if where in unreachable_sent:
                    continue
                unreachable_sent.add(where)
            try:
                resp = client.get(url)
            except Exception as exc:  # an exception escaping the view is a 500 too
                failures.append(f"{url}: {type(exc).__name__}: {exc}")
                continue
            if resp.status_code >= 500:
                failures.append(f"{url}: {resp.status_code}")
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_no_page_answers_500_to_bad_query_parameters(client, staff, who, request, monkeypatch):
    if who == "office":
        client = request.getfixturevalue("office_client")
    failures = []
    sent = 0
    for route in _routes():
        if "<" in route or "(?P" in route:
            continue
        url = "/" + route.lstrip("^").rstrip("$")
        with _reads(monkeypatch) as read:
            _check(client, url, {"fuzz-probe": "1"})
        for params in BAD_QUERY:
            if _ALL not in read and _key(params) not in read:
                continue  # the page never reads this parameter
            sent += 1
            try:
                if isinstance(params, str):
                    resp = client.get(f"{url}?{params}")
                else:
                    resp = client.get(url, params)
            except Exception as exc:
                failures.append(f"{url} {params}: {type(exc).__name__}: {exc}")
                continue
            if resp.status_code >= 500:
                failures.append(f"{url} {params}: {resp.status_code}")
    assert not failures, "\n".join(failures[:40])
    assert sent > 100  # the paging, year and search parameters of the lists were all sent


def test_api_answers_bad_paging_with_a_precise_400(client, db):
    resp = client.get("/api/v1/items", {"page": "--1"})
    assert resp.status_code == 400
    body = resp.json()
    assert body["error"]["param"] == "page"


@pytest.mark.parametrize(
    "url", ["/org/%00/", "/org/%00/gk/c/%00/", "/api/v1/organisations/%00", "/gazette/%00/"]
)
def test_a_nul_character_in_the_address_is_a_400_with_a_reason(client, db, url):
    resp = client.get(url)
    assert resp.status_code == 400
    text = resp.content.decode()
    assert "无效字符" in text
    if url.startswith("/api/"):
        assert resp.json()["error"] == "请求地址中含有无效字符。"
