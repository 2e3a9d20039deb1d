"""/staff/health/indicators/: the office edits the year's indicator set (city office admins)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.shortcuts import redirect, render

from gongkai.accounts.permissions import require
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import Invalid
from gongkai.rules import dates
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import EDITABLE

from ..actions.indicators import (
    copy_indicator_set,
    effective_set,
    office_city,
    update_indicator_set,
)
from ..models import IndicatorSet
from .common import staff_only

NOT_OFFICE = "只有市政府办公室（政务公开办）的管理员可以修改网站检查指标。"


def _year(request) -> int:
    raw = request.POST.get("year") or request.GET.get("year") or ""
    return (
        int(raw)
        if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100
        else dates.today().year
    )


def _context(year, *, form=None, errors=None):
    obj = effective_set(year)
    weights = scored.weights(obj.scored)
    form, errors = form or {}, errors or {}

    def typed(name, value):
        return form.get(name, value)

    fields = [
        {"name": name, "label": label, "value": typed(name, getattr(obj, name)),
         "step": "1" if kind is int else "any", "error": errors.get(name, "")}
        for name, label, kind, _low, _high in EDITABLE
    ]  # fmt: skip
    rows = []
    for s in scored.SPECS:
        top, target = weights[s.id]
        mname, tname = f"scored-{s.id}-max", f"scored-{s.id}-target"
        rows.append({
            "spec": s, "unit": "%" if s.unit == scored.RATE else "（每年）",
            "max_name": mname, "max": typed(mname, f"{top:g}"), "max_error": errors.get(mname, ""),
            "target_name": tname, "target": typed(tname, f"{target:g}"),
            "target_error": errors.get(tname, ""),
        })  # fmt: skip
    history = []
    if obj.pk:
        history = list(AuditEntry.objects.for_object(obj).order_by("-created_at", "-pk")[:20])
    earlier = IndicatorSet.objects.filter(year__lt=year).order_by("-year").first()
    return {
        "year": year,
        "obj": obj,
        "stored": obj.pk is not None,
        "earlier": earlier,
        "fields": fields,
        "levels": typed("monitored_levels", obj.monitored_levels),
        "levels_error": errors.get("monitored_levels", ""),
        "rows": rows,
        "reason": form.get("reason", ""),
        "errors": errors,
        "years": list(IndicatorSet.objects.order_by("-year").values_list("year", flat=True)),
        "history": history,
        "next_year": dates.today().year + 1,
    }


@staff_only
def indicators(request):
    require(request.user, "administer", office_city(request.user), NOT_OFFICE)
    year = _year(request)
    if request.method == "POST":
        try:
            if request.POST.get("act") == "copy":
                obj = copy_indicator_set(request.user, request.POST.get("year", ""),
                                         reason=request.POST.get("reason", ""))  # fmt: skip
                flash.success(request, f"已建立{obj.year}年度检查指标（{obj.notes}）。")
            else:
                obj = update_indicator_set(request.user, request.POST.get("year", ""),
                                           request.POST, reason=request.POST.get("reason", ""))  # fmt: skip
                flash.success(request, f"已保存{obj.year}年度检查指标。")
        except Invalid as err:
            errors = dict(getattr(err, "errors", None) or {})
            errors.setdefault("all", str(err))
            ctx = _context(year, form=request.POST.dict(), errors=errors)
            return render(request, "health/indicators.html", ctx, status=400)
        return redirect(f"{request.path}?year={obj.year}")
    return render(request, "health/indicators.html", _context(year))
