"""Reading the public's GET parameters: one parser for the pages, the feeds and the API.

Every value a visitor can put in a URL goes through here. A bad value raises ``ParamError`` with
the parameter's name and a zh-hans message; pages show it on a friendly page, the API answers 400
with it. Nothing unchecked reaches the database or the search backend (no NUL bytes, no lone
surrogates, no 5,000-character strings, no page 10^9).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.catalog.models import Item
from gongkai.orgs.models import Organisation

MAX_PAGE = 10_000
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_QUERY_CHARS = 200
MIN_YEAR, MAX_YEAR = 1949, 2100

SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "signed_newest": ("-signed_on", "-published_at", "-id"),
    "signed_oldest": ("signed_on", "published_at", "id"),
}
SORT_LABELS = {
    "newest": "发布日期（新→旧）",
    "oldest": "发布日期（旧→新）",
    "signed_newest": "成文日期（新→旧）",
    "signed_oldest": "成文日期（旧→新）",
}
SEARCH_SORTS = {"relevance": "相关度", "newest": "最新发布", "oldest": "最早发布"}

VALIDITY = dict(Item.VALIDITY_CHOICES)
KINDS = dict(Item.KIND_CHOICES)


_INT = re.compile(r"-?[0-9]{1,12}")


class ParamError(ValueError):
    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


def clean_text(value: str | None, param: str, max_chars: int) -> str:
    """Strip and check a free-text parameter; '' when absent."""
    if value is None:
        return ""
    value = value.strip()
    if len(value) > max_chars:
        raise ParamError(param, f"内容过长（{len(value)} 个字符），最多 {max_chars} 个字符。")
    for ch in value:
        cat = unicodedata.category(ch)
        # Cs: lone surrogates; U+FFFD: bytes that were not valid UTF-8; Cc: control characters.
        if cat in ("Cs", "Cc") or ch == "\ufffd":
            raise ParamError(param, "包含无法识别的字符，请删除后重试。")
    return value


def clean_int(value: str | None, param: str, low: int, high: int, default: int | None):
    if value is None or value.strip() == "":
        return default
    text = value.strip()
    # ASCII digits only: "²" and "１" are digits to str.isdigit() but not to int().
    if not _INT.fullmatch(text):
        raise ParamError(param, "应为整数。")
    number = int(text)
    if number < low or number > high:
        raise ParamError(param, f"应在 {low} 到 {high} 之间。")
    return number


def clean_choice(value: str | None, param: str, choices, default: str | None = None):
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    if value not in choices:
        raise ParamError(param, "不是可选的值。")
    return value


def clean_org(value: str | None, param: str = "org") -> Organisation | None:
    code = clean_text(value, param, 32)
    if not code:
        return None
    org = Organisation.objects.filter(code=code, is_active=True).first()
    if org is None:
        raise ParamError(param, "找不到该机构。")
    return org


def clean_paging(get, default_per_page: int = DEFAULT_PER_PAGE) -> tuple[int, int]:
    page = clean_int(get.get("page"), "page", 1, MAX_PAGE, 1)
    per_page = clean_int(get.get("per_page"), "per_page", 1, MAX_PER_PAGE, default_per_page)
    return page, per_page


@dataclass
class ItemFilters:
    """The filters of the policy library and of ``/api/v1/items`` (same names, same meaning)."""

    org: Organisation | None = None
    year: int | None = None
    genre: str = ""
    theme: str = ""
    validity: str | None = None
    kind: str | None = None
    doc_number: str = ""
    title: str = ""
    column: object = None  # a CatalogEntry of ``org``
    sort: str = "newest"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    extra: dict = field(default_factory=dict)

    def query_params(self, **override) -> dict:
        """The GET parameters that reproduce these filters (for shareable links)."""
        values = {
            "org": self.org.code if self.org else "",
            "year": self.year or "",
            "genre": self.genre,
            "theme": self.theme,
            "validity": self.validity or "",
            "kind": self.kind or "",
            "doc_number": self.doc_number,
            "title": self.title,
            "column": self.column.slug if self.column is not None else "",
            "sort": self.sort if self.sort != "newest" else "",
            "page": self.page if self.page != 1 else "",
        }
        values.update(override)
        return {k: v for k, v in values.items() if v not in ("", None)}


def clean_column(value: str | None, org: Organisation | None):
    slug = clean_text(value, "column", 60)
    if not slug:
        return None
    if org is None:
        raise ParamError("column", "按栏目筛选时需要同时指定机构（org）。")
    from gongkai.catalog.models import CatalogEntry

    entry = CatalogEntry.objects.filter(organisation=org, slug=slug, is_active=True).first()
    if entry is None:
        raise ParamError("column", "该机构没有这个栏目。")
    return entry


def parse_item_filters(get, default_per_page: int = DEFAULT_PER_PAGE) -> ItemFilters:
    page, per_page = clean_paging(get, default_per_page)
    org = clean_org(get.get("org"))
    return ItemFilters(
        org=org,
        column=clean_column(get.get("column"), org),
        year=clean_int(get.get("year"), "year", MIN_YEAR, MAX_YEAR, None),
        genre=clean_text(get.get("genre"), "genre", 30),
        theme=clean_text(get.get("theme"), "theme", 60),
        validity=clean_choice(get.get("validity"), "validity", VALIDITY),
        kind=clean_choice(get.get("kind"), "kind", KINDS),
        doc_number=clean_text(get.get("doc_number"), "doc_number", 80),
        title=clean_text(get.get("title"), "title", 100),
        sort=clean_choice(get.get("sort"), "sort", SORTS, "newest"),
        page=page,
        per_page=per_page,
    )


@dataclass
class SearchParams:
    q: str = ""
    org: Organisation | None = None
    year: int | None = None
    genre: str = ""
    validity: str | None = None
    kind: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def query_params(self, **override) -> dict:
        values = {
            "q": self.q,
            "org": self.org.code if self.org else "",
            "year": self.year or "",
            "genre": self.genre,
            "validity": self.validity or "",
            "kind": self.kind or "",
            "sort": self.sort if self.sort != "relevance" else "",
            "page": self.page if self.page != 1 else "",
        }
        values.update(override)
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def has_filters(self) -> bool:
        return bool(self.org or self.year or self.genre or self.validity or self.kind)


def parse_search(get, default_per_page: int = DEFAULT_PER_PAGE) -> SearchParams:
    page, per_page = clean_paging(get, default_per_page)
    return SearchParams(
        q=clean_text(get.get("q"), "q", MAX_QUERY_CHARS),
        org=clean_org(get.get("org")),
        year=clean_int(get.get("year"), "year", MIN_YEAR, MAX_YEAR, None),
        genre=clean_text(get.get("genre"), "genre", 30),
        validity=clean_choice(get.get("validity"), "validity", VALIDITY),
        kind=clean_choice(get.get("kind"), "kind", KINDS),
        sort=clean_choice(get.get("sort"), "sort", SEARCH_SORTS, "relevance"),
        page=page,
        per_page=per_page,
    )


PARAM_LABELS = {
    "q": "检索词",
    "org": "机构",
    "year": "年份",
    "genre": "体裁",
    "theme": "主题分类",
    "validity": "有效性",
    "kind": "信息类别",
    "doc_number": "发文字号",
    "title": "标题",
    "sort": "排序",
    "column": "栏目",
    "page": "页码",
    "per_page": "每页条数",
}
