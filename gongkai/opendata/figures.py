"""Derived figures of a dataset's period, as the dataset page shows them (with formulas)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.charts import number
from gongkai.rules.opendata import derive
from gongkai.rules.opendata import periods as period_rules

from . import services
from .models import Dataset, PeriodVersion


@dataclass
class FieldFigures:
    name: str
    unit: str
    value: str
    mom: derive.Derived
    yoy: derive.Derived
    cumulative: derive.Derived | None


def for_period(dataset: Dataset, version: PeriodVersion) -> list[FieldFigures]:
    rule = dataset.rule
    period = period_rules.find(rule, version.period_key)
    if period is None:
        return []
    out = []
    schema = dataset.parsed_schema
    for f in schema.numeric():
        if f.type == "percent" and schema.area_field:
            continue  # a county rate has no city total
        table = services.totals(dataset, f.name)
        lookup = table.get
        cum = None
        if not f.cumulative_of and f.type != "percent" and rule.every not in ("year",):
            cum = derive.cumulative(rule, period, lookup)
        out.append(
            FieldFigures(
                f.name,
                f.unit,
                number(table.get(version.period_key)),
                derive.mom(rule, period, lookup),
                derive.yoy(rule, period, lookup),
                cum,
            )
        )
    return out


FORMULAS = [derive.MOM_FORMULA, derive.YOY_FORMULA, derive.CUM_FORMULA]
