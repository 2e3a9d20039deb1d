"""Pages of 舆情回应 (staff) and 新闻发布会 (public and staff)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.catalog.models import Item
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.files import response as file_response
from gongkai.orgs.models import Organisation
from gongkai.portal.queries import item_url
from gongkai.rules import dates
from gongkai.rules.interaction.hours import LEVELS, describe_delta

from . import actions
from .models import ConferenceFile, EventClock, PressConference, ResponseEvent


def _ids(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有查看舆情回应的权限。")
    return ids


def _clock_rows(clocks, now):
    rows = []
    for c in clocks:
        if c.state == EventClock.RUNNING:
            note = "剩余 " + describe_delta(c.deadline - now) if c.deadline > now else "已超时"
        elif c.state in (EventClock.LATE, EventClock.OVERDUE):
            note = f"超时 {c.lateness_minutes // 60} 小时 {c.lateness_minutes % 60} 分"
        else:
            note = "按时完成"
        rows.append((c, note))
    return rows


def _editable_orgs(request):
    return Organisation.objects.filter(pk__in=org_ids_for(request.user, "edit")).order_by(
        "city__name", "sort_order", "name"
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_events(request):
    ids = _ids(request)
    errors, values = {}, {}
    if request.method == "POST":
        values = request.POST
        org = Organisation.objects.filter(pk=request.POST.get("organisation") or 0).first()
        try:
            ev = actions.do_create_event(
                request.user,
                org,
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                level=request.POST.get("level", ""),
                learnt_at=request.POST.get("learnt_at", ""),
                misleading_claim=request.POST.get("misleading_claim", ""),
            )
        except Invalid as exc:
            errors = exc.errors
        else:
            return redirect("responses:staff_event", pk=ev.pk)
    now = dates.now()
    events = (
        ResponseEvent.objects.filter(organisation_id__in=ids)
        .select_related("organisation")
        .prefetch_related("clocks")
    )
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    rows = [(e, _clock_rows(e.clocks.all(), now)) for e in page]
    return render(
        request,
        "responses/staff_events.html",
        {
            "rows": rows,
            "page": page,
            "levels": LEVELS,
            "orgs": _editable_orgs(request),
            "errors": errors,
            "values": values,
            "now": now,
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_event(request, pk):
    event = get_object_or_404(ResponseEvent, pk=pk, organisation_id__in=_ids(request))
    errors = {}
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "statement":
                actions.do_record_statement(
                    request.user,
                    event,
                    text=request.POST.get("text", ""),
                    published_at=request.POST.get("published_at") or None,
                    channel=request.POST.get("channel", ""),
                )
            elif op == "link":
                item = Item.objects.filter(
                    pk=_int(request.POST.get("item")), organisation_id__in=_ids(request)
                ).first()
                if item is None:
                    raise Invalid(errors={"item": "找不到该信息（请填写信息编号）。"})
                actions.do_link_item(request.user, event, item)
            else:
                raise Invalid("未知操作。")
        except Invalid as exc:
            errors = exc.errors
        else:
            return redirect("responses:staff_event", pk=event.pk)
    now = dates.now()
    return render(
        request,
        "responses/staff_event.html",
        {
            "event": event,
            "clocks": _clock_rows(event.clocks.all(), now),
            "can_edit": may(request.user, "edit", event.organisation),
            "errors": errors,
            "post": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )


def _int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


@login_required
@require_http_methods(["GET", "POST"])
def staff_conferences(request):
    ids = _ids(request)
    errors, values = {}, {}
    if request.method == "POST":
        values = request.POST
        host = Organisation.objects.filter(pk=_int(request.POST.get("host"))).first()
        speakers = [
            (n, p)
            for n, p in zip(
                request.POST.getlist("speaker_name"),
                request.POST.getlist("speaker_post"),
                strict=False,
            )
        ]
        event = ResponseEvent.objects.filter(
            pk=_int(request.POST.get("event")), organisation_id__in=ids
        ).first()
        policy_ids = [
            _int(x) for x in request.POST.get("policies", "").replace("，", ",").split(",")
        ]
        try:
            if host is None:
                raise Invalid(errors={"host": "请选择主办单位。"})
            conf = actions.do_record_conference(
                request.user,
                host,
                kind=request.POST.get("kind", ""),
                topic=request.POST.get("topic", ""),
                held_at=request.POST.get("held_at", ""),
                speakers=speakers,
                transcript=request.POST.get("transcript", ""),
                event=event,
                policies=list(Item.objects.public().filter(pk__in=policy_ids)),
                files=request.FILES.getlist("files"),
            )
            if request.POST.get("publish") == "yes":
                actions.do_publish_conference(request.user, conf)
        except Invalid as exc:
            errors = exc.errors
        else:
            return redirect("responses:staff_conferences")
    confs = PressConference.objects.filter(host_id__in=ids).select_related("host")
    confs = confs.prefetch_related("speakers")
    page = Paginator(confs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "responses/staff_conferences.html",
        {
            "page": page,
            "orgs": _editable_orgs(request),
            "events": ResponseEvent.objects.filter(organisation_id__in=ids)[:50],
            "kinds": PressConference.KIND_CHOICES,
            "errors": errors,
            "values": values,
        },
        status=400 if errors else 200,
    )


def conferences(request):
    qs = PressConference.objects.filter(published=True).select_related("host")
    q = request.GET.get("q", "").strip()[:100]
    try:
        q.encode("utf-8")
    except UnicodeEncodeError:
        q = ""
    if q:
        qs = qs.filter(Q(topic__icontains=q) | Q(transcript__icontains=q))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "responses/conferences.html", {"page": page, "q": q})


def conference(request, pk):
    conf = get_object_or_404(
        PressConference.objects.filter(published=True).select_related("host"), pk=pk
    )
    return render(
        request,
        "responses/conference.html",
        {
            "conf": conf,
            "policies": [
                (p, item_url(p))
                for p in conf.policies.filter(pk__in=Item.objects.public().values("pk"))
            ],
        },
    )


def conference_file(request, pk, file_pk):
    conf = get_object_or_404(PressConference, pk=pk, published=True)
    return file_response(
        get_object_or_404(ConferenceFile, pk=file_pk, conference=conf), inline=True
    )
