"""The staff form of a dataset: reading what was typed into the arguments of
``actions.create_dataset`` / ``update_dataset``, and back into what the form shows again.

The fields of the schema are a repeated row (名称、类型、单位、其中（所属总数）、累计（所累计的
数据项）、图表) with no JavaScript: the form always offers a few empty rows, and 增加数据项行
shows the form again with more of them (what was typed kept).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.rules.opendata import periods as period_rules
from gongkai.rules.opendata.schema import TYPES

from .models import EVERY_CHOICES, LICENCE_CHOICES, Dataset

EMPTY_ROWS = 3
MORE_ROWS = 3
MAX_ROWS = 60
ERR_FIRST = "起始统计期无法识别：{}（应写作 {}）。"
ERR_LAG = "发布时限应为 0—250 之间的整数（工作日）。"
ERR_ROW = "第{}行数据项：请填写名称（或清空整行）。"
ERR_ENTRY_CHOICE = "请选择本单位的公开目录栏目。"
ERR_MD = "季节起止应写作 月-日，如 06-01。"


@dataclass
class FieldRow:
    name: str = ""
    type: str = "number"
    unit: str = ""
    part_of: str = ""
    cumulative_of: str = ""
    chart: bool = False

    def empty(self) -> bool:
        return not (self.name or self.unit or self.part_of or self.cumulative_of)


@dataclass
class DatasetForm:
    """What the form shows (initial or as typed) and the errors by field."""

    values: dict = field(default_factory=dict)
    rows: list[FieldRow] = field(default_factory=list)
    errors: dict = field(default_factory=dict)

    every_choices = EVERY_CHOICES
    licence_choices = LICENCE_CHOICES
    type_choices = list(TYPES.items())

    @classmethod
    def initial(cls, ds: Dataset | None = None) -> DatasetForm:
        if ds is None:
            values = {"every": "month", "lag_workdays": "20", "licence": "CC-BY-4.0",
                      "period_field": "统计期", "is_public": True}  # fmt: skip
            return cls(values, [FieldRow() for _ in range(EMPTY_ROWS)])
        schema = ds.parsed_schema
        p = period_rules.find(ds.rule, ds.first_period.isoformat())
        values = {
            "entry": str(ds.entry_id),
            "title": ds.title,
            "slug": ds.slug,
            "description": ds.description,
            "theme": ds.theme,
            "every": ds.every,
            "season_name": ds.season_name,
            "season_start": ds.season_start,
            "season_end": ds.season_end,
            "first_period": p.key if p and ds.every in _KEYED else ds.first_period.isoformat(),
            "lag_workdays": str(ds.lag_workdays),
            "licence": ds.licence,
            "contact": ds.contact,
            "period_field": schema.period_field,
            "area_field": schema.area_field,
            "rank_field": ds.rank_field,
            "rank_ascending": ds.rank_ascending,
            "is_public": ds.is_public,
        }
        charted = set(ds.chart_fields or [])
        rows = [
            FieldRow(f.name, f.type, f.unit, f.part_of, f.cumulative_of, f.name in charted)
            for f in schema.fields
        ]
        return cls(values, rows + [FieldRow() for _ in range(EMPTY_ROWS)])

    @classmethod
    def from_post(cls, post) -> DatasetForm:
        def text(name, limit=200):
            return (post.get(name) or "").strip()[:limit]

        values = {
            k: text(k, 2000 if k == "description" else 200)
            for k in ("entry", "title", "slug", "description", "theme", "every", "season_name",
                      "season_start", "season_end", "first_period", "lag_workdays", "licence",
                      "contact", "period_field", "area_field", "rank_field")
        }  # fmt: skip
        values["rank_ascending"] = bool(post.get("rank_ascending"))
        values["is_public"] = bool(post.get("is_public"))
        try:
            count = min(int(post.get("rows") or 0), MAX_ROWS)
        except ValueError:
            count = 0
        rows = []
        for i in range(count):

            def cell(name, i=i):
                return (post.get(f"f{i}-{name}") or "").strip()[:60]

            kind = cell("type") or "number"
            rows.append(
                FieldRow(cell("name"), kind if kind in TYPES else "number", cell("unit"),
                         cell("part_of"), cell("cumulative_of"), bool(post.get(f"f{i}-chart")))
            )  # fmt: skip
        form = cls(values, rows)
        if post.get("op") == "more":
            form.rows += [FieldRow() for _ in range(MORE_ROWS)]
        elif not any(r.empty() for r in form.rows):
            form.rows += [FieldRow()]
        return form

    # ----- the arguments of the actions -------------------------------------------------

    def arguments(self, entries: dict) -> dict:
        """Keyword arguments for the actions, or raise-free: problems go to ``self.errors``.
        ``entries`` maps str(pk) → the CatalogEntry objects the person may choose from."""
        v = self.values
        entry = entries.get(v.get("entry", ""))
        if entry is None:
            self.errors["entry"] = ERR_ENTRY_CHOICE
        for key in ("season_start", "season_end"):
            if v.get(key) and not re.fullmatch(r"\d{2}-\d{2}", v[key]):
                self.errors["season"] = ERR_MD
        rule = period_rules.Rule(v.get("every", ""), v.get("season_name", ""),
                                 v.get("season_start", ""), v.get("season_end", ""))  # fmt: skip
        first = None
        if "season" not in self.errors and rule.valid():
            try:
                first = period_rules.locate(rule, v.get("first_period", "")).start
            except period_rules.PeriodError as exc:
                self.errors["first_period"] = ERR_FIRST.format(
                    str(exc).rstrip("。"), period_rules.example(rule)
                )
        try:
            lag = int(v.get("lag_workdays") or 20)
            if not 0 <= lag <= 250:
                raise ValueError
        except ValueError:
            self.errors["lag_workdays"] = ERR_LAG
            lag = 20
        fields, charts = [], []
        for i, r in enumerate(self.rows, start=1):
            if r.empty():
                continue
            if not r.name:
                self.errors.setdefault("fields", ERR_ROW.format(i))
                continue
            f = {"name": r.name, "type": r.type, "unit": r.unit,
                 "part_of": r.part_of, "cumulative_of": r.cumulative_of}  # fmt: skip
            fields.append({k: x for k, x in f.items() if x})
            if r.chart:
                charts.append(r.name)
        schema = {
            "period_field": v.get("period_field") or "统计期",
            "area_field": v.get("area_field", ""),
            "fields": fields,
        }
        return {
            "entry": entry,
            "title": v.get("title", ""),
            "slug": v.get("slug", ""),
            "description": v.get("description", ""),
            "theme": v.get("theme", ""),
            "every": v.get("every", ""),
            "season_name": v.get("season_name", ""),
            "season_start": v.get("season_start", ""),
            "season_end": v.get("season_end", ""),
            "first_period": first or dt.date(2000, 1, 1),
            "lag_workdays": lag,
            "licence": v.get("licence")
            if v.get("licence") in dict(LICENCE_CHOICES)
            else "CC-BY-4.0",
            "contact": v.get("contact", ""),
            "schema": schema,
            "chart_fields": charts,
            "rank_field": v.get("rank_field", ""),
            "rank_ascending": v.get("rank_ascending", False),
            "is_public": v.get("is_public", False),
        }


_KEYED = ("month", "quarter", "half_year", "year")
