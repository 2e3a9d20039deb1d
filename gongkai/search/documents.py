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
    """The search documents of those items that are public now (others are absent)."""
    from gongkai.catalog.models import Item

    items = (
        Item.objects.public()
        .filter(pk__in=list(item_ids))
        .select_related("organisation")
        .prefetch_related("attachments", "issuers__aliases", "organisation__aliases", "interprets")
    )
    docs = {}
    for item in items:
        names = []
        for org in [item.organisation, *item.issuers.all()]:
            names.extend([org.name, org.short_name, *(a.name for a in org.aliases.all())])
        parts = [item.body_text or ""]
        parts += [a.text for a in item.attachments.all() if a.text]
        parts += [f"解读：{p.title}" for p in item.interprets.all()]
        docs[item.pk] = SearchDoc(
            kind=ITEM,
            id=item.pk,
            title=item.title,
            text="\n".join(p for p in parts if p),
            org_id=item.organisation_id,
            org_label=item.organisation.name,
            org_names=" ".join(dict.fromkeys(n for n in names if n)),
            doc_number=item.doc_number or "",
            genre=item.genre or "",
            category=item.kind or "",
            validity=item.validity or "valid",
            published_at=item.published_at,
            url=item_url(item.pk),
        )
    return docs


def public_item_ids():
    from gongkai.catalog.models import Item

    return Item.objects.public().order_by("pk").values_list("pk", flat=True)


def item_doctype() -> DocType:
    return DocType(
        kind=ITEM, label=ITEM_LABEL, build=build_docs, public_ids=public_item_ids, order=0
    )
