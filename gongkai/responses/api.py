"""/api/v1/press-conferences: published press conferences (speakers are public officials)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.portal.api import _abs, _json, api_view, org_ref, paged
from gongkai.portal.params import clean_int, clean_org, clean_paging
from gongkai.portal.queries import PageOf
from gongkai.rules import dates

from .models import PressConference


def conference_json(request, c: PressConference) -> dict:
    return {
        "id": c.pk,
        "url": _abs(request, reverse("responses:conference", args=[c.pk])),
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "topic": c.topic,
        "held_at": dates.iso(c.held_at),
        "host": org_ref(request, c.host),
        "speakers": [{"name": s.name, "post": s.post} for s in c.speakers.all()],
        "leader_spoke": c.leader_spoke,
        "policies": [
            {
                "id": p.pk,
                "title": p.title,
                "api_url": _abs(request, reverse("portal:api_item", args=[p.pk])),
            }
            for p in c.policies.all()
            if p.is_public
        ],
    }


@api_view
def conference_list(request):
    page, per_page = clean_paging(request.GET)
    org = clean_org(request.GET.get("org"))
    year = clean_int(request.GET.get("year"), "year", 2000, 2100, None)
    qs = (
        PressConference.objects.filter(published=True)
        .select_related("host")
        .prefetch_related("speakers", "policies")
    )
    if org is not None:
        qs = qs.filter(host_id__in=org.descendant_ids())
    if year:
        qs = qs.filter(held_at__year=year)
    total = qs.count()
    items = list(qs[(page - 1) * per_page : page * per_page])
    return _json(
        paged(PageOf(items, total, page, per_page), [conference_json(request, c) for c in items])
    )
