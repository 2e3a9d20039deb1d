"""/api/v1/messages and /api/v1/messages/stats: published messages only, nothing personal."""

from __future__ import annotations

from django.urls import reverse

from gongkai.portal.api import _abs, _json, api_view, org_ref, paged
from gongkai.portal.params import ParamError, clean_choice, clean_org, clean_paging
from gongkai.portal.queries import PageOf
from gongkai.rules import dates
from gongkai.rules.interaction.messages import TYPE_LABELS

from . import stats
from .models import Message


def message_json(request, m: Message) -> dict:
    return {
        "id": m.pk,
        "url": _abs(request, reverse("interaction:public_detail", args=[m.pk])),
        "subject": m.public_subject,
        "type": m.kind,
        "type_label": m.kind_label,
        "organisation": org_ref(request, m.organisation),
        "received_on": dates.iso(m.received_on),
        "answered_on": dates.iso(m.first_answered_on),
        "status": m.status,
        "status_label": m.get_status_display(),
        "text": m.public_text,
        "reply": m.public_reply,
    }


@api_view
def message_list(request):
    page, per_page = clean_paging(request.GET)
    org = clean_org(request.GET.get("org"))
    kind = clean_choice(request.GET.get("type"), "type", list(TYPE_LABELS))
    qs = Message.objects.published().select_related("organisation").order_by("-published_at", "-pk")
    if org is not None:
        qs = qs.filter(organisation_id__in=org.descendant_ids())
    if kind:
        qs = qs.filter(kind=kind)
    total = qs.count()
    items = list(qs[(page - 1) * per_page : page * per_page])
    page_of = PageOf(items, total, page, per_page)
    return _json(paged(page_of, [message_json(request, m) for m in items]))


@api_view
def message_stats(request):
    org = clean_org(request.GET.get("org"))
    raw = (request.GET.get("month") or "").strip()
    today = dates.today()
    if raw:
        try:
            y, m = raw.split("-")
            year, month = int(y), int(m)
            if not (2000 <= year <= today.year + 1 and 1 <= month <= 12):
                raise ValueError
        except ValueError:
            raise ParamError("month", "月份格式应为 YYYY-MM，如 2026-03。") from None
    else:
        year, month = today.year, today.month
    page, per_page = clean_paging(request.GET)
    ids = org.descendant_ids() if org is not None else None
    rows = stats.monthly(ids, year, month)
    total = stats.total(rows)
    items = rows[(page - 1) * per_page : page * per_page]
    page_of = PageOf(items, len(rows), page, per_page)
    body = paged(
        page_of,
        [{"organisation": r.org_name, **r.as_dict()} for r in items],
    )
    body["month"] = f"{year:04d}-{month:02d}"
    body["summary"] = {k: v for k, v in total.as_dict().items() if k not in ("year", "month")}
    return _json(body)
