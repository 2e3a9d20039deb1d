"""The abstract search backend: input checks, query plan, hits and highlighting are shared;
each engine only finds, ranks, counts and facets (``execute``) and keeps its index (``index``).

Ranking, the same in every engine:

1. an item whose document number is the query (in any bracket spelling) comes first;
2. a match in the title outranks a match only in the text;
3. for several words, the words standing together as typed outrank scattered ones;
4. 有效 (valid) outranks 失效/废止/已修改;
5. newer outranks older.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.rules import docnumber, ngrams, search_aliases, search_highlight
from gongkai.rules.docnumber import doc_key
from gongkai.search import registry
from gongkai.search.documents import VALIDITY_LABELS
from gongkai.search.follow import Cursor
from gongkai.search.query import Hit, SearchInputError, SearchRequest, SearchResults
from gongkai.search.registry import SearchDoc

MAX_QUERY_CHARS = 100
MAX_TERMS = 10
MAX_PER_PAGE = 100
MAX_RESULT_WINDOW = 10_000  # page * per_page may not go past this (as in Elasticsearch)
SORTS = ("relevance", "newest", "oldest")
# An item's 信息类别 (the ``category`` filter; before documents of every kind were searched
# this filter was called ``kind``, and such a value passed as ``kind`` still means it).
CATEGORIES = ("document", "normative", "regulation", "policy", "interpretation", "news")
KINDS = CATEGORIES  # the former name

# Score tiers (also used by the engines): sums of these never tie across tiers.
SCORE_DOCNUMBER = 1000.0
SCORE_TITLE = 8.0
SCORE_PHRASE = 4.0
SCORE_VALID = 2.0
SCORE_MATCH = 1.0


@dataclass
class QueryPlan:
    """A checked query: words (each with its alias spellings), doc-number key, filters."""

    q: str
    terms: list[list[str]]  # per word: [word, alternative spellings ...], normalised
    doc_key: str | None
    phrase: str | None  # the words joined, for "together as typed" (several words only)
    org_ids: tuple[int, ...] | None = None
    year: int | None = None
    genre: str | None = None
    validity: str | None = None
    kind: str | None = None  # the document type (registry kind: "item", "gazette", ...)
    category: str | None = None  # an item's 信息类别
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    raw_words: list[str] = field(default_factory=list)  # as typed (same order as terms)

    @property
    def highlight_terms(self) -> list[str]:
        words = [alt for alts in self.terms for alt in alts]
        if self.phrase:
            words.append(self.phrase)
        return sorted(set(words), key=len, reverse=True)

    @property
    def has_filters(self) -> bool:
        return any(
            v not in (None, "", ())
            for v in (
                self.org_ids,
                self.year,
                self.genre,
                self.validity,
                self.kind,
                self.category,
            )
        )


@dataclass
class RawHit:
    id: int
    score: float
    title: str
    text: str
    org_label: str = ""
    doc_number: str = ""
    validity: str = "valid"
    published_at: dt.datetime | None = None
    url: str = ""
    kind: str = "item"


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple]] = field(default_factory=dict)


def _int(value, name: str, message: str) -> int:
    if isinstance(value, bool):
        raise SearchInputError(message, name)
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise SearchInputError(message, name) from None


def check(request: SearchRequest, groups: dict | None = None) -> QueryPlan:
    """Turn a request into a plan or raise SearchInputError with a zh-hans message."""
    q = request.q if request.q is not None else ""
    if not isinstance(q, str):
        raise SearchInputError("检索词格式不正确。")
    if any("\ud800" <= c <= "\udfff" for c in q):
        raise SearchInputError("检索词中有无法识别的字符，请重新输入。")
    q = "".join(c if c.isprintable() or c.isspace() else " " for c in q).strip()
    if len(q) > MAX_QUERY_CHARS:
        raise SearchInputError(f"检索词太长，请不超过{MAX_QUERY_CHARS}个字。")
    words = ngrams.query_terms(q)
    first_spelling: dict[str, str] = {}
    for w in q.split():
        first_spelling.setdefault(ngrams.normalise(w), w)
    raw_words = [first_spelling[w] for w in words]
    if len(words) > MAX_TERMS:
        raise SearchInputError(f"检索词太多，请不超过{MAX_TERMS}个词（用空格分隔）。")
    per_page = _int(request.per_page, "per_page", "每页条数不正确。")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise SearchInputError(f"每页条数应在1到{MAX_PER_PAGE}之间。", "per_page")
    page = _int(request.page, "page", "页码不正确。")
    if page < 1:
        raise SearchInputError("页码应从1开始。", "page")
    if page * per_page > MAX_RESULT_WINDOW:
        raise SearchInputError(
            f"页码超出范围：最多可查看前{MAX_RESULT_WINDOW}条结果，请缩小检索范围。", "page"
        )
    if request.sort not in SORTS:
        raise SearchInputError("排序方式不正确。", "sort")
    year = None
    if request.year not in (None, ""):
        year = _int(request.year, "year", "年份不正确。")
        if not 1949 <= year <= 2100:
            raise SearchInputError("年份不正确。", "year")
    if request.validity not in (None, "") and request.validity not in VALIDITY_LABELS:
        raise SearchInputError("有效性不正确。", "validity")
    kind = request.kind or None
    category = getattr(request, "category", None) or None
    if kind is not None and not registry.is_registered(kind):
        if kind in CATEGORIES and category is None:
            kind, category = None, kind  # an old link: ?kind= was the item category
        else:
            raise SearchInputError("文档类型不正确。", "kind")
    if category is not None and category not in CATEGORIES:
        raise SearchInputError("信息类别不正确。", "category")
    genre = request.genre or None
    if genre is not None and (not isinstance(genre, str) or len(genre) > 30):
        raise SearchInputError("体裁不正确。", "genre")
    org_ids = None
    if request.org_ids is not None:
        if len(request.org_ids) > 1000:
            raise SearchInputError("机构太多。", "org_ids")
        org_ids = tuple(_int(o, "org_ids", "机构不正确。") for o in request.org_ids)
    number = docnumber.query_key(q)
    if number:
        # a document number however typed (聊政办发2017 9号, [2017], 2017年): found by its key
        # and in every text that quotes it in any usual spelling
        terms = [list(dict.fromkeys(ngrams.normalise(x) for x in docnumber.spellings(number)))]
        words, raw_words = [terms[0][0]], [q]
    else:
        terms = [search_aliases.expand(w, groups or {}) for w in words]
    plan = QueryPlan(
        q=q,
        terms=terms,
        doc_key=doc_key(q),
        phrase="".join(words) if len(words) > 1 else None,
        org_ids=org_ids,
        year=year,
        genre=genre,
        validity=request.validity or None,
        kind=kind,
        category=category,
        sort=request.sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        raw_words=raw_words,
    )
    if not words and not plan.has_filters:
        raise SearchInputError("请输入检索词。")
    return plan


def year_facet_label(year) -> str:
    return f"{year}年" if year else "未注明"


class SearchBackend:
    """One search engine. Subclasses implement ``execute`` and the index upkeep methods."""

    name = "base"
    label = ""
    needs_index = True
    cursor_in_node = False  # True: the Node row is the cursor (written with the documents)

    # -- searching ------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        plan = check(request, self.alias_groups())
        self.follow()
        raw = self.execute(plan)
        results = SearchResults(request=request, total=raw.total, facets=raw.facets)
        terms = plan.highlight_terms
        for h in raw.hits:
            results.hits.append(
                Hit(
                    item_id=h.id,
                    title_html=search_highlight.highlight(h.title, terms),
                    snippet_html=search_highlight.snippet(h.text, terms),
                    url=h.url,
                    score=h.score,
                    published_at=h.published_at,
                    organisation=h.org_label,
                    doc_number=h.doc_number,
                    validity=h.validity,
                    kind=h.kind,
                    kind_label=registry.label(h.kind),
                )
            )
        if raw.total == 0 and plan.q:
            results.suggestion = self.suggest(plan)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def execute(self, plan: QueryPlan) -> RawResults:  # pragma: no cover - abstract
        raise NotImplementedError

    def follow(self) -> None:
        """Apply what other nodes logged since this index last looked (throttled)."""
        from gongkai.search.indexing import catch_up

        catch_up(self)

    def alias_groups(self) -> dict:
        from gongkai.search.aliases import alias_groups

        return alias_groups()

    def suggest(self, plan: QueryPlan) -> str | None:
        """An organisation name close to the query, else the longest start of the query
        (at least two characters) that finds something: 低保情况报告不存在 → 低保情况."""
        from dataclasses import replace

        from gongkai.search.aliases import suggest

        if docnumber.looks_like(plan.q):
            return None  # never a truncated document number (聊政办发〔201 is another one)
        name = suggest(plan.q)
        if name:
            return name
        if len(plan.terms) != 1 or len(plan.q) < 3:
            return None
        word = plan.terms[0][0]
        for size in range(len(word) - 1, 1, -1)[:8]:
            if docnumber.cuts_a_number(plan.raw_words[0][:size]):
                continue
            trial = replace(plan, terms=[[word[:size]]], doc_key=None, offset=0, limit=1)
            if self.count(trial):
                return plan.raw_words[0][:size]
        return None

    def count(self, plan: QueryPlan) -> int:
        return self.execute(plan).total

    # -- the index ------------------------------------------------------------------------
    def node_name(self) -> str:
        """The name this index reports its position under (one shared index: the backend)."""
        return f"db:{self.name}"

    def lock(self, wait: float = 30.0):
        """Held while the log is applied: one writer at a time across processes (waiting up to
        ``wait`` seconds for another where the backend has its own lock)."""
        return contextlib.nullcontext()

    def read_cursor(self) -> Cursor | None:
        """Where this index stands in the change log; None when it has never been built."""
        return None

    def apply(self, docs: dict[str, SearchDoc], keys: Iterable[str], cursor: Cursor) -> None:
        """In one commit: index ``docs[key]`` or drop each key absent from docs, and store
        the cursor."""

    def rebuild(self, docs: Iterable[SearchDoc], cursor: Cursor | None = None) -> int:
        """Replace the whole index by these documents (and cursor); returns how many."""
        return 0

    def needs_rebuild(self) -> bool:
        """True when the index must be rebuilt (e.g. after a format upgrade)."""
        return False

    def status(self) -> dict:
        return {"backend": self.name}
