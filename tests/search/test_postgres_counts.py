"""The PostgreSQL backend's fast paths give the answers of a plain substring scan: gram counts
stay exact when documents are added, changed and removed; a one-word page filled rank by
rank from the newest rows equals the brute-force ranking. Needs PostgreSQL
(``python3 run.py test tests/search --postgres``)."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection

from gongkai.rules import ngrams
from gongkai.search import benchcorpus
from gongkai.search.backends import postgres_counts as counts
from gongkai.search.backends import postgres_rank as rank
from gongkai.search.backends.base import check
from gongkai.search.query import SearchRequest

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = ["的", "保", "镇", "低保", "工作", "公开", "政务公开", "安全生产", "不动产登记", "市发改委"]


@pytest.fixture
def engine():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (python3 run.py test tests/search --postgres)")
    from gongkai.search.backends.postgres import PostgresIndex

    index = PostgresIndex(table="search_test_pgdoc")
    yield index
    index.drop()


def scan(docs, word):
    return {d.id for d in docs if word in ngrams.normalise(d.title + "\n" + d.text)}


def table_counts(engine):
    with connection.cursor() as cur:
        cur.execute(f"SELECT gram, n FROM {engine.table}_n")
        return dict(cur.fetchall())


def test_grams_upto_leave_out_the_separator():
    got = counts.grams_upto(ngrams.normalise("低保 标准"), 3)
    assert {"低", "低保", "标准", "保"} <= got
    assert not any(ngrams.SEP in g for g in got)
    assert "保标" not in got  # across the space: no query can ask for it


def test_counts_stay_exact_under_updates(engine):
    docs = list(benchcorpus.generate(300, seed=11))
    engine.rebuild(iter(docs[:200]))
    live = {d.key: d for d in docs[:200]}
    # add 100, change 50 (another document's text under the same key), remove 30
    changed = {d.key: dataclasses.replace(d, title="镇政府的通知", text=o.text) for d, o in
               zip(docs[:50], docs[250:300], strict=True)}  # fmt: skip
    added = {d.key: d for d in docs[200:300]}
    engine.update(added, list(added))
    engine.update(changed, list(changed))
    removed = [d.key for d in docs[100:130]]
    engine.update({}, removed)
    live.update(added)
    live.update(changed)
    for key in removed:
        live.pop(key)
    bodies = [ngrams.normalise("\n".join(x for x in (d.title, d.text, d.org_names, d.doc_number) if x))
              for d in live.values()]  # fmt: skip
    expected = counts.tally(bodies)
    assert table_counts(engine) == dict(expected)
    assert engine.num_docs() == len(live)
    for word in ["的", "镇", "低保", "工作", "政务公开", "安全生产"]:
        res = engine.run(check(SearchRequest(q=word)), facets=False)
        assert res.total == expected[word] == len(scan(live.values(), word)), word


def test_one_word_pages_follow_the_ranking_rule(engine, monkeypatch):
    docs = list(benchcorpus.generate(1500, seed=5))
    engine.rebuild(iter(docs))
    monkeypatch.setattr(rank, "WINDOW", 300)  # so both the window and the index reads happen
    monkeypatch.setattr("gongkai.search.backends.postgres.SMALL", 10)

    def key(d, word):
        return (word in ngrams.normalise(d.title), d.validity == "valid", d.published_at, d.id)

    for q in WORDS:
        word = ngrams.normalise(q)
        plan = check(SearchRequest(q=q))
        matching = sorted(
            (d for d in docs if any(a in ngrams.normalise(d.title + "\n" + d.text) for a in plan.terms[0])),
            key=lambda d: key(d, word), reverse=True,
        )  # fmt: skip
        if len(plan.terms[0]) > 1:  # alias spellings: rank by any spelling in the title
            continue
        for page in (1, 3):
            plan = check(SearchRequest(q=q, page=page))
            res = engine.run(plan, facets=False)
            assert res.total == len(matching), q
            want = matching[(page - 1) * 20 : page * 20]
            assert [h.id for h in res.hits] == [d.id for d in want], (q, page)
        assert engine.all_ids(plan) == {d.key for d in matching}, q


def test_alias_spellings_counted_and_found_like_the_scan(engine):
    docs = list(benchcorpus.generate(1500, seed=5))
    engine.rebuild(iter(docs))
    from gongkai.rules import search_aliases

    groups = search_aliases.build_groups(benchcorpus.alias_spellings(), ngrams.normalise)
    for q in ["市发改委", "市人社局"]:
        plan = check(SearchRequest(q=q), groups)
        assert len(plan.terms[0]) > 1, q
        expected = set()
        for alt in plan.terms[0]:
            expected |= scan(docs, alt)
        res = engine.run(plan, facets=False)
        assert res.total == len(expected), q
        assert {h.id for h in res.hits} <= expected, q
        assert engine.all_ids(plan) == {f"item:{pk}" for pk in expected}, q
