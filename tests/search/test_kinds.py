"""Every kind of public document is found by the same search: a fake second doc type is
registered here (as the gazette, consultations ... register theirs) and found on every backend
with the same recall guarantee, a kind facet and filter, its own label and URL."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from gongkai.rules import ngrams
from gongkai.search import indexing, registry
from gongkai.search.query import SearchInputError, SearchRequest
from gongkai.search.registry import DocType, SearchDoc

pytestmark = pytest.mark.django_db

NOTICES = {  # the "database" of the fake kind: id -> (title, text, public)
    1: ("聊城市政府公报2024年第3期", "本期刊登城乡低保标准调整的通知。", True),
    2: ("关于征求清洁取暖方案意见的公告", "欢迎社会各界对清洁取暖方案提出意见。", True),
    3: ("尚未发布的公报", "城乡低保草稿。", False),
}


def _build(ids):
    out = {}
    for pk in ids:
        title, text, public = NOTICES.get(pk, ("", "", False))
        if public:
            out[pk] = SearchDoc(
                kind="notice",
                id=pk,
                title=title,
                text=text,
                url=f"/notices/{pk}/",
                published_at=timezone.make_aware(dt.datetime(2024, 3, 1) + dt.timedelta(days=pk)),
                category="公报",
            )
    return out


@pytest.fixture
def notices():
    saved = dict(NOTICES)
    registry.register(
        DocType(
            kind="notice",
            label="测试公告",
            build=_build,
            public_ids=lambda: [pk for pk, v in NOTICES.items() if v[2]],
        )
    )
    yield NOTICES
    registry.unregister("notice")
    NOTICES.clear()
    NOTICES.update(saved)


def keys(res):
    return {h.key for h in res.hits}


def test_other_kinds_are_found_with_label_url_facet_and_filter(backend, make_item, notices):
    item = make_item("城乡低保标准调整的通知", "自2024年起提高城乡低保标准。")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="城乡低保"))
    assert keys(res) == {f"item:{item.pk}", "notice:1"}  # the unpublished notice 3 is not
    notice = next(h for h in res.hits if h.kind == "notice")
    assert notice.kind_label == "测试公告" and notice.url == "/notices/1/"
    assert "<mark>城乡低保</mark>" in notice.snippet_html
    facet = {value: (label, n) for value, label, n in res.facets["kind"]}
    assert facet == {"item": ("政府信息", 1), "notice": ("测试公告", 1)}

    only = backend.search(SearchRequest(q="城乡低保", kind="notice"))
    assert keys(only) == {"notice:1"} and only.total == 1
    items = backend.search(SearchRequest(q="城乡低保", kind="item"))
    assert keys(items) == {f"item:{item.pk}"}
    listed = backend.search(SearchRequest(kind="notice"))  # a filter alone lists the kind
    assert keys(listed) == {"notice:1", "notice:2"}
    with pytest.raises(SearchInputError):
        backend.search(SearchRequest(q="低保", kind="no_such_kind"))


def test_a_change_of_another_kind_reaches_the_index_after_commit(
    backend, make_item, notices, django_capture_on_commit_callbacks
):
    make_item("无关", "正文")
    indexing.rebuild(backend)
    assert backend.search(SearchRequest(q="低保草稿")).total == 0
    notices[3] = ("已发布的公报", "城乡低保草稿。", True)
    with django_capture_on_commit_callbacks(execute=True):
        registry.changed("notice", [3])
    res = backend.search(SearchRequest(q="低保草稿"))
    assert keys(res) == {"notice:3"} and res.hits[0].title_html == "已发布的公报"
    notices[3] = ("已撤回", "城乡低保草稿。", False)
    with django_capture_on_commit_callbacks(execute=True):
        registry.changed("notice", [3])
    assert backend.search(SearchRequest(q="低保草稿")).total == 0


def test_same_id_in_two_kinds_are_two_documents(backend, make_item, notices):
    item = make_item("清洁取暖补贴发放情况", "清洁取暖。")
    notices[item.pk] = ("清洁取暖公告", "清洁取暖。", True)
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="清洁取暖", per_page=50))
    assert {f"item:{item.pk}", f"notice:{item.pk}", "notice:2"} == keys(res)


def test_recall_of_every_kind_equals_substring_search(backend, make_item, notices):
    """Half the generated corpus as catalog items, half as the fake kind: every backend finds
    exactly the documents of either kind whose title or text contains the query."""
    from gongkai.search import benchcorpus

    notices.clear()
    texts = {}
    for k, doc in enumerate(benchcorpus.generate(60, seed=9)):
        if k % 2:
            item = make_item(doc.title, doc.text)
            texts[f"item:{item.pk}"] = item.title + "\n" + item.body_text
        else:
            notices[k + 1] = (doc.title, doc.text, True)
            texts[f"notice:{k + 1}"] = doc.title + "\n" + doc.text
    indexing.rebuild(backend)
    norm = {key: ngrams.normalise(t) for key, t in texts.items()}
    rnd = random.Random(4)
    queries = ["低保", "保", "政务公开", "关于进一步", "〔20"]
    while len(queries) < 25:
        t = rnd.choice(list(texts.values()))
        size = rnd.randint(1, 7)
        start = rnd.randrange(0, len(t) - size)
        word = t[start : start + size]
        if word.strip() == word and not any(c.isspace() for c in word):
            queries.append(word)
    for q in queries:
        word = ngrams.normalise(q)
        expected = {key for key, t in norm.items() if word in t}
        got, page = set(), 1
        while True:
            res = backend.search(SearchRequest(q=q, page=page, per_page=100))
            got |= keys(res)
            if len(res.hits) < 100:
                break
            page += 1
        extra = {k for k in got - expected if not k.startswith("item:")}
        assert expected <= got, f"{backend.name} {q!r} missed {sorted(expected - got)}"
        assert not extra, f"{backend.name} {q!r}: notices without the word {extra}"


def test_old_kind_links_mean_the_item_category(backend, make_item):
    normative = make_item("低保审批办法", "正文", kind="normative")
    make_item("低保工作动态", "正文", kind="news")
    indexing.rebuild(backend)
    old = backend.search(SearchRequest(q="低保", kind="normative"))
    new = backend.search(SearchRequest(q="低保", category="normative"))
    assert keys(old) == keys(new) == {f"item:{normative.pk}"}
    with pytest.raises(SearchInputError):
        backend.search(SearchRequest(q="低保", category="gazette"))


def test_portal_page_and_api_show_kind_facet_and_filter(client, settings, make_item, notices):
    settings.GONGKAI_SEARCH_BACKEND = "simple"
    from gongkai.search import backends

    backends.reset()
    item = make_item("城乡低保标准调整的通知", "自2024年起提高城乡低保标准。", kind="normative")
    indexing.rebuild()
    page = client.get("/search/?q=城乡低保").content.decode()
    assert "文档类型" in page and "测试公告" in page and 'href="/notices/1/"' in page
    assert "kind=notice" in page  # the facet link
    from django.urls import reverse

    assert f'href="{reverse("portal:item", args=[item.pk])}"' in page
    only = client.get("/search/?q=城乡低保&kind=notice").content.decode()
    assert 'href="/notices/1/"' in only
    assert f'href="{reverse("portal:item", args=[item.pk])}"' not in only
    api = client.get("/api/v1/search?q=城乡低保").json()
    by_kind = {r["kind"]: r for r in api["results"]}
    assert by_kind["notice"]["kind_label"] == "测试公告"
    assert by_kind["notice"]["url"].endswith("/notices/1/")
    assert by_kind["notice"]["api_url"] is None and by_kind["item"]["api_url"]
    assert {f["value"] for f in api["facets"]["kind"]} == {"item", "notice"}
    filtered = client.get("/api/v1/search?q=城乡低保&kind=notice").json()
    assert [r["kind"] for r in filtered["results"]] == ["notice"]
    category = client.get("/api/v1/search?q=城乡低保&category=normative").json()
    assert [r["id"] for r in category["results"]] == [item.pk]
    old_link = client.get("/api/v1/search?q=城乡低保&kind=normative").json()
    assert [r["id"] for r in old_link["results"]] == [item.pk]
    bad = client.get("/api/v1/search?q=低保&kind=nothing")
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "kind"
