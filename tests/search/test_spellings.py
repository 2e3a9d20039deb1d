"""Issue 18.12: a document number typed with spaces or other brackets finds the same items
(the 解读 quoting it too); the did-you-mean never offers a truncated doc number; the alias
match of a 发改委 search is highlighted."""

import pytest

from gongkai.rules import docnumber
from gongkai.search import indexing
from gongkai.search.query import SearchRequest

pytestmark = pytest.mark.django_db

VARIANTS = [
    "聊政办发2017 9号",
    "聊政办发 2017 9号",
    "聊政办发 〔2017〕 9号",
    "聊政办发[2017]9号",
    "聊政办发（2017）9号",
    "聊政办发2017年9号",
    "聊政办发〔2017〕第9号",
]


def keys(res):
    return [h.key for h in res.hits]


def test_doc_number_spellings_find_the_same_items(backend, make_item):
    plan = make_item(
        "聊城市2017年政务公开工作要点", "正文。", "市政府办公室", doc_number="聊政办发〔2017〕9号"
    )
    reading = make_item(
        "《聊城市2017年政务公开工作要点》解读",
        "聊政办发〔2017〕9号印发以来，各县（市、区）……",
        kind="interpretation",
    )
    quoting = make_item("转发通知", "按照聊政办发[2017]9号文件要求。")
    make_item("另一个文件", "正文", doc_number="聊政办发〔2017〕19号")
    make_item("再一个文件", "详见聊政办发〔2017〕99号。")
    indexing.rebuild(backend)
    canonical = backend.search(SearchRequest(q="聊政办发〔2017〕9号"))
    assert keys(canonical)[0] == f"item:{plan.pk}"
    expected = {f"item:{i.pk}" for i in (plan, reading, quoting)}
    assert set(keys(canonical)) == expected
    for q in VARIANTS:
        res = backend.search(SearchRequest(q=q))
        assert set(keys(res)) == expected, q
        assert keys(res)[0] == f"item:{plan.pk}", q
    snippet = next(h for h in canonical.hits if h.key == f"item:{reading.pk}").snippet_html
    assert "<mark>聊政办发〔2017〕9号</mark>" in snippet


def test_two_words_that_only_end_like_a_number_stay_two_words(backend, make_item):
    both = make_item("低保资金发放", "详见2017年9号公告。")
    make_item("低保工作", "正文")
    indexing.rebuild(backend)
    assert keys(backend.search(SearchRequest(q="低保 2017年9号"))) == [f"item:{both.pk}"]


def test_did_you_mean_never_offers_a_truncated_doc_number(backend, make_item):
    make_item("另一份通知", "依据聊政办发〔2019〕3号。", doc_number="聊政办发〔2019〕3号")
    make_item("低保情况", "正文")
    indexing.rebuild(backend)
    for q in ["聊政办发〔2017〕9号", "聊政办发2017 9号", "聊政办发〔2017〕99号"]:
        res = backend.search(SearchRequest(q=q))
        assert res.total == 0
        s = res.suggestion or ""
        assert not docnumber.cuts_a_number(s) and "〔201" not in s, (q, s)
    # ordinary words still get the longest start that finds something
    res = backend.search(SearchRequest(q="低保情况报告丙丁"))
    assert res.suggestion == "低保情况"


def test_alias_match_of_a_short_name_is_highlighted(backend, make_item):
    item = make_item(
        "关于下达2024年重点项目计划的通知",
        "聊城市发展和改革委员会会同市财政局下达计划。",
        "市发展改革委",
    )
    make_item("无关信息", "市财政局预算公开。")
    indexing.rebuild(backend)
    res = backend.search(SearchRequest(q="发改委"))
    assert keys(res) == [f"item:{item.pk}"]
    assert "<mark>" in res.hits[0].snippet_html
    assert "发展和改革委员会</mark>" in res.hits[0].snippet_html
