"""Public pages of 数据开放: the dataset list, a dataset (chart, ranking, derived figures,
missing periods, versions), a period (its rows and every version), downloads."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.core import sheets
from gongkai.core.errors import NotFound
from gongkai.rules.opendata import periods as period_rules

from . import charts, figures, services
from .models import Dataset, PeriodVersion

FORMATS = ("csv", "xlsx", "json")


def _dataset(pk) -> Dataset:
    return get_object_or_404(
        Dataset.objects.public().select_related("organisation", "entry"), pk=pk
    )


def dataset_list(request):
    datasets = list(Dataset.objects.public().select_related("organisation", "organisation__city"))
    rows = []
    for ds in datasets:
        versions = list(services.current_versions(ds).only("period_key", "period_label"))
        rows.append({"ds": ds, "count": len(versions), "last": versions[-1] if versions else None})
    return render(request, "opendata/list.html", {"rows": rows, "nav": "opendata"})


def dataset_detail(request, pk):
    ds = _dataset(pk)
    versions = list(services.current_versions(ds).select_related("item"))
    chosen = versions[-1] if versions else None
    key = request.GET.get("period", "").strip()[:12]
    if key:
        chosen = next((v for v in versions if v.period_key == key), chosen)
    status = services.period_status(ds)
    missing = [p for p, v in status if v is None]
    corrected = {
        k
        for k in PeriodVersion.objects.filter(dataset=ds, number__gt=1).values_list(
            "period_key", flat=True
        )
    }
    context = {
        "ds": ds,
        "schema": ds.parsed_schema,
        "versions": list(reversed(versions)),
        "chosen": chosen,
        "line": charts.series_chart(ds, versions),
        "ranking": charts.ranking_chart(ds, chosen) if chosen else None,
        "figures": figures.for_period(ds, chosen) if chosen else [],
        "formulas": figures.FORMULAS,
        "missing": missing,
        "due_count": len(status),
        "corrected": corrected,
        "formats": FORMATS,
        "nav": "opendata",
    }
    return render(request, "opendata/dataset.html", context)


def period_detail(request, pk, key):
    ds = _dataset(pk)
    all_versions = list(
        PeriodVersion.objects.filter(dataset=ds, period_key=key)
        .select_related("item")
        .order_by("-number")
    )
    if not all_versions:
        raise NotFound("该统计期暂无数据。")
    current = next((v for v in all_versions if v.is_current), all_versions[0])
    return render(
        request,
        "opendata/period.html",
        {
            "ds": ds,
            "schema": ds.parsed_schema,
            "current": current,
            "versions": all_versions,
            "tables": [(v, _table(ds, [v])[1]) for v in all_versions],
            "header": _table(ds, [current])[0],
            "ranking": charts.ranking_chart(ds, current),
            "formats": FORMATS,
            "nav": "opendata",
        },
    )


# ----- downloads ---------------------------------------------------------------------------


def _table(ds: Dataset, versions) -> tuple[list[str], list[list]]:
    schema = ds.parsed_schema
    header = ["统计期代码", schema.period_field]
    if schema.area_field:
        header.append(schema.area_field)
    header += [f.label() for f in schema.fields] + ["版本"]
    rows = []
    for v in versions:
        for r in v.rows:
            row = [v.period_key, v.period_label]
            if schema.area_field:
                row.append(r.get("area", ""))
            row += [r.get("values", {}).get(f.name) for f in schema.fields]
            row.append(v.number)
            rows.append(row)
    return header, rows


def _json_rows(ds: Dataset, versions) -> list[dict]:
    schema = ds.parsed_schema
    out = []
    for v in versions:
        for r in v.rows:
            out.append(
                {
                    "period": v.period_key,
                    "period_label": v.period_label,
                    "area": r.get("area", ""),
                    "values": {f.name: r.get("values", {}).get(f.name) for f in schema.fields},
                    "version": v.number,
                    "current": v.is_current,
                }
            )
    return out


def _respond(ds: Dataset, versions, fmt: str, filename: str):
    if fmt not in FORMATS:
        raise NotFound("不支持该下载格式。")
    header, rows = _table(ds, versions)
    if fmt == "csv":
        return sheets.csv_response(f"{filename}.csv", rows, header)
    if fmt == "xlsx":
        sheet = sheets.Sheet.simple(
            ds.title[:31], header, rows, caption=f"{ds.title}（{ds.organisation.name}）"
        )
        return sheets.xlsx_response(f"{filename}.xlsx", [sheet])
    body = {
        "dataset": {"id": ds.pk, "title": ds.title, "schema": ds.schema, "licence": ds.licence},
        "rows": _json_rows(ds, versions),
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.json"
    return response


def download(request, pk, fmt):
    ds = _dataset(pk)
    return _respond(ds, list(services.current_versions(ds)), fmt, ds.title)


def download_period(request, pk, key, fmt):
    ds = _dataset(pk)
    qs = PeriodVersion.objects.filter(dataset=ds, period_key=key)
    number = request.GET.get("version", "").strip()
    if number:
        if not number.isdigit() or len(number) > 4:
            raise NotFound("没有该版本。")
        qs = qs.filter(number=int(number))
    else:
        qs = qs.filter(is_current=True)
    versions = list(qs)
    if not versions:
        raise NotFound("该统计期暂无数据。")
    v = versions[0]
    return _respond(ds, versions, fmt, f"{ds.title}_{v.period_key}_第{v.number}版")


def template(request, pk):
    """An empty table with the dataset's header and one example row (for editors); with
    ``?period=2026-10`` the row names that period."""
    ds = get_object_or_404(Dataset, pk=pk)
    schema = ds.parsed_schema
    header = [schema.period_field] + ([schema.area_field] if schema.area_field else [])
    header += [f.label() for f in schema.fields]
    wanted = period_rules.find(ds.rule, request.GET.get("period", "").strip()[:12])
    if wanted is None:
        first = period_rules.example(ds.rule).split(" ")[0]
    elif ds.every in ("month", "quarter", "half_year", "year"):
        first = wanted.label
    else:
        first = wanted.start.isoformat()  # weeks and N-day windows: a day inside
    example = [first] + (["（县市区名称）"] if schema.area_field else [])
    example += ["" for _ in schema.fields]
    sheet = sheets.Sheet.simple("数据", header, [example], caption=f"{ds.title}（表头请勿修改）")
    return sheets.xlsx_response(f"{ds.title}_模板.xlsx", [sheet])
