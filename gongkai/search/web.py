"""The search page's and ``/api/v1/search``'s parameters: the portal's, plus document type.

Two filters that are easy to confuse, named apart:

- ``kind``: the document type, a kind registered in ``gongkai.search.registry`` (``item`` =
  政府信息 of the catalog, ``gazette``, ``consultation`` ...);
- ``category``: an item's 信息类别 (``normative`` 规范性文件, ``interpretation`` 政策解读 ...).

Before documents of every kind were searched, ``kind`` was the item category; an old link with
such a value (``?kind=normative``) is still read as ``category``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.portal import params as portal_params
from gongkai.portal.params import KINDS as CATEGORIES
from gongkai.portal.params import ParamError, clean_choice, clean_text
from gongkai.search import registry


@dataclass
class SearchParams(portal_params.SearchParams):
    category: str | None = None

    def query_params(self, **override) -> dict:
        category = override.pop("category", self.category)
        values = super().query_params(**override)
        if category:
            values["category"] = category
        return values

    @property
    def has_filters(self) -> bool:
        return super().has_filters or bool(self.category)


def clean_kind(get) -> tuple[str | None, str | None]:
    """(kind, category) from the GET parameters (an old ?kind=<category> is the category)."""
    kind = clean_text(get.get("kind"), "kind", 40) or None
    category = clean_choice(get.get("category"), "category", CATEGORIES)
    if kind is not None and not registry.is_registered(kind):
        if kind in CATEGORIES and category is None:
            return None, kind
        raise ParamError("kind", "不是可选的文档类型。")
    return kind, category


def parse_search(get) -> SearchParams:
    kind, category = clean_kind(get)
    rest = get.copy()
    rest.pop("kind", None)
    base = portal_params.parse_search(rest)
    values = {f: getattr(base, f) for f in base.__dataclass_fields__}
    values.update(kind=kind, category=category)
    return SearchParams(**values)


def kind_choices() -> list[tuple[str, str]]:
    return [(t.kind, t.label) for t in registry.kinds()]


def category_label(value: str) -> str:
    return CATEGORIES.get(value, value)
