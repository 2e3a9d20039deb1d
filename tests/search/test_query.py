"""What a person notices: aliases, doc numbers first, ranking, facets, paging, highlighting,
bad input answered with a message (never an exception), on every backend."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.search import indexing
from gongkai.search.query import SearchInputError, SearchRequest

pytestmark = pytest.mark.django_db


def when(year, month=1, day=1):
    return timezone.make_aware(dt.datetime(year, month, day, 9))


def test_alias_finds_items_written_with_the_full_name(backend, make_item):
    a = make_item("关于下达2024年重点项目计划的通知", "市发展改革委负责项目审核。", "市发展改革委")
    b = make_item("会议纪要", "聊城市发展和改革委员会召开专题会议。", "市财政局")
    make_item("无关信息", "市财政局预算公开。")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="市发改委"))
    ids = {h.item_id for h in res.hits}
    assert {a.pk, b.pk} <= ids
    assert "<mark>" in next(h.snippet_html for h in res.hits if h.item_id == b.pk)


def test_doc_number_finds_its_item_first(backend, make_item):
    target = make_item(
        "关于做好低保工作的通知",
        "正文。",
        doc_number="聊政办发〔2017〕9号",
        published_at=when(2017),
    )
    for k in range(5):  # newer items that mention the number, some in the title
        make_item(f"转发聊政办发〔2017〕9号文件的通知{k}", "详见聊政办发〔2017〕9号。")
    make_item("另一个文件", "正文", doc_number="聊政办发〔2017〕19号")
    indexing.rebuild(backend)
    for q in ["聊政办发〔2017〕9号", "聊政办发[2017]9号", "聊政办发(2017)9号", "聊政办发2017年9号"]:
        res = backend.search(SearchRequest(q=q))
        assert res.hits and res.hits[0].item_id == target.pk, q
        assert res.hits[0].doc_number == "聊政办发〔2017〕9号"


def test_ranking_title_phrase_validity_recency(backend, make_item):
    body_new = make_item("通知一", "关于城乡低保标准。", published_at=when(2025))
    title_old = make_item("城乡低保标准调整", "正文", published_at=when(2015))
    title_expired = make_item(
        "城乡低保标准旧文", "正文", validity="expired", published_at=when(2024)
    )
    title_newer = make_item("城乡低保标准再调整", "正文", published_at=when(2020))
    indexing.rebuild(backend)
    order = [h.item_id for h in backend.search(SearchRequest(q="低保标准")).hits]
    assert order == [title_newer.pk, title_old.pk, title_expired.pk, body_new.pk]

    together = make_item("文件甲", "低保标准如下。", published_at=when(2010))
    apart = make_item("文件乙", "低保对象的认定标准。", published_at=when(2026))
    indexing.rebuild(backend)
    order = [h.item_id for h in backend.search(SearchRequest(q="低保 标准")).hits]
    assert order.index(together.pk) < order.index(apart.pk)


def test_sort_newest(backend, make_item):
    old = make_item("养老服务", "正文", published_at=when(2012))
    new = make_item("正文", "养老服务", published_at=when(2023))
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="养老", sort="newest"))
    assert [h.item_id for h in res.hits] == [new.pk, old.pk]


def test_facets_and_filters(backend, make_item, org):
    make_item("低保通知一", "正文", genre="通知", published_at=when(2023))
    make_item("低保通知二", "正文", genre="通知", validity="expired", published_at=when(2024))
    make_item("低保办法", "正文", "市民政局", genre="办法", published_at=when(2024))
    make_item("其他", "正文", genre="通知")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="低保"))
    assert res.total == 3
    assert {(v, n) for v, _, n in res.facets["year"]} == {(2023, 1), (2024, 2)}
    assert {(v, n) for v, _, n in res.facets["genre"]} == {("通知", 2), ("办法", 1)}
    assert {(v, label, n) for v, label, n in res.facets["validity"]} == {
        ("valid", "有效", 2),
        ("expired", "失效", 1),
    }
    mz = org("聊城市", "市民政局")
    assert (mz.pk, mz.name, 1) in res.facets["organisation"]
    assert backend.search(SearchRequest(q="低保", org_ids=(mz.pk,))).total == 1
    assert backend.search(SearchRequest(q="低保", year=2024)).total == 2
    assert backend.search(SearchRequest(q="低保", validity="valid")).total == 2
    assert backend.search(SearchRequest(q="低保", genre="通知", year=2024)).total == 1


def test_paging_covers_every_result_once(backend, make_item):
    for k in range(23):
        make_item(f"政务公开第{k}号", "正文", published_at=when(2000 + k))
    indexing.rebuild(backend)
    pages = [backend.search(SearchRequest(q="政务公开", page=p, per_page=10)) for p in (1, 2, 3, 4)]
    ids = [h.item_id for r in pages for h in r.hits]
    assert all(r.total == 23 for r in pages)
    assert [len(r.hits) for r in pages] == [10, 10, 3, 0]
    assert len(set(ids)) == 23


def test_highlighting_is_escaped(backend, make_item):
    make_item("<b>低保</b>通知", "说明<script>alert(1)</script>低保金额")
    indexing.rebuild(backend)
    hit = backend.search(SearchRequest(q="低保")).hits[0]
    assert hit.title_html == "&lt;b&gt;<mark>低保</mark>&lt;/b&gt;通知"
    assert "<script>" not in hit.snippet_html and "<mark>低保</mark>金额" in hit.snippet_html


def test_one_character_and_mixed_queries(backend, make_item):
    a = make_item("PM2.5监测情况", "空气质量")
    b = make_item("5G基站建设", "税收优惠")
    indexing.rebuild(backend)
    assert {h.item_id for h in backend.search(SearchRequest(q="税")).hits} == {b.pk}
    assert {h.item_id for h in backend.search(SearchRequest(q="ｐｍ２.５")).hits} == {a.pk}
    assert {h.item_id for h in backend.search(SearchRequest(q="5g")).hits} == {b.pk}


BAD_INPUTS = [
    ({"q": "低" * 5000}, "q"),
    ({"q": "低保\ud800"}, "q"),
    ({"q": ""}, "q"),
    ({"q": "   "}, "q"),
    ({"q": "低保", "page": -1}, "page"),
    ({"q": "低保", "page": 0}, "page"),
    ({"q": "低保", "page": 10**9}, "page"),
    ({"q": "低保", "page": "abc"}, "page"),
    ({"q": "低保", "per_page": 0}, "per_page"),
    ({"q": "低保", "per_page": 10**6}, "per_page"),
    ({"q": "低保", "sort": "drop table"}, "sort"),
    ({"q": "低保", "year": 99999}, "year"),
    ({"q": "低保", "validity": "x"}, "validity"),
    ({"q": " ".join(["低保"] * 20) + " 一 二 三 四 五 六 七 八 九 十 十一"}, "q"),
]


def test_bad_input_gets_a_chinese_message(backend, make_item):
    make_item("低保", "正文")
    indexing.rebuild(backend)
    for kwargs, field in BAD_INPUTS:
        with pytest.raises(SearchInputError) as err:
            backend.search(SearchRequest(**kwargs))
        assert err.value.field == field, kwargs
        assert any("\u4e00" <= c <= "\u9fff" for c in err.value.message), kwargs


def test_filters_alone_browse_newest_first(backend, make_item):
    old = make_item("甲", "正文", genre="通知", published_at=when(2019))
    new = make_item("乙", "正文", genre="通知", published_at=when(2022))
    make_item("丙", "正文", genre="意见")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="", genre="通知", sort="newest"))
    assert [h.item_id for h in res.hits] == [new.pk, old.pk]


SYNTAX = [
    "' OR 1=1 --",
    '"低保" AND title:*',
    "低保%",
    "_保",
    "低保) OR (1",
    "NEAR(低保 标准)",
    "\\",
    "{!}",
]


def test_syntax_characters_are_searched_literally(backend, make_item):
    items = {q: make_item(f"特殊字符{k}", f"原文：{q}。") for k, q in enumerate(SYNTAX)}
    make_item("低保", "低保标准")
    indexing.rebuild(backend)
    for q, item in items.items():
        res = backend.search(SearchRequest(q=q))
        assert item.pk in {h.item_id for h in res.hits}, q
    assert backend.search(SearchRequest(q="低保\x00")).total >= 1


def test_empty_result_suggests_an_organisation(backend, make_item):
    make_item("低保", "正文")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="市发展改革委员"))
    assert res.total == 0
    assert res.suggestion and "发展" in res.suggestion


def test_empty_result_suggests_the_longest_start_that_finds_something(backend, make_item):
    make_item("城乡低保保障情况", "正文")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="低保保障情况报告乙丙"))
    assert res.total == 0
    assert res.suggestion == "低保保障情况"
    assert backend.search(SearchRequest(q=res.suggestion)).total == 1
