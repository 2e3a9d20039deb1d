"""The "proposal_reply" search kind: published replies in full."""

from __future__ import annotations

from gongkai.search.registry import SearchDoc

from .models import Proposal


def build(ids):
    out = {}
    for p in Proposal.objects.filter(pk__in=ids, status=Proposal.PUBLISHED).select_related("lead"):
        out[p.pk] = SearchDoc(
            kind="proposal_reply",
            id=p.pk,
            title=f"关于{p.session}第{p.number:04d}号{p.kind_label}的答复：{p.title}",
            text=p.public_text,
            url=p.get_absolute_url(),
            org_id=p.lead_id,
            org_label=p.lead.name,
            org_names=" ".join(filter(None, [p.lead.name, p.lead.short_name])),
            category=p.kind_label,
            genre="答复",
        )
    return out


def public_ids():
    return Proposal.objects.filter(status=Proposal.PUBLISHED).values_list("pk", flat=True)


def supersedes(kind, ids):
    """A reply published in full is also a catalog item: search finds it once, as the reply."""
    if kind != "item":
        return []
    return Proposal.objects.filter(status=Proposal.PUBLISHED, item_id__in=ids).values_list(
        "item_id", flat=True
    )
