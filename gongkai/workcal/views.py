"""Staff pages of the working-day calendar: the years known, a year's special days, a date
calculator, and the import of a State Council holiday notice (office admins)."""

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.accounts import permissions
from gongkai.rules import dates
from gongkai.rules.workdays import CalendarFileError

from . import services


def _year_rows(cal, around: int):
    years = sorted(set(range(around - 2, around + 2)) | set(cal.staff_years))
    return [
        {"year": y, "source": cal.source_of(y), "announced": cal.is_announced(y)} for y in years
    ]


@login_required
def calendar_view(request):
    if not permissions.is_staff_member(request.user):
        raise Http404
    cal = services.get_calendar()
    today = dates.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    special = []
    d = dt.date(year, 1, 1)
    while d.year == year:
        kind = cal.day_kind(d)
        if kind in ("holiday", "makeup"):
            special.append({"date": d, "kind": kind, "name": cal.holiday_name(d) or ""})
        d += dt.timedelta(days=1)
    result, calc_error = None, ""
    if "start" in request.GET:
        try:
            start = dt.date.fromisoformat(request.GET["start"])
            n = int(request.GET.get("n", "20"))
            if not -400 <= n <= 400:
                raise ValueError
            result = cal.add_workdays(start, n)
        except ValueError:
            calc_error = "请输入有效的日期（如 2026-09-25）和 -400 至 400 之间的工作日数。"
    return render(
        request,
        "workcal/calendar.html",
        {
            "year": year,
            "source": cal.source_of(year),
            "announced": cal.is_announced(year),
            "years": _year_rows(cal, today.year),
            "special": special,
            "result": result,
            "calc_error": calc_error,
            "can_import": services.may_import(request.user),
        },
    )


@login_required
def import_view(request):
    if request.method != "POST" or not services.may_import(request.user):
        raise Http404
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的节假日安排文件（CSV 或 JSON）。")
        return redirect("workcal:calendar")
    suffix = Path(upload.name).suffix.lower()
    if suffix not in (".csv", ".json"):
        messages.error(request, "仅支持 CSV 或 JSON 文件，格式见说明。")
        return redirect("workcal:calendar")
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        path = Path(tmp.name)
        try:
            rows = services.read_rows(path)
            notice = request.POST.get("notice", "").strip() or services.read_notice(path)
        except (CalendarFileError, ValueError) as exc:
            messages.error(request, f"文件无法读取：{exc}")
            return redirect("workcal:calendar")
    report = services.import_days(rows, notice=notice, actor=request.user)
    if report.stored:
        years = "、".join(str(y) for y in sorted(report.years))
        messages.success(request, f"已导入 {report.stored} 个日期（{years} 年）。")
    for err in report.errors:
        messages.error(request, f"第 {err.line} 行未导入：{err.message}")
    return redirect("workcal:calendar")
