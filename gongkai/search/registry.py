"""The document-type registry: every kind of public document is found by the same search.

In the spirit of Wagtail's ``search_fields``: an app that publishes something registers, in its
``AppConfig.ready()``, what it publishes and how to turn it into a search document::

    from gongkai.search import registry

    registry.register(registry.DocType(
        kind="gazette",                      # unique, English snake case
        label="政府公报",                     # the facet's label on the portal
        build=build_docs,                    # ids -> {id: SearchDoc} of those public NOW
        public_ids=lambda: Article.objects.filter(...).values_list("pk", flat=True),
    ))

and whenever such an object may have changed (published, withdrawn, edited), inside the same
transaction as the change::

    registry.changed("gazette", [article.pk])

which queues the change (a row written by the change's own transaction, so it is never lost)
and indexes it right after the commit. Every backend (tantivy, postgres, simple) indexes every
registered kind with the same recall guarantee (recall equals a substring search over title
and text); the portal's search and ``/api/v1/search`` have a ``kind`` facet and filter.

Catalog items are the first registered kind (``"item"``, registered by the search app itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.dispatch import Signal


@dataclass
class SearchDoc:
    """One public document as the search engines see it."""

    kind: str  # the registered doc type ("item", "gazette", "consultation", ...)
    id: int  # the object's primary key (unique within its kind)
    title: str
    text: str
    url: str
    org_id: int = 0
    org_label: str = ""
    org_names: str = ""  # full name, short name and aliases: an organisation's name finds it
    doc_number: str = ""  # 文号, if the document has one (ranked first when queried)
    published_at: dt.datetime | None = None
    validity: str = "valid"  # valid / expired / repealed / amended (ranking; 有效 first)
    category: str = ""  # a kind-specific sub-category (an item's 信息类别, an article's kind)
    genre: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def year(self) -> int:
        return self.published_at.year if self.published_at else 0

    @property
    def doc_key(self) -> str:
        """The lenient search key of the document number (any bracket spelling)."""
        from gongkai.rules.docnumber import doc_key

        return doc_key(self.doc_number) or ""


@dataclass
class DocType:
    kind: str
    label: str
    build: Callable[[list[int]], dict[int, SearchDoc]]
    public_ids: Callable[[], Iterable[int]]
    order: int = 100  # position of the facet on the portal (smaller first)
    # Documents of another kind this kind stands in for, so one document is found once:
    # supersedes(kind, ids) -> the ids of that kind that are the same document as one of ours
    # (a proposal reply published in full is also a catalog item; search shows the reply).
    supersedes: Callable[[str, list[int]], Iterable[int]] | None = None


_types: dict[str, DocType] = {}


def register(doctype: DocType) -> None:
    if not doctype.kind.replace("_", "").isalnum():
        raise ValueError(f"doc type kind must be snake case: {doctype.kind!r}")
    _types[doctype.kind] = doctype


def get(kind: str) -> DocType:
    try:
        return _types[kind]
    except KeyError:
        raise LookupError(f"no search doc type {kind!r} is registered") from None


def kinds() -> list[DocType]:
    return sorted(_types.values(), key=lambda t: (t.order, t.kind))


def labels() -> dict[str, str]:
    return {t.kind: t.label for t in kinds()}


def label(kind: str) -> str:
    return _types[kind].label if kind in _types else kind


def superseded(kind: str, ids: list[int]) -> set[int]:
    """The ids of ``kind`` that another registered kind stands in for (left out of search)."""
    out: set[int] = set()
    for doctype in _types.values():
        if doctype.supersedes is not None and doctype.kind != kind and ids:
            out.update(int(pk) for pk in doctype.supersedes(kind, ids))
    return out


def is_registered(kind: str) -> bool:
    return kind in _types


def unregister(kind: str) -> None:
    """Remove a doc type (tests registering a fake one clean up with this)."""
    _types.pop(kind, None)


# Sent after the commit of a change to public documents (kind=..., ids=[...]): whoever keeps
# copies of public pages (the page cache of gongkai.serving) drops the stale ones.
documents_changed = Signal()


def changed(kind: str, ids: Iterable[int]) -> None:
    """Objects of ``kind`` may have changed: queue them now, index after the commit."""
    from django.db import transaction

    from gongkai.search import indexing

    get(kind)
    ids = [int(i) for i in ids if i]
    indexing.changed_docs(kind, ids)
    transaction.on_commit(lambda: documents_changed.send(sender=DocType, kind=kind, ids=ids))
