"""Staff pages: /staff/consultations/ … Every change goes through the actions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import may, org_ids_for, orgs_for
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.sheets import xlsx_response  # noqa: F401
from gongkai.rules.participation.feedback import DISPOSITIONS
from gongkai.rules.participation.period import KIND_LABELS

from .. import actions, documents, services
from ..actions.workflow import FIELDS
from ..models import CHANNELS, Comment, Consultation
from .public import _docx, web_errors


def _visible(request, pk) -> Consultation:
    c = get_object_or_404(Consultation.objects.select_related("organisation"), pk=pk)
    if not may(request.user, "view_internal", c.organisation):
        raise Http404
    return c


def _form_data(post) -> dict:
    data = {k: post.get(k, "") for k in FIELDS if k != "channels"}
    data["channels"] = post.getlist("channels")
    return data


@login_required
def staff_list(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有任何机构的角色。")
    qs = Consultation.objects.filter(organisation_id__in=ids).select_related("organisation")
    return render(
        request,
        "consultations/staff_list.html",
        {"rows": qs[:200], "can_create": bool(org_ids_for(request.user, "edit"))},
    )


def _form_ctx(request, form, errors, c=None):
    return {
        "form": form,
        "errors": web_errors(errors),
        "c": c,
        "kinds": KIND_LABELS,
        "channels": CHANNELS,
        "orgs": orgs_for(request.user, "edit").order_by("city_id", "sort_order"),
    }


@login_required
def staff_new(request):
    form, errors = {**{k: "" for k in FIELDS}, "channels": ["online"]}, {}
    if request.method == "POST":
        form = _form_data(request.POST)
        org = (
            orgs_for(request.user, "edit").filter(pk=request.POST.get("organisation") or 0).first()
        )
        if org is None:
            errors = {"organisation": "请选择机构。"}
        else:
            try:
                c = actions.create(request.user, org, **form)
            except Invalid as exc:
                errors = exc.errors
            else:
                messages.success(request, "已创建征求意见草稿，请上传草案文本。")
                return redirect("consultations:staff_detail", c.pk)
    return render(request, "consultations/staff_form.html", _form_ctx(request, form, errors))


@login_required
def staff_detail(request, pk):
    c = _visible(request, pk)
    errors = {}
    form = {k: getattr(c, k) for k in FIELDS}
    if request.method == "POST":
        form = _form_data(request.POST)
        try:
            actions.update(request.user, c, **form)
        except Invalid as exc:
            errors = exc.errors
        else:
            messages.success(request, "已保存。")
            return redirect("consultations:staff_detail", c.pk)
    ctx = _form_ctx(request, form, errors, c)
    city = c.organisation.city or c.organisation
    from gongkai.catalog.models import Item

    ctx.update(
        {
            "period": services.period_of(c),
            "summary": services.summary(c),
            "figures": services.figures(c),
            "events": list(c.events.all()),
            "articles": list(c.articles.all()),
            "versions": list(c.versions.all()),
            "may_edit": may(request.user, "edit", c.organisation),
            "may_review": may(request.user, "review", c.organisation)
            and c.author_id != request.user.pk,
            "candidates": Item.objects.public()
            .filter(organisation_id__in=city.descendant_ids(), kind__in=Item.POLICY_KINDS)
            .order_by("-published_at")[:50]
            if c.status in (Consultation.CLOSED, Consultation.PUBLISHED)
            else [],
        }
    )
    return render(request, "consultations/staff_detail.html", ctx, status=400 if errors else 200)


def _date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


@login_required
@require_POST
def staff_action(request, pk, name):
    c = _visible(request, pk)
    p = request.POST
    todo = {
        "submit": lambda: actions.submit(request.user, c),
        "approve": lambda: actions.approve(request.user, c),
        "return": lambda: actions.return_to_draft(request.user, c, p.get("reason", "")),
        "open": lambda: actions.open_consultation(request.user, c),
        "extend": lambda: actions.extend(
            request.user, c, p.get("closes_on", ""), p.get("reason", "")
        ),
        "reopen": lambda: actions.reopen(
            request.user, c, p.get("closes_on", ""), p.get("reason", "")
        ),
        "close": lambda: actions.close(request.user, c, p.get("reason", "")),
        "publish": lambda: actions.publish_feedback(request.user, c, p.get("intro", "")),
        "link": lambda: actions.link_final(request.user, c, int(p.get("item") or 0)),
        "upload": lambda: _upload(request, c),
    }
    if name not in todo:
        raise Http404
    try:
        todo[name]()
    except Invalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "操作成功。")
    return redirect("consultations:staff_detail", c.pk)


def _upload(request, c):
    f = request.FILES.get("draft")
    if f is None:
        raise Invalid(errors={"draft": "请选择草案文件。"})
    return actions.upload_draft(request.user, c, f.name, f.read(), request.POST.get("note", ""))


@login_required
def staff_comments(request, pk):
    c = _visible(request, pk)
    form, errors = {}, {}
    if request.method == "POST":
        form = {
            k: request.POST.get(k, "")
            for k in ("article", "name", "contact", "text", "consent", "channel", "received_on")
        }
        try:
            actions.submit_comment(
                request.user,
                c,
                text=form["text"],
                contact=form["contact"],
                name=form["name"],
                consent=bool(form["consent"]),
                article=int(form["article"])
                if form["article"].isdecimal() and form["article"].isascii()
                else None,
                channel=form["channel"],
                received_on=_date(form["received_on"]) if form["received_on"] else None,
            )
        except (Invalid, TypeError) as exc:
            errors = (
                exc.errors
                if isinstance(exc, Invalid)
                else {"received_on": "日期格式应为 2026-09-01。"}
            )
        else:
            messages.success(request, "已录入。")
            return redirect("consultations:staff_comments", c.pk)
    leads = list(services.leaders(c).prefetch_related("followers"))
    return render(
        request,
        "consultations/staff_comments.html",
        {
            "c": c,
            "leaders": leads,
            "articles": list(c.articles.all()),
            "channels": CHANNELS,
            "dispositions": DISPOSITIONS,
            "form": form,
            "errors": web_errors(errors),
            "summary": services.summary(c),
            "may_edit": may(request.user, "edit", c.organisation),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def staff_dispose(request, pk, cid):
    c = _visible(request, pk)
    comment = get_object_or_404(Comment, pk=cid, consultation=c)
    try:
        actions.dispose(
            request.user,
            comment,
            request.POST.get("disposition", ""),
            request.POST.get("reason", ""),
            request.POST.get("final_article", ""),
        )
    except Invalid as exc:
        messages.error(request, f"意见 {cid}：{exc}")
    else:
        messages.success(request, f"意见 {cid} 的处理结果已保存。")
    return redirect(f"/staff/consultations/{c.pk}/comments/#c{cid}")


@login_required
@require_POST
def staff_ungroup(request, pk, cid):
    c = _visible(request, pk)
    comment = get_object_or_404(Comment, pk=cid, consultation=c)
    try:
        actions.ungroup(request.user, comment)
    except Invalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"意见 {cid} 已单独处理。")
    return redirect(f"/staff/consultations/{c.pk}/comments/#c{cid}")


@login_required
def staff_synthesis(request, pk):
    from urllib.parse import quote

    from django.http import HttpResponse

    from gongkai.core.sheets import XLSX_TYPE

    c = _visible(request, pk)
    resp = HttpResponse(documents.synthesis_xlsx(c), content_type=XLSX_TYPE)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('意见汇总.xlsx')}"
    return resp


@login_required
def staff_docx(request, pk):
    return _docx(_visible(request, pk))
