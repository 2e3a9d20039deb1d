"""A dataset's schema and matching an uploaded table against it.

A schema names the period field (统计期), an optional area field (县市区) and the value fields,
each with a type (``number``, ``integer``, ``percent``, ``text``), a unit (万元, 人, %) and
optionally the field it is a part of (``part_of``: 税收收入 is part of 一般公共预算收入) or the
field it accumulates over the year (``cumulative_of``: 一般公共预算收入累计).

:func:`match` reads the rows of a table (as :func:`gongkai.core.sheets.read_rows` returns them):
the header row is the first of the first ten rows that holds the period field; header cells may
carry their unit in brackets (``一般公共预算收入（万元）``). It returns the records and every
problem with its row (1-based, as Excel numbers them), column letter and reason. Lists of people
are never a dataset: a column such as 姓名 or 身份证号码 refuses the whole table.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import unicodedata
from dataclasses import dataclass, field

from . import periods as _periods

TYPES = {"number": "数值", "integer": "整数", "percent": "百分比", "text": "文本"}
PERSONAL_COLUMNS = (
    "姓名",
    "名字",
    "身份证",
    "证件号",
    "联系电话",
    "手机",
    "电话",
    "住址",
    "家庭地址",
)
HEADER_SEARCH_ROWS = 10
EMPTY = ("", "-", "—", "–", "/", "…")


@dataclass
class Field:
    name: str
    type: str = "number"
    unit: str = ""
    part_of: str = ""
    cumulative_of: str = ""
    required: bool = True
    description: str = ""

    def label(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None)}


@dataclass
class Schema:
    fields: list[Field]
    period_field: str = "统计期"
    area_field: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Schema:
        return cls(
            fields=[Field(**f) for f in data.get("fields", [])],
            period_field=data.get("period_field") or "统计期",
            area_field=data.get("area_field") or "",
        )

    def as_dict(self) -> dict:
        return {
            "period_field": self.period_field,
            "area_field": self.area_field,
            "fields": [f.as_dict() for f in self.fields],
        }

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def numeric(self) -> list[Field]:
        return [f for f in self.fields if f.type != "text"]

    def columns(self) -> list[str]:
        """Header of the downloads: 统计期, [area], fields with units."""
        head = [self.period_field] + ([self.area_field] if self.area_field else [])
        return head + [f.label() for f in self.fields]

    def problems(self) -> list[str]:
        """What is wrong with the schema itself (checked when a dataset is saved)."""
        out = []
        names = [f.name for f in self.fields]
        if not self.fields:
            out.append("数据集至少需要一个数据项。")
        if len(set(names)) != len(names):
            out.append("数据项名称不能重复。")
        for f in self.fields:
            if f.type not in TYPES:
                out.append(f"数据项“{f.name}”的类型“{f.type}”无效。")
            if f.part_of and f.part_of not in names:
                out.append(f"数据项“{f.name}”所属的总数“{f.part_of}”不在本数据集中。")
            if f.cumulative_of and f.cumulative_of not in names:
                out.append(f"数据项“{f.name}”累计的“{f.cumulative_of}”不在本数据集中。")
        for name in [*names, self.area_field]:
            if name and any(w in name for w in PERSONAL_COLUMNS):
                out.append(f"“{name}”是个人信息：数据集只收录汇总数据，不收录个人名单。")
        return out


@dataclass
class Problem:
    row: int | None  # 1-based row in the sheet (None: the whole file)
    column: str  # column letter ("" for a whole row)
    reason: str
    level: str = "error"  # error (the table is not taken) / warning (taken, but check it)

    def where(self) -> str:
        parts = []
        if self.row:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"{self.column}列")
        return " ".join(parts) or "整个文件"

    def text(self) -> str:
        return f"{self.where()}：{self.reason}"


@dataclass
class Record:
    row: int
    period: _periods.P
    area: str
    values: dict  # field name -> number / text / None


@dataclass
class Result:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems) and bool(self.records)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def periods(self) -> list[_periods.P]:
        seen: dict[str, _periods.P] = {}
        for r in self.records:
            seen.setdefault(r.period.key, r.period)
        return sorted(seen.values(), key=lambda p: p.start)


def col_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _norm(text) -> str:
    s = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return re.sub(r"\s+", "", s)


_UNIT = re.compile(r"^(?P<name>.+?)[(\[](?:单位[::])?(?P<unit>[^()\[\]]*)[)\]]$")


def split_header(cell) -> tuple[str, str]:
    """'一般公共预算收入（万元）' → ('一般公共预算收入', '万元')."""
    text = re.sub(r"^其中[:、]?", "", _norm(cell))
    m = _UNIT.match(text)
    if m:
        return m.group("name"), m.group("unit")
    return text, ""


def _number(value, f: Field):
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, int | float | decimal.Decimal):
        number = float(value)
    else:
        text = _norm(value).replace(",", "").replace("，", "")
        if f.type == "percent":
            text = text.rstrip("%")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"“{str(value)[:20]}”不是数字") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("不是有限的数字")
    if f.type == "integer":
        if number != int(number):
            raise ValueError(f"{number:g} 不是整数")
        return int(number)
    if f.type == "percent" and not 0 <= number <= 100:
        raise ValueError(f"{number:g} 不在 0 到 100 之间")
    return round(number, 4)


def match(schema: Schema, rule: _periods.Rule, rows: list[list]) -> Result:
    """Read ``rows`` as ``schema`` says; every problem with row, column and reason."""
    result = Result()
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for ci, c in enumerate(row):
            name = split_header(c)[0]
            if len(name) <= 12 and any(w in name for w in PERSONAL_COLUMNS):
                result.header_row = i + 1
                result.problems.append(
                    Problem(i + 1, col_letter(ci),
                            f"“{name}”是个人信息：数据集只收录汇总数据，不收录个人名单，本表不能入库。")
                )  # fmt: skip
                return result
    header_at = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [split_header(c)[0] for c in row]
        if schema.period_field in names:
            header_at = i
            break
    if header_at is None:
        result.problems.append(
            Problem(
                None,
                "",
                f"前{HEADER_SEARCH_ROWS}行中没有“{schema.period_field}”列，找不到表头；"
                f"表头应为：{'、'.join(schema.columns())}。",
            )
        )
        return result
    result.header_row = header_at + 1
    header = [split_header(c) for c in rows[header_at]]
    where: dict[str, int] = {}
    for ci, (name, unit) in enumerate(header):
        if not name:
            continue
        if name in where:
            result.problems.append(Problem(header_at + 1, col_letter(ci), f"“{name}”列重复。"))
            continue
        where[name] = ci
        f = schema.field(name)
        if f is not None and unit and f.unit and unit != f.unit:
            result.problems.append(
                Problem(
                    header_at + 1,
                    col_letter(ci),
                    f"“{name}”的单位应为“{f.unit}”，表中为“{unit}”。",
                )
            )
        known = name in (schema.period_field, schema.area_field) or f is not None
        if not known:
            result.problems.append(
                Problem(header_at + 1, col_letter(ci), f"“{name}”不是本数据集的数据项，已忽略。",
                        "warning")
            )  # fmt: skip
    if schema.area_field and schema.area_field not in where:
        result.problems.append(Problem(header_at + 1, "", f"缺少“{schema.area_field}”列。"))
    for f in schema.fields:
        if f.required and f.name not in where:
            result.problems.append(Problem(header_at + 1, "", f"缺少“{f.label()}”列。"))
    if result.errors():
        return result
    seen: dict[tuple[str, str], int] = {}
    for ri in range(header_at + 1, len(rows)):
        row = list(rows[ri])
        rownum = ri + 1

        def cell(name, row=row):
            ci = where.get(name)
            return row[ci] if ci is not None and ci < len(row) else ""

        raw_period = cell(schema.period_field)
        if isinstance(raw_period, str) and _norm(raw_period).startswith(("注", "说明", "数据来源")):
            continue  # a note under the table
        try:
            period = _periods.locate(rule, raw_period)
        except _periods.PeriodError as exc:
            result.problems.append(
                Problem(rownum, col_letter(where[schema.period_field]),
                        f"{exc}统计期应写作：{_periods.example(rule)}。")
            )  # fmt: skip
            continue
        area = _norm(cell(schema.area_field)) if schema.area_field else ""
        if schema.area_field and not area:
            result.problems.append(
                Problem(
                    rownum, col_letter(where[schema.area_field]), f"“{schema.area_field}”为空。"
                )
            )
            continue
        key = (period.key, area)
        if key in seen:
            result.problems.append(
                Problem(rownum, "", f"与第{seen[key]}行的统计期{'和' + schema.area_field if area else ''}重复。")
            )  # fmt: skip
            continue
        seen[key] = rownum
        values, bad = {}, False
        for f in schema.fields:
            raw = cell(f.name)
            if _norm(raw) in EMPTY:
                if f.required and f.name in where:
                    result.problems.append(
                        Problem(rownum, col_letter(where[f.name]), f"“{f.name}”为空。")
                    )
                    bad = True
                values[f.name] = None
                continue
            if f.type == "text":
                values[f.name] = str(raw).strip()[:200]
                continue
            try:
                values[f.name] = _number(raw, f)
            except ValueError as exc:
                result.problems.append(
                    Problem(rownum, col_letter(where[f.name]), f"“{f.name}”：{exc}。")
                )
                bad = True
        if not bad:
            result.records.append(Record(rownum, period, area, values))
    if not result.records and not result.errors():
        result.problems.append(Problem(None, "", "表头下没有数据行。"))
    return result


def cell_texts(rows: list[list]) -> str:
    """Every cell as text, one row a line (what the privacy guard scans)."""
    out = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, dt.datetime | dt.date):
                cells.append(v.isoformat())
            elif isinstance(v, float) and v.is_integer():
                cells.append(str(int(v)))
            else:
                cells.append(str(v))
        out.append("\t".join(cells))
    return "\n".join(out)
