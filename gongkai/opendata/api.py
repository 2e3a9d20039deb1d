"""The read API of 数据开放: /api/v1/datasets, /api/v1/datasets/<id>, its rows, and a DCAT
(JSON-LD) catalogue for provincial platforms to harvest. Fixed queries only, no SQL."""

from __future__ import annotations

from django.urls import reverse

from gongkai.portal.api import _abs, _json, api_view, error, org_ref, paged
from gongkai.portal.params import ParamError, clean_paging, clean_text
from gongkai.portal.queries import PageOf
from gongkai.rules.opendata import periods as period_rules

from . import services
from .models import Dataset, PeriodVersion


def dataset_summary(request, ds: Dataset) -> dict:
    versions = list(services.current_versions(ds).only("period_key"))
    return {
        "id": ds.pk,
        "slug": ds.slug,
        "title": ds.title,
        "description": ds.description,
        "theme": ds.theme,
        "organisation": org_ref(request, ds.organisation),
        "frequency": ds.every,
        "frequency_label": ds.frequency_label,
        "licence": ds.licence,
        "period_count": len(versions),
        "first_period": versions[0].period_key if versions else None,
        "last_period": versions[-1].period_key if versions else None,
        "url": _abs(request, ds.get_absolute_url()),
        "api_url": _abs(request, reverse("opendata:api_dataset", args=[ds.pk])),
    }


def _downloads(request, ds) -> dict:
    return {
        fmt: _abs(request, reverse("opendata:download", args=[ds.pk, fmt]))
        for fmt in ("csv", "xlsx", "json")
    }


@api_view
def dataset_list(request):
    page, per_page = clean_paging(request.GET)
    qs = Dataset.objects.public().select_related("organisation").order_by("id")
    total = qs.count()
    items = list(qs[(page - 1) * per_page : page * per_page])
    page_of = PageOf(items, total, page, per_page)
    return _json(paged(page_of, [dataset_summary(request, d) for d in items]))


def _get(pk) -> Dataset | None:
    return Dataset.objects.public().select_related("organisation").filter(pk=pk).first()


@api_view
def dataset_detail(request, pk):
    ds = _get(pk)
    if ds is None:
        return error("not_found", "没有该数据集。", 404)
    missing = services.missing_periods(ds)
    corrected = sorted(
        set(
            PeriodVersion.objects.filter(dataset=ds, number__gt=1).values_list(
                "period_key", flat=True
            )
        )
    )
    data = dataset_summary(request, ds)
    data.update(
        {
            "contact": ds.contact,
            "schema": ds.parsed_schema.as_dict(),
            "season": {"name": ds.season_name, "start": ds.season_start, "end": ds.season_end}
            if ds.season_start
            else None,
            "missing_periods": [{"period": p.key, "label": p.label} for p in missing],
            "corrected_periods": corrected,
            "periods": [
                {"period": v.period_key, "label": v.period_label, "version": v.number}
                for v in services.current_versions(ds).only("period_key", "period_label", "number")
            ],
            "downloads": _downloads(request, ds),
            "rows_api_url": _abs(request, reverse("opendata:api_rows", args=[ds.pk])),
        }
    )
    return _json(data)


def _period_param(ds, request, name):
    raw = clean_text(request.GET.get(name), name, 30)
    if not raw:
        return None
    try:
        return period_rules.locate(ds.rule, raw)
    except period_rules.PeriodError as exc:
        raise ParamError(name, f"{exc}统计期应写作：{period_rules.example(ds.rule)}。") from None


@api_view
def dataset_rows(request, pk):
    ds = _get(pk)
    if ds is None:
        return error("not_found", "没有该数据集。", 404)
    page, per_page = clean_paging(request.GET, default_per_page=100)
    start = _period_param(ds, request, "period_from")
    end = _period_param(ds, request, "period_to")
    if start and end and start.start > end.start:
        raise ParamError("period_to", "结束统计期早于起始统计期。")
    area = clean_text(request.GET.get("area"), "area", 40)
    schema = ds.parsed_schema
    if area and not schema.area_field:
        raise ParamError("area", "该数据集不分地区。")
    qs = services.current_versions(ds)
    if start:
        qs = qs.filter(period_start__gte=start.start)
    if end:
        qs = qs.filter(period_start__lte=end.start)
    rows = []
    for r in services.flat_rows(qs):
        if area and r["area"] != area:
            continue
        rows.append(
            {
                "period": r["period"],
                "period_label": r["period_label"],
                "area": r["area"],
                "values": {f.name: r["values"].get(f.name) for f in schema.fields},
                "version": r["version"],
            }
        )
    page_of = PageOf([], len(rows), page, per_page)
    data = paged(page_of, rows[(page - 1) * per_page : page * per_page])
    data["units"] = {f.name: f.unit for f in schema.fields}
    return _json(data)


@api_view
def dcat(request):
    """DCAT-AP style JSON-LD: one dcat:Dataset per dataset, a distribution per format."""
    datasets = []
    for ds in Dataset.objects.public().select_related("organisation").order_by("id"):
        versions = list(
            services.current_versions(ds).only("period_start", "period_end", "published_at")
        )
        entry = {
            "@id": _abs(request, ds.get_absolute_url()),
            "@type": "dcat:Dataset",
            "dct:identifier": str(ds.pk),
            "dct:title": ds.title,
            "dct:description": ds.description,
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": ds.organisation.name},
            "dcat:theme": ds.theme,
            "dct:accrualPeriodicity": ds.frequency_label,
            "dct:license": ds.licence_url or ds.get_licence_display(),
            "dcat:contactPoint": {
                "@type": "vcard:Organization",
                "vcard:fn": ds.organisation.name,
                "vcard:hasTelephone": ds.contact,
            },  # fmt: skip
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dcat:downloadURL": url,
                    "dcat:mediaType": {
                        "csv": "text/csv",
                        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "json": "application/json",
                    }[fmt],
                    "dct:format": fmt.upper(),
                }
                for fmt, url in _downloads(request, ds).items()
            ],
        }
        if versions:
            entry["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": versions[0].period_start.isoformat(),
                "dcat:endDate": versions[-1].period_end.isoformat(),
            }
            entry["dct:modified"] = max(v.published_at for v in versions).isoformat()
        datasets.append(entry)
    doc = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": _abs(request, reverse("opendata:api_dcat")),
        "@type": "dcat:Catalog",
        "dct:title": "数据开放目录",
        "dcat:dataset": datasets,
    }
    response = _json(doc)
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
