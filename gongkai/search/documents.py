"""What is indexed: the search document of a public catalog item (the Wagtail ``search_fields``
idea, kept here because the catalog models are a contract the search app reads, not edits).

One ``SearchDoc`` of kind ``"item"`` per public item: its title; its text (body, the text of its attachments, the
titles of the policies an interpretation explains); the names of its organisation and issuers
(full name, short name and aliases, so an organisation's name finds its items); its document
number; and the fields filtered, counted and ranked on.
"""

from __future__ import annotations

from gongkai.catalog.labels import VALIDITY_LABELS as VALIDITY_LABELS  # one copy (catalog)
from gongkai.search.registry import DocType, SearchDoc

ITEM = "item"
ITEM_LABEL = "政府信息"

IndexDoc = SearchDoc  # the former name (one search document; catalog items are kind "item")


def item_url(item_id: int) -> str:
    """The public page of an item (the portal's URL, found by name when it is installed)."""
    from django.urls import NoReverseMatch, reverse

    for name in ("portal:item", "portal:item_detail"):
        try:
            return reverse(name, args=[item_id])
        except NoReverseMatch:
            continue
    return f"/gk/item/{item_id}/"


def build_docs(item_ids) -> dict[int, SearchDoc]:
    """The search documents of those items that are public now (others are absent).

    Read as plain values, a few queries per call whatever the number of items (an index
    build of a million items calls this for every 500): the items' fields, their attachments'
    text, issuers, interpreted policies and the names of the organisations involved."""
    from gongkai.catalog.models import Attachment, Item

    ids = list(item_ids)
    rows = list(
        Item.objects.public()
        .filter(pk__in=ids)
        .order_by("-published_at", "-id")
        .values_list("pk", "title", "body_text", "organisation_id", "doc_number", "genre",
                     "kind", "validity", "published_at")
    )  # fmt: skip
    if not rows:
        return {}
    found = [r[0] for r in rows]
    texts: dict[int, list[str]] = {}
    for item_id, text in (
        Attachment.objects.filter(item_id__in=found)
        .exclude(text="")
        .order_by("item", "sort_order", "id")
        .values_list("item_id", "text")
    ):
        texts.setdefault(item_id, []).append(text)
    issuers: dict[int, list[int]] = {}
    for item_id, org_id in Item.issuers.through.objects.filter(item_id__in=found).values_list(
        "item_id", "organisation_id"
    ):
        issuers.setdefault(item_id, []).append(org_id)
    policies = _interpreted(found)
    names, order = _org_names({r[3] for r in rows} | {o for v in issuers.values() for o in v})
    url = _url_of()
    docs = {}
    for pk, title, body_text, org_id, doc_number, genre, kind, validity, published in rows:
        orgs = [org_id, *sorted(issuers.get(pk, ()), key=order.__getitem__)]
        parts = [body_text or "", *texts.get(pk, ())]
        parts += [f"解读：{t}" for t in policies.get(pk, ())]
        docs[pk] = SearchDoc(
            kind=ITEM,
            id=pk,
            title=title,
            text="\n".join(p for p in parts if p),
            org_id=org_id,
            org_label=names[org_id][0],
            org_names=" ".join(dict.fromkeys(n for o in orgs for n in names[o] if n)),
            doc_number=doc_number or "",
            genre=genre or "",
            category=kind or "",
            validity=validity or "valid",
            published_at=published,
            url=url(pk),
        )
    return docs


def _interpreted(ids: list[int]) -> dict[int, list[str]]:
    """{interpretation id: titles of the policies it explains} (newest policy first)."""
    from gongkai.catalog.models import Item

    links = list(
        Item.interprets.through.objects.filter(from_item_id__in=ids).values_list(
            "from_item_id", "to_item_id"
        )
    )
    if not links:
        return {}
    titles = list(
        Item.objects.filter(pk__in={t for _, t in links})
        .order_by("-published_at", "-id")
        .values_list("pk", "title")
    )
    rank = {pk: i for i, (pk, _) in enumerate(titles)}
    title = dict(titles)
    out: dict[int, list[int]] = {}
    for src, dst in links:
        out.setdefault(src, []).append(dst)
    return {
        src: [title[d] for d in sorted(dsts, key=rank.__getitem__)] for src, dsts in out.items()
    }


def _org_names(org_ids: set[int]) -> tuple[dict[int, list[str]], dict[int, tuple]]:
    """{organisation id: [name, short name, aliases...]} and its sort key (the issuers' order)."""
    from gongkai.orgs.models import OrgAlias, Organisation

    names: dict[int, list[str]] = {}
    order: dict[int, tuple] = {}
    for pk, name, short, sort_order, code in Organisation.objects.filter(
        pk__in=org_ids
    ).values_list("pk", "name", "short_name", "sort_order", "code"):
        names[pk] = [name, short]
        order[pk] = (sort_order, code)
    for org_id, alias in (
        OrgAlias.objects.filter(organisation_id__in=org_ids)
        .order_by("pk")
        .values_list("organisation_id", "name")
    ):
        names[org_id].append(alias)
    return names, order


def _url_of():
    """item_url for many items: reversed once, the id put in (the portal's URL has one)."""
    probe = 987654321
    sample = item_url(probe)
    if sample.count(str(probe)) != 1:
        return item_url
    head, tail = sample.split(str(probe))
    return lambda pk: f"{head}{pk}{tail}"


def public_item_ids():
    from gongkai.catalog.models import Item

    return Item.objects.public().order_by("pk").values_list("pk", flat=True)


def item_doctype() -> DocType:
    return DocType(
        kind=ITEM, label=ITEM_LABEL, build=build_docs, public_ids=public_item_ids, order=0
    )
