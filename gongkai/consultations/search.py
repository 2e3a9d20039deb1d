"""The "consultation" search kind: public consultations and their drafts."""

from __future__ import annotations

from gongkai.search.registry import SearchDoc

from .models import Consultation


def build(ids: list[int]) -> dict[int, SearchDoc]:
    out = {}
    for c in Consultation.objects.public().filter(pk__in=ids).select_related("organisation"):
        org = c.organisation
        out[c.pk] = SearchDoc(
            kind="consultation",
            id=c.pk,
            title=c.title,
            text="\n".join([c.explanation, c.basis, c.draft_text]),
            url=c.get_absolute_url(),
            org_id=org.pk,
            org_label=org.name,
            org_names=" ".join(filter(None, [org.name, org.short_name])),
            published_at=c.opened_at,
            category=c.get_status_display(),
            genre="征求意见",
        )
    return out


def public_ids():
    return Consultation.objects.public().values_list("pk", flat=True)
