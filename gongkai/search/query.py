"""The search interface every backend implements and every caller uses (portal pages, API).

Contract (kept stable; the search app fills in the backends):

    from gongkai.search.query import SearchRequest, search
    results = search(SearchRequest(q="低保标准", org_ids=None, year=None, genre=None,
                                   validity=None, kind=None, page=1, per_page=20))
    results.total          # int: every matching public item
    results.hits           # list[Hit]: this page, best first
    results.facets         # {"kind": [(kind, label, count)], "organisation": [(org_id, label, count)],
                           #  "year": [...], "genre": [...], "validity": [...], "category": [...]}
    results.suggestion     # str | None: "did you mean" for an empty result
    hit.kind, hit.kind_label, hit.item_id (the id within its kind), hit.title_html,
    hit.snippet_html, hit.url, hit.score, hit.published_at, hit.organisation

``kind`` filters by document type (a kind registered in ``gongkai.search.registry``);
``category`` by an item's 信息类别 (before every kind was searched that filter was named
``kind``; an item-category value passed as ``kind`` is still read as ``category``).

``*_html`` fields are escaped text with the query's matches wrapped in <mark>…</mark>.

``search()`` raises only ``SearchInputError`` for bad input (query over 100 characters or 10
words, lone surrogates, empty query without any filter, page < 1, page × per_page > 10 000,
per_page outside 1–100, unknown sort/year/validity/kind/category); an empty ``q`` with a filter lists
the filtered items. See docs/search.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class SearchInputError(ValueError):
    """A query the search cannot accept (too long, bad page ...): ``message`` is zh-hans."""

    def __init__(self, message: str, field_name: str = "q"):
        super().__init__(message)
        self.message = message
        self.field = field_name


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    org_ids: tuple[int, ...] | None = None
    year: int | None = None
    genre: str | None = None
    validity: str | None = None
    kind: str | None = None  # document type: a registered kind ("item", "gazette", ...)
    category: str | None = None  # an item's 信息类别 ("normative", ...)
    sort: str = "relevance"  # "relevance" | "newest" | "oldest"
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    item_id: int
    title_html: str
    snippet_html: str
    url: str
    score: float = 0.0
    published_at: dt.datetime | None = None
    organisation: str = ""
    doc_number: str = ""
    validity: str = "valid"
    kind: str = "item"  # the document type
    kind_label: str = "政府信息"

    @property
    def id(self) -> int:
        return self.item_id

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"


@dataclass
class SearchResults:
    request: SearchRequest
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple]] = field(default_factory=dict)
    suggestion: str | None = None
    took_ms: float = 0.0


def search(request: SearchRequest) -> SearchResults:
    """Run a search on the configured backend (settings.GONGKAI_SEARCH_BACKEND)."""
    from gongkai.search.backends import get_backend

    return get_backend().search(request)
