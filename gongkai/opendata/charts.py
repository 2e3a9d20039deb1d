"""The charts of a dataset, built with the shared chart module (gongkai.core.charts)."""

from __future__ import annotations

from gongkai.core import charts
from gongkai.rules.opendata import derive

from . import services
from .models import Dataset, PeriodVersion

SPARK_PERIODS = 12


def chart_fields(dataset: Dataset) -> list:
    schema = dataset.parsed_schema
    names = dataset.chart_fields or [f.name for f in schema.numeric()[:2]]
    return [f for f in (schema.field(n) for n in names) if f is not None]


def series_chart(dataset: Dataset, versions=None) -> charts.Chart | None:
    """Line chart of the chart fields over every published period (sum over areas)."""
    fields = chart_fields(dataset)
    if not fields:
        return None
    versions = list(versions if versions is not None else services.current_versions(dataset))
    if not versions:
        return None
    labels = [v.period_label for v in versions]
    series = {}
    for f in fields:
        sums = []
        for v in versions:
            vals = [r.get("values", {}).get(f.name) for r in v.rows]
            vals = [x for x in vals if x is not None]
            if not vals:
                sums.append(None)
            elif f.type == "percent" or len(vals) == 1:
                sums.append(round(sum(vals) / len(vals), 4))  # a rate is averaged, not added
            else:
                sums.append(round(sum(vals), 4))
        series[f.name] = sums
    units = {f.unit for f in fields}
    unit = units.pop() if len(units) == 1 else ""
    note = "各县市区合计（比率为平均）。" if dataset.parsed_schema.area_field else ""
    return charts.line(dataset.title, labels, series, unit=unit, note=note)


def ranking_chart(dataset: Dataset, version: PeriodVersion) -> charts.Chart | None:
    schema = dataset.parsed_schema
    name = dataset.rank_field or (schema.numeric()[0].name if schema.numeric() else "")
    f = schema.field(name)
    if not schema.area_field or f is None:
        return None
    values = {r.get("area", ""): r.get("values", {}).get(name) for r in version.rows}
    ranked = derive.ranking(values, descending=not dataset.rank_ascending)
    if not ranked:
        return None
    order = "从低到高" if dataset.rank_ascending else "从高到低"
    return charts.bar(
        f"{version.period_label}{schema.area_field}{name}排名",
        [a for _, a, _ in ranked],
        [v for _, _, v in ranked],
        unit=f.unit,
        ranks=[r for r, _, _ in ranked],
        first_column=schema.area_field,
        note=f"按{name}{order}排列，数值相同者名次相同。",
    )


def period_sparkline(dataset: Dataset, version: PeriodVersion) -> charts.Chart | None:
    fields = chart_fields(dataset)
    if not fields:
        return None
    f = fields[0]
    versions = list(
        services.current_versions(dataset).filter(period_start__lte=version.period_start)
    )[-SPARK_PERIODS:]
    values = []
    for v in versions:
        vals = [
            r.get("values", {}).get(f.name)
            for r in v.rows
            if r.get("values", {}).get(f.name) is not None
        ]
        values.append(
            round(sum(vals) / len(vals), 4)
            if f.type == "percent" and vals
            else (round(sum(vals), 4) if vals else None)
        )
    return charts.sparkline(
        f"{f.name}（截至{version.period_label}）",
        [v.period_label for v in versions],
        values,
        unit=f.unit,
    )
