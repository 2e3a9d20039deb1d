"""Published press conferences in the site search (kind "press_conference")."""

from __future__ import annotations

from django.urls import reverse

from gongkai.search import registry

from .models import PressConference


def build(ids):
    out = {}
    qs = PressConference.objects.filter(published=True, pk__in=ids).select_related("host")
    for c in qs.prefetch_related("speakers"):
        speakers = "、".join(f"{s.post}{s.name}" for s in c.speakers.all())
        out[c.pk] = registry.SearchDoc(
            kind="press_conference",
            id=c.pk,
            title=c.topic,
            text=f"{c.get_kind_display()} 发布人：{speakers}\n{c.transcript}",
            url=reverse("responses:conference", args=[c.pk]),
            org_id=c.host_id,
            org_label=c.host.name,
            org_names=" ".join(c.host.all_names()),
            published_at=c.published_at or c.held_at,
            category=c.get_kind_display(),
        )
    return out


def public_ids():
    return PressConference.objects.filter(published=True).values_list("pk", flat=True)


def register():
    registry.register(
        registry.DocType(
            kind="press_conference",
            label="新闻发布会",
            build=build,
            public_ids=public_ids,
            order=65,
        )
    )
