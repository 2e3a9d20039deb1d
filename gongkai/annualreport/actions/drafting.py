"""Drafting: generate a report from the year's data, refresh it, save what staff entered."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils import timezone

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.orgs.models import Organisation
from gongkai.rules.annualreport import tables as T
from gongkai.rules.annualreport.text import draft_overview

from .. import services
from ..models import AnnualReport

E_YEAR = "年度应为2008年至今的年份。"
E_STATE = "只有起草中的报告可以修改；已发布的报告请先“修改并发布新版本”。"
E_PARTS = "汇总报告请至少选择一项汇总范围（本级政府、政府部门、下级政府）。"
E_NUMBER = "请填写不小于0的整数。"
E_MONEY = "请填写金额（万元，最多两位小数）。"


def _user(actor):
    """The user row to store (None for the SYSTEM actor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_year(year) -> int:
    from gongkai.rules.dates import today

    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Invalid(errors={"year": E_YEAR}) from None
    if not 2008 <= year <= today().year:
        raise Invalid(errors={"year": E_YEAR})
    return year


def _compute(report: AnnualReport) -> None:
    org, year = report.organisation, report.year
    if report.kind == "summary":
        report.figures, report.sources = services.summary_figures(
            org, year, report.parts, report.staff_figures
        )
    else:
        report.figures = services.own_figures(org, year, report.staff_figures)
        report.sources = []
    report.generated_at = timezone.now()


def _run_checks(report: AnnualReport) -> None:
    report.checks = [c.as_json() for c in services.run_checks(report)]


def generate(
    actor, organisation: Organisation, year, *, kind: str = "own", parts=None
) -> AnnualReport:
    """Create the year's draft from the data (or return the existing report unchanged)."""
    year = _check_year(year)
    with change(actor, "edit", organisation) as ch:
        existing = AnnualReport.objects.filter(organisation=organisation, year=year).first()
        if existing is not None:
            return existing
        if kind not in dict(AnnualReport.KIND_CHOICES):
            raise Invalid(errors={"kind": "报告类型无效。"})
        parts = [p for p in (parts or []) if p in dict(AnnualReport.PART_CHOICES)]
        if kind == "summary" and not parts:
            raise Invalid(errors={"parts": E_PARTS})
        report = AnnualReport(
            organisation=organisation,
            year=year,
            kind=kind,
            parts=parts if kind == "summary" else [],
            drafted_by=_user(actor),
        )
        _compute(report)
        report.text_overview = draft_overview(organisation.name, year, report.figures)
        _run_checks(report)
        report.save()
        ch.audit(
            report, "create", to_state="draft", changes={"year": year, "kind": kind, "parts": parts}
        )
    return report


def refresh(actor, report: AnnualReport, *, redraft_text: bool = False) -> AnnualReport:
    """Recompute the tables from today's data (staff-entered figures kept)."""
    with change(actor, "edit", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_DRAFT:
            raise Invalid(E_STATE)
        before = report.figures
        _compute(report)
        if redraft_text:
            report.text_overview = draft_overview(
                report.organisation.name, report.year, report.figures
            )
        _run_checks(report)
        report.save()
        ch.audit(
            report,
            "change",
            reason="按最新数据重新生成表格" + ("和总体情况" if redraft_text else ""),
            changes={"figures_changed": before != report.figures},
        )
    return report


def _int(value, field, errors):
    if value in (None, ""):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        errors[field] = E_NUMBER
        return None
    if n < 0:
        errors[field] = E_NUMBER
        return None
    return n


def clean_staff_figures(data: dict) -> dict:
    """Staff-entered figures from a form: 行政许可/处罚/强制 counts, 行政事业性收费 (万元), and
    corrections of the catalog's 规章/规范性文件 counts (field ``regulation_in_force`` …)."""
    errors: dict[str, str] = {}
    out: dict = {}
    for code in services.STAFF_DECISIONS:
        n = _int(data.get(code), code, errors)
        out[code] = n or 0
    raw = str(data.get("fees") or "0").strip()
    try:
        amount = Decimal(raw)
        if amount < 0 or amount != amount.quantize(Decimal("0.01")):
            raise InvalidOperation
        out["fees"] = str(amount.quantize(Decimal("0.01")))
    except InvalidOperation:
        errors["fees"] = E_MONEY
    for code, _ in T.DOC_ROWS:
        row = {}
        for k in ("issued", "repealed", "in_force"):
            n = _int(data.get(f"{code}_{k}"), f"{code}_{k}", errors)
            if n is not None:
                row[k] = n
        if row:
            out[code] = row
    if errors:
        raise Invalid(errors=errors)
    return out


def save_draft(actor, report: AnnualReport, data: dict) -> AnnualReport:
    """Save the staff-entered figures and the texts of sections 一, 五 and 六 of a draft."""
    with change(actor, "edit", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_DRAFT:
            raise Invalid(E_STATE)
        staff = clean_staff_figures(data)
        before = {
            "staff_figures": report.staff_figures,
            "text_overview": report.text_overview,
            "text_problems": report.text_problems,
            "text_other": report.text_other,
        }
        report.staff_figures = staff
        for name in ("text_overview", "text_problems", "text_other"):
            if name in data:
                setattr(report, name, (data.get(name) or "").strip())
        if "change_note" in data:
            report.change_note = (data.get("change_note") or "").strip()
        _compute(report)
        _run_checks(report)
        report.save()
        changes = {k: [v, getattr(report, k)] for k, v in before.items() if v != getattr(report, k)}
        ch.audit(report, "change", changes={k: "已修改" for k in changes})
    return report
