"""Published messages in the site search (kind "message")."""

from __future__ import annotations

from django.urls import reverse

from gongkai.search import registry

from .models import Message


def build(ids):
    out = {}
    for m in Message.objects.published().filter(pk__in=ids).select_related("organisation"):
        org = m.organisation
        out[m.pk] = registry.SearchDoc(
            kind="message",
            id=m.pk,
            title=m.public_subject,
            text=f"{m.public_text}\n答复：{m.public_reply}",
            url=reverse("interaction:public_detail", args=[m.pk]),
            org_id=org.pk,
            org_label=org.name,
            org_names=" ".join(org.all_names()),
            published_at=m.published_at,
            category=m.kind_label,
        )
    return out


def public_ids():
    return Message.objects.published().values_list("pk", flat=True)


def register():
    registry.register(
        registry.DocType(
            kind="message", label="政民互动", build=build, public_ids=public_ids, order=60
        )
    )
