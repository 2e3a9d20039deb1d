"""Statistics (table 三), popular requests and proactive-disclosure proposals."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions
from gongkai.core import sheets
from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation
from gongkai.rules import dates

from .. import actions, services
from ..models import (
    ProactiveProposal,
)
from .staff import _staff_required


# -- statistics and popular requests ---------------------------------------------------------
def _period(request):
    year = request.GET.get("year", "")
    try:
        y = int(year) if year else dates.today().year
        start = dt.date(y, 1, 1)
        end = dt.date(y, 12, 31)
    except ValueError:
        y, start, end = (
            dates.today().year,
            dt.date(dates.today().year, 1, 1),
            dt.date(dates.today().year, 12, 31),
        )
    if request.GET.get("start") and request.GET.get("end"):
        try:
            start = dt.date.fromisoformat(request.GET["start"])
            end = dt.date.fromisoformat(request.GET["end"])
        except ValueError:
            pass
    if end < start:
        start, end = end, start
    return y, start, end


@login_required
def stats(request):
    _staff_required(request)
    orgs = permissions.orgs_for(request.user, "view_internal").order_by("city_id", "sort_order")
    org_id = request.GET.get("org", "")
    if org_id and not (org_id.isascii() and org_id.isdigit()):
        org_id = "0"  # a bad id is no organisation: 404, never a 500
    qs = services.visible_to(request.user)
    org = None
    if org_id:
        org = get_object_or_404(orgs, pk=org_id)
        qs = qs.filter(organisation_id__in=org.descendant_ids())
    year, start, end = _period(request)
    st = services.statistics(qs, start, end)
    if request.GET.get("format") == "xlsx":
        return _stats_xlsx(st, org, start, end)
    return render(
        request,
        "applications/stats.html",
        {
            "st": st,
            "orgs": orgs,
            "org": org,
            "year": year,
            "start": start,
            "end": end,
            "headers": services.outcomes.COLUMN_HEADERS,
        },
    )


# Table 三 of the annual report as the official template (国办公开办函〔2021〕30号) draws its
# header: the note column spans the three header rows, 申请人情况 spans every count column,
# 法人或其他组织 spans its five kinds and their 小计, 自然人 and 总计 span two rows.
TABLE3_HEADER = [
    ["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "申请人情况",
     "", "", "", "", "", "", ""],
    ["", "自然人", "法人或其他组织", "", "", "", "", "", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计", ""],
]  # fmt: skip
TABLE3_MERGES = ["A1:A3", "B1:I1", "B2:B3", "C2:H2", "I2:I3"]


def _stats_xlsx(st, org, start, end):
    who = org.name if org else "全部可见机构"
    table = sheets.Sheet(
        title="表三 申请情况",
        caption=f"三、收到和处理政府信息公开申请情况（{who}，{start}至{end}）",
        header=TABLE3_HEADER,
        merges=TABLE3_MERGES,
        rows=[
            [r.label] if r.key == "results" else ["　" * r.level + r.label, *r.cells()]
            for r in st.table.rows
        ],
        widths=[60, 10, 10, 10, 12, 12, 10, 10, 10],
    )
    figures = [
        ("本期新收", st.received),
        ("本期办结", st.closed),
        ("未办结", st.open),
        ("超期", st.overdue),
        ("平均办理工作日", st.avg_days if st.avg_days is not None else ""),
        ("最长办理工作日", st.worst_days if st.worst_days is not None else ""),
        ("", ""),
        ("按渠道", ""),
        *st.by_channel,
        ("按申请人类型", ""),
        *st.by_applicant,
        ("按办理结果", ""),
        *st.by_outcome,
    ]
    summary = sheets.Sheet.simple("办理统计", ["项目", "数量"], figures, widths=[50, 12])
    return sheets.xlsx_response(f"applications-{start}-{end}.xlsx", [table, summary])


@login_required
def popular(request):
    _staff_required(request)
    year, start, end = _period(request)
    qs = services.visible_to(request.user).filter(
        received_on__gte=start, received_on__lte=end, proposal__isnull=True
    )
    topics = services.popular_topics(qs)
    proposals = ProactiveProposal.objects.filter(
        organisation_id__in=permissions.org_ids_for(request.user, "view_internal")
    ).select_related("organisation")
    editable = permissions.org_ids_for(request.user, "edit")
    return render(
        request,
        "applications/popular.html",
        {
            "topics": topics,
            "proposals": proposals,
            "year": year,
            "editable": editable,
            "states": ProactiveProposal.STATE_CHOICES,
        },
    )


@login_required
@require_POST
def propose(request):
    _staff_required(request)
    ids = [int(x) for x in request.POST.getlist("app") if x.isdigit()]
    apps = list(services.visible_to(request.user).filter(pk__in=ids))
    org = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        actions.propose_proactive(
            org,
            subject=request.POST.get("subject", ""),
            description=request.POST.get("description", ""),
            applications=apps,
            actor=request.user,
        )
        messages.success(request, f"已向{org.short_name}提出转为主动公开的建议。")
    except (Invalid, Forbidden) as exc:
        messages.error(request, exc.message)
    return redirect(reverse("applications:popular"))


@login_required
@require_POST
def proposal_state(request, pk):
    _staff_required(request)
    p = get_object_or_404(ProactiveProposal, pk=pk)
    try:
        actions.set_proposal_state(
            p,
            request.POST.get("state", ""),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, "已更新建议状态。")
    except (Invalid, Forbidden) as exc:
        messages.error(request, exc.message)
    return redirect("applications:popular")
