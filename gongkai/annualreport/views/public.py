"""The public report page, its downloads, and the read API (published versions only)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.core.sheets import XLSX_TYPE
from gongkai.orgs.models import Organisation
from gongkai.portal.api import _json, api_view, error
from gongkai.portal.params import ParamError, clean_paging
from gongkai.rules.dates import iso, local, zh_date

from .. import render as R
from ..models import ReportVersion
from .staff import DOCX_TYPE, download


def _versions(org, year):
    return list(
        ReportVersion.objects.filter(report__organisation=org, report__year=year)
        .select_related("report", "report__item")
        .order_by("-number")
    )


def _pick(request, versions):
    if not versions:
        raise Http404("该机构该年度的年度报告尚未发布。")
    wanted = request.GET.get("v")
    if wanted:
        for v in versions:
            if str(v.number) == wanted:
                return v
        raise Http404("没有这个版本。")
    return versions[0]


def report_page(request, code, year):
    org = get_object_or_404(Organisation, code=code)
    versions = _versions(org, year)
    v = _pick(request, versions)
    ctx = R.context(v.figures, v.texts)
    return render(
        request,
        "annualreport/public.html",
        {
            **ctx,
            "org": org,
            "year": year,
            "v": v,
            "title": v.report.title,
            "versions": versions,
            "latest": versions[0],
            "item": v.report.item,
        },
    )


def report_download(request, code, year, fmt):
    org = get_object_or_404(Organisation, code=code)
    v = _pick(request, _versions(org, year))
    title = v.report.title
    if fmt == "docx":
        data = R.docx_bytes(title, v.figures, v.texts, zh_date(local(v.published_at)))
        return download(data, DOCX_TYPE, f"{title}.docx")
    return download(R.xlsx_bytes(title, v.figures), XLSX_TYPE, f"{title}.xlsx")


def _summary(v, request) -> dict:
    r = v.report
    return {
        "year": r.year,
        "title": r.title,
        "kind": r.kind,
        "version": v.number,
        "published_at": iso(v.published_at),
        "url": request.build_absolute_uri(
            reverse("annualreport:public", args=[r.organisation.code, r.year])
        ),
        "api_url": request.build_absolute_uri(
            reverse("annualreport:api_report", args=[r.organisation.code, r.year])
        ),
    }


@api_view
def api_list(request, code):
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    page, per_page = clean_paging(request.GET)
    latest = {}
    for v in (
        ReportVersion.objects.filter(report__organisation=org)
        .select_related("report", "report__organisation")
        .order_by("-report__year", "-number")
    ):
        latest.setdefault(v.report.year, v)
    rows = list(latest.values())
    total = len(rows)
    start = (page - 1) * per_page
    return _json(
        {
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": (total + per_page - 1) // per_page,
            "results": [_summary(v, request) for v in rows[start : start + per_page]],
        }
    )


@api_view
def api_report(request, code, year):
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        return error("not_found", "没有这个机构。", 404)
    versions = _versions(org, year)
    if not versions:
        return error("not_found", "该机构该年度的年度报告尚未发布。", 404)
    v = versions[0]
    wanted = request.GET.get("version")
    if wanted:
        try:
            n = int(wanted)
        except ValueError:
            raise ParamError("version", "version 应为正整数。") from None
        v = next((x for x in versions if x.number == n), None)
        if v is None:
            return error("not_found", "没有这个版本。", 404)
    return _json(
        {
            **_summary(v, request),
            "organisation": {"code": org.code, "name": org.name},
            **R.as_json(v.figures, v.checks),
            "versions": [
                {
                    "version": x.number,
                    "published_at": iso(x.published_at),
                    "change_note": x.change_note,
                }
                for x in versions
            ],
        }
    )
