"""What the portal reads: public items, filters, paging, catalog trees and search.

Pages, feeds, the sitemap and the API all read through these functions, so a filter means the
same thing everywhere and nothing unpublished can leak through one door but not another.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from gongkai.catalog.models import CatalogEntry, Item
from gongkai.orgs.models import Organisation

from .params import SORTS, ItemFilters, SearchParams

PUBLIC_ITEM_Q = Q(items__state=Item.STATE_PUBLISHED, items__attribute=Item.ATTR_PROACTIVE)


def public_items():
    return Item.objects.public().select_related("organisation")


def filter_items(filters: ItemFilters, *, policy_only: bool = False):
    qs = public_items()
    if filters.org is not None:
        qs = qs.filter(organisation_id__in=filters.org.descendant_ids())
    if filters.year:
        qs = qs.filter(published_at__year=filters.year)
    if filters.genre:
        qs = qs.filter(genre=filters.genre)
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    elif policy_only:
        qs = qs.filter(kind__in=Item.POLICY_KINDS)
    if filters.doc_number:
        qs = qs.filter(doc_number__icontains=filters.doc_number)
    if filters.title:
        qs = qs.filter(title__icontains=filters.title)
    if filters.column is not None:
        qs = qs.filter(
            pk__in=Item.entries.through.objects.filter(
                catalogentry_id__in=entry_subtree_ids(filters.column)
            ).values("item_id")
        )
    return qs.order_by(*SORTS[filters.sort])


@dataclass
class PageOf:
    """One page of a list, with what the pager needs."""

    items: list
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self):
        self.pages = max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def beyond_end(self) -> bool:
        return self.page > self.pages

    @property
    def has_previous(self) -> bool:
        return 1 < self.page <= self.pages + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def window(self, radius: int = 3) -> list[int]:
        low = max(1, self.page - radius)
        high = min(self.pages, self.page + radius)
        return list(range(low, high + 1))


BIG_COUNT = 10_000  # totals above this are remembered for COUNT_SECONDS
COUNT_SECONDS = 60


def count_of(qs) -> int:
    """qs.count(), remembered briefly when large: counting 10^5–10^6 rows costs 0.1–1 s on every
    page view, while a total that lags a new item by a minute harms nobody (the list itself is
    never cached)."""
    import hashlib

    sql, params = qs.query.sql_with_params()
    key = "portal:count:" + hashlib.sha1(f"{sql}|{params!r}".encode()).hexdigest()
    total = cache.get(key)
    if total is None:
        total = qs.count()
        if total > BIG_COUNT:
            cache.set(key, total, COUNT_SECONDS)
    return total


def paginate(qs, page: int, per_page: int) -> PageOf:
    total = count_of(qs)
    start = (page - 1) * per_page
    items = list(qs[start : start + per_page]) if start < total else []
    return PageOf(items=items, total=total, page=page, per_page=per_page)


def replaced_items(item) -> list:
    """Public items that ``item`` replaced or amended, newest first.

    Two steps on purpose: the ids through the ``replaced_by`` index first (a handful of rows);
    asked in one query with the public filter and an ORDER BY, SQLite's planner walks the whole
    ``published_at`` index instead (0.7 s at 100,000 items).
    """
    ids = list(Item.objects.filter(replaced_by=item).order_by().values_list("pk", flat=True))
    if not ids:
        return []
    found = list(public_items().filter(pk__in=ids).order_by())
    return sorted(found, key=lambda i: (i.published_at is not None, i.published_at), reverse=True)


def _public_by_ids(ids, *, newest_first: bool) -> list:
    """Public items among ``ids`` sorted by publication in Python (see ``replaced_items``)."""
    if not ids:
        return []
    found = list(Item.objects.public().filter(pk__in=ids).order_by())
    return sorted(
        found, key=lambda i: (i.published_at is not None, i.published_at, i.pk),
        reverse=newest_first,
    )  # fmt: skip


def interpretation_links(item) -> tuple[list, list]:
    """(public interpretations (解读) of ``item``, oldest first; public items ``item``
    interprets, newest first). The link table is asked first, in one query, and the items only
    when there are links: filtered through the join with the public filter and ORDER BY
    published_at, SQLite walks the published_at index (12–14 ms per page at 42,500 items,
    docs/benchmarks.md)."""
    through = Item.interprets.through.objects
    rows = list(
        through.filter(Q(to_item_id=item.pk) | Q(from_item_id=item.pk)).values_list(
            "from_item_id", "to_item_id"
        )
    )
    explaining = [a for a, b in rows if b == item.pk]
    explained = [b for a, b in rows if a == item.pk]
    found = {i.pk: i for i in _public_by_ids(explaining + explained, newest_first=False)}
    return (
        [found[pk] for pk in _ordered(found, explaining)],
        [found[pk] for pk in reversed(_ordered(found, explained))],
    )


def _ordered(found: dict, ids: list) -> list:
    order = list(found)  # oldest first
    return sorted({pk for pk in ids if pk in found}, key=order.index)


def item_url(item_or_id) -> str:
    pk = getattr(item_or_id, "pk", item_or_id)
    return reverse("portal:item", args=[pk])


def distinct_values(field_name: str, org: Organisation | None = None) -> list[str]:
    """Distinct non-empty genre/theme values of public items (for filter menus), cached briefly."""
    key = f"portal:distinct:{field_name}:{org.pk if org else 'all'}"
    values = cache.get(key)
    if values is None:
        qs = Item.objects.public().exclude(**{field_name: ""})
        if org is not None:
            qs = qs.filter(organisation_id__in=org.descendant_ids())
        values = sorted(set(qs.values_list(field_name, flat=True)))
        cache.set(key, values, 300)
    return values


def year_values() -> list[int]:
    key = "portal:distinct:years"
    values = cache.get(key)
    if values is None:
        # min/max and one EXISTS per year walk the published_at index; dates() would convert
        # every row's timestamp to local time first.
        from django.db.models import Max, Min

        public = Item.objects.public()
        span = public.aggregate(first=Min("published_at"), last=Max("published_at"))
        values = []
        if span["first"] and span["last"]:
            first, last = localtime(span["first"]).year, localtime(span["last"]).year
            values = [
                y
                for y in range(last, first - 1, -1)
                if public.filter(published_at__year=y).exists()
            ]
        cache.set(key, values, 300)
    return values


# ----- organisations -----------------------------------------------------------------------


def cities():
    return Organisation.objects.filter(parent__isnull=True, is_active=True).order_by(
        "sort_order", "code"
    )


def org_children(org: Organisation):
    return org.children.filter(is_active=True).order_by("sort_order", "code")


def org_tree() -> list[dict]:
    """Every active organisation as nested dicts: {"org": ..., "children": [...]} per city."""
    orgs = list(Organisation.objects.filter(is_active=True).order_by("sort_order", "code"))
    by_parent: dict[int | None, list] = {}
    for o in orgs:
        by_parent.setdefault(o.parent_id, []).append(o)

    def build(o):
        return {"org": o, "children": [build(c) for c in by_parent.get(o.pk, [])]}

    return [build(o) for o in by_parent.get(None, [])]


# ----- catalog -----------------------------------------------------------------------------


@dataclass
class Node:
    entry: CatalogEntry
    count: int = 0  # public items in this column itself
    children: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.count + sum(c.total for c in self.children)


def catalog_tree(org: Organisation) -> dict[str, list[Node]]:
    """The organisation's active catalog columns as a tree per section, with public item counts."""
    entries = list(
        CatalogEntry.objects.filter(organisation=org, is_active=True)
        .annotate(public_count=Count("items", filter=PUBLIC_ITEM_Q, distinct=True))
        .order_by("sort_order", "id")
    )
    nodes = {e.pk: Node(entry=e, count=e.public_count) for e in entries}
    roots: dict[str, list[Node]] = {key: [] for key, _ in CatalogEntry.SECTION_CHOICES}
    for e in entries:
        node = nodes[e.pk]
        if e.parent_id in nodes:
            nodes[e.parent_id].children.append(node)
        else:
            roots.setdefault(e.section, []).append(node)
    return roots


def entry_subtree_ids(entry: CatalogEntry) -> set[int]:
    ids, frontier = {entry.pk}, [entry.pk]
    while frontier:
        frontier = list(
            CatalogEntry.objects.filter(parent_id__in=frontier, is_active=True).values_list(
                "pk", flat=True
            )
        )
        frontier = [pk for pk in frontier if pk not in ids]
        ids.update(frontier)
    return ids


def entry_items(entry: CatalogEntry):
    # Items listed in the column or its sub-columns, each once: an IN over the link table
    # instead of a join + DISTINCT, whose page count compared every column of every item
    # (62 of 97 ms at 42,500 items, docs/benchmarks.md).
    links = Item.entries.through.objects.filter(catalogentry_id__in=entry_subtree_ids(entry))
    return public_items().filter(pk__in=links.values("item_id")).order_by("-published_at", "-id")


def entry_ancestors(entry: CatalogEntry) -> list[CatalogEntry]:
    chain, node = [], entry.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def section_items(org: Organisation, section: str):
    return (
        public_items()
        .filter(entries__organisation=org, entries__section=section, entries__is_active=True)
        .distinct()
        .order_by("-published_at", "-id")
    )


# ----- search ------------------------------------------------------------------------------


class SearchUnavailable(RuntimeError):
    """The search backend failed (index missing or damaged, server down); logged with its cause."""


def run_search(params: SearchParams):
    """Call the search interface (gongkai.search.query).

    SearchInputError (the visitor's input) propagates; any other failure of the backend is
    logged and raised as SearchUnavailable, so people see a 503 page, not a server error.
    """
    import logging

    from gongkai.search.query import SearchInputError, SearchRequest, search

    request = SearchRequest(
        q=params.q,
        org_ids=tuple(sorted(params.org.descendant_ids())) if params.org else None,
        year=params.year,
        genre=params.genre or None,
        validity=params.validity,
        kind=params.kind,
        category=getattr(params, "category", None),
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
    )
    try:
        return search(request)
    except SearchInputError:
        raise
    except Exception as exc:
        logging.getLogger("gongkai.portal").exception("search backend failed for %r", request)
        raise SearchUnavailable(str(exc)) from exc


def org_codes(ids) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=list(ids)).values_list("pk", "code"))


_MARK = re.compile(r"</?mark>")


def marked_html(html: str) -> SafeString:
    """A search backend's ``*_html`` (escaped text with <mark> tags) made safe to render.

    The search interface promises escaped text; should a backend ever break that promise, any
    markup other than <mark> is shown as text instead of reaching the page.
    """
    html = html or ""
    if "<" in _MARK.sub("", html) or ">" in _MARK.sub("", html):
        return escape(_MARK.sub("", html))
    return mark_safe(html)  # noqa: S308 - checked above: only <mark> tags, text already escaped
