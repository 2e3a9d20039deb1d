"""Monthly statistics pages (public and staff) and the .xlsx ledger."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.accounts.permissions import org_ids_for
from gongkai.core.errors import Forbidden
from gongkai.core.sheets import Sheet, xlsx_response
from gongkai.orgs.models import Organisation
from gongkai.rules import dates

from .. import stats

COLUMNS = [
    "单位",
    "月份",
    "收到",
    "已答复",
    "按期答复",
    "平均答复天数",
    "评价数",
    "满意（含基本满意）",
    "满意率（%）",
]


def _params(request):
    today = dates.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year + 1)
    try:
        month = int(request.GET.get("month") or 0)
    except ValueError:
        month = 0
    month = month if 1 <= month <= 12 else None
    org = None
    if request.GET.get("org"):
        org = Organisation.objects.filter(code=request.GET["org"][:40]).first()
    return year, month, org


def _rows(ids, year, month, org):
    if org is not None:
        scope = org.descendant_ids()
        ids = scope if ids is None else ids & scope
    rows = stats.monthly(ids, year, month)
    return rows, stats.total(rows)


def _render(request, template, ids, extra=None):
    year, month, org = _params(request)
    rows, total = _rows(ids, year, month, org)
    if request.GET.get("format") == "xlsx":
        data = [
            [
                r.org_name,
                f"{r.year}年{r.month}月",
                r.received,
                r.answered,
                r.on_time,
                r.average_days,
                r.rated,
                r.satisfied,
                r.satisfaction_rate,
            ]
            for r in rows
        ]
        data.append(
            [
                "合计",
                "",
                total.received,
                total.answered,
                total.on_time,
                total.average_days,
                total.rated,
                total.satisfied,
                total.satisfaction_rate,
            ]
        )
        caption = f"政民互动留言办理情况统计（{year}年{f'{month}月' if month else ''}）"
        return xlsx_response(
            f"留言统计-{year}{f'-{month:02d}' if month else ''}.xlsx",
            [Sheet.simple("留言统计", COLUMNS, data, caption=caption)],
        )
    ctx = {
        "rows": rows,
        "total": total,
        "year": year,
        "month": month,
        "org": org,
        "months": range(1, 13),
        "years": range(dates.today().year, dates.today().year - 4, -1),
        **(extra or {}),
    }
    return render(request, template, ctx)


def public_stats(request):
    return _render(request, "interaction/stats.html", None, {"public": True})


@login_required
def staff_stats(request):
    ids = org_ids_for(request.user, "view_internal")
    if not ids:
        raise Forbidden("您没有查看留言统计的权限。")
    return _render(request, "interaction/stats.html", ids, {"public": False})
