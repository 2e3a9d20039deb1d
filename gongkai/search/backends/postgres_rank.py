"""Ranked page of a one-word query on the PostgreSQL table without reading every match.

A one-word query (any number of alias spellings, no document number) has four ranks, best
first: the word in the title and the document valid, in the title and not valid, only in the
body and valid, only in the body and not valid; within a rank the newest come first (the
shared ranking of ``base.py``: title 8, valid 0.5). The page is filled rank by rank:

1. the newest ``window`` rows of the table (all kinds, on the date index) are read once and
   each matching one gets its rank, with exact substring tests (``strpos``) on the in-line
   body and title; no gram array is read;
2. a rank with at least as many window rows as the page still needs takes the newest of
   them: every row outside the window is older than all of them, so none of those can come
   earlier in that rank;
3. a rank with fewer is read from the whole table (GIN index, date order, ``LIMIT``): it is
   then rare (under need / window of all rows), so that is a small read.

Common words (的, 工作, 公开) thus cost one window read; rare ones a few small index reads.
"""

from __future__ import annotations

from gongkai.rules import ngrams
from gongkai.search.backends.base import SCORE_MATCH, SCORE_TITLE, SCORE_VALID, QueryPlan

ORDER = "published DESC NULLS LAST, obj_id DESC"
RANK_SCORE = [
    SCORE_MATCH + SCORE_TITLE + SCORE_VALID / 4,
    SCORE_MATCH + SCORE_TITLE,
    SCORE_MATCH + SCORE_VALID / 4,
    SCORE_MATCH,
]
WINDOW = 2000


def applies(plan: QueryPlan) -> bool:
    return (
        plan.sort == "relevance" and len(plan.terms) == 1 and not plan.doc_key and not plan.phrase
    )


def grams_for(word: str) -> list[str]:
    return [word] if len(word) <= 2 else ngrams.bigrams(word)


def indexed(column: str, alts: list[str], params: list) -> str:
    """``column`` (a gram array under GIN) holds the grams of one of ``alts``: exact for
    words of 1–2 characters, a superset otherwise."""
    ors = []
    for w in alts:
        params.append(grams_for(w))
        ors.append(f"{column} @> %s::text[]")
    return "(" + " OR ".join(ors) + ")"


def contains(column: str, alts: list[str], params: list) -> str:
    """``column`` (text) contains one of ``alts``: exact substring test."""
    params.extend(alts)
    return "(" + " OR ".join([f"strpos({column}, %s) > 0"] * len(alts)) + ")"


def matches(alts: list[str], params: list) -> str:
    """The body contains one of ``alts``: the GIN condition narrows (the bitmap is exact, so
    the gram array is never read back), the substring test confirms words over 2 characters
    (kept apart from the index condition, so it needs only the in-line body)."""
    text = indexed("grams", alts, params)
    if any(len(w) > 2 for w in alts):
        text = f"({text} AND {contains('body', alts, params)})"
    return text


def in_title(alts: list[str], params: list) -> str:
    text = indexed("tgrams", alts, params)
    if any(len(w) > 2 for w in alts):
        text = f"({text} AND {contains('title_norm', alts, params)})"
    return text


def page(index, cur, plan: QueryPlan, filters: tuple[str, list]) -> list[tuple[str, int, int]]:
    """(kind, obj_id, rank) of the first ``offset + limit`` rows of the ranking."""
    alts = plan.terms[0]
    need = plan.offset + plan.limit
    fsql, fparams = filters
    extra = (" AND " + fsql) if fsql else ""
    params: list = []
    title = contains("title_norm", alts, params)
    body = contains("body", alts, params)
    cur.execute(
        f"SELECT kind, obj_id, (CASE WHEN {title} THEN 0 ELSE 2 END) "
        f"+ (CASE WHEN validity = 'valid' THEN 0 ELSE 1 END) FROM "
        f"(SELECT * FROM {index.table} ORDER BY {ORDER} LIMIT %s) AS recent "
        f"WHERE {body}{extra} ORDER BY {ORDER}",
        [*params[: len(alts)], max(WINDOW, need * 50), *params[len(alts) :], *fparams],
    )
    window = cur.fetchall()
    out: list[tuple[str, int, int]] = []
    for rank in range(4):
        want = need - len(out)
        if want <= 0:
            break
        here = [r for r in window if r[2] == rank]
        if len(here) >= want:
            out += here[:want]
            continue
        params = []
        if rank < 2:
            cond = in_title(alts, params)
        else:
            cond = matches(alts, params) + " AND NOT " + contains("title_norm", alts, params)
        cond += " AND validity = 'valid'" if rank % 2 == 0 else " AND validity <> 'valid'"
        cur.execute(
            f"SELECT kind, obj_id FROM {index.table} WHERE {cond}{extra} ORDER BY {ORDER} LIMIT %s",
            [*params, *fparams, want],
        )
        out += [(k, i, rank) for k, i in cur.fetchall()]
    return out


def fetch(index, cur, keys: list[tuple[str, int, int]]):
    """The display rows of ``keys`` in their order, as the backend's row tuples."""
    if not keys:
        return []
    cur.execute(
        f"SELECT kind, obj_id, title, text, org_label, doc_number, validity, published, url "
        f"FROM {index.table} WHERE (kind, obj_id) IN "
        f"(SELECT * FROM unnest(%s::text[], %s::bigint[]))",
        [[k[0] for k in keys], [k[1] for k in keys]],
    )
    found = {(r[0], r[1]): r for r in cur.fetchall()}
    rows = []
    for kind, obj_id, rank in keys:
        r = found.get((kind, obj_id))
        if r:
            rows.append((obj_id, RANK_SCORE[rank], *r[2:], kind))
    return rows
