"""Derived figures, computed by the server with the formula shown beside them.

- 同比 (year on year): (本期 − 上年同期) ÷ 上年同期 × 100%;
- 环比 (period on period): (本期 − 上期) ÷ 上期 × 100%;
- 累计 (cumulative): the sum of the year's periods up to this one (1—N月);
- county ranking: areas by value, ties share a rank;

and the checks run before publication: a part never larger than its total (nor the parts
together), a cumulative figure equal to the sum of the periods (within ``tolerance``, for
rounding to the unit). A figure that cannot be computed says why (上年同期缺失, 上期为零 ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import periods as _periods
from .schema import Problem, Record, Schema

YOY_FORMULA = "同比增长 =（本期 − 上年同期）÷ 上年同期 × 100%"
MOM_FORMULA = "环比增长 =（本期 − 上期）÷ 上期 × 100%"
CUM_FORMULA = "累计 = 本年第一期至本期各期之和"
DEFAULT_TOLERANCE = 0.5

Lookup = Callable[[str], float | None]  # period key -> value (None when missing)


@dataclass
class Derived:
    value: float | None
    formula: str
    note: str = ""  # why there is no value, or what it was computed from

    def text(self, digits: int = 1, suffix: str = "%") -> str:
        if self.value is None:
            return self.note or "—"
        return f"{self.value:.{digits}f}{suffix}"


def growth(current: float | None, base: float | None) -> tuple[float | None, str]:
    if current is None:
        return None, "本期缺失"
    if base is None:
        return None, "缺失"
    if base == 0:
        return None, "为零，无法计算"
    return round((current - base) / abs(base) * 100, 2), ""


def yoy(rule: _periods.Rule, period: _periods.P, value_of: Lookup) -> Derived:
    base_p = _periods.year_before(rule, period)
    if base_p is None:
        return Derived(None, YOY_FORMULA, "上年无同期")
    value, why = growth(value_of(period.key), value_of(base_p.key))
    note = f"上年同期（{base_p.label}）{why}" if why and why != "本期缺失" else why
    return Derived(value, YOY_FORMULA, note or f"与{base_p.label}比较")


def mom(rule: _periods.Rule, period: _periods.P, value_of: Lookup) -> Derived:
    base_p = _periods.previous(rule, period)
    if base_p is None:
        return Derived(None, MOM_FORMULA, "本季首期，无上期" if rule.season_start else "无上期")
    value, why = growth(value_of(period.key), value_of(base_p.key))
    note = f"上期（{base_p.label}）{why}" if why and why != "本期缺失" else why
    return Derived(value, MOM_FORMULA, note or f"与{base_p.label}比较")


def cumulative(rule: _periods.Rule, period: _periods.P, value_of: Lookup) -> Derived:
    total, missing = 0.0, []
    for p in _periods.year_periods(rule, period.start.year):
        if p.start > period.start:
            break
        v = value_of(p.key)
        if v is None:
            missing.append(p.label)
        else:
            total += v
    if missing:
        return Derived(
            None,
            CUM_FORMULA,
            "缺少" + "、".join(missing[:3]) + ("等" if len(missing) > 3 else "") + "数据",
        )
    return Derived(round(total, 4), CUM_FORMULA, "")


def ranking(
    values: dict[str, float | None], descending: bool = True
) -> list[tuple[int, str, float]]:
    """[(rank, area, value)]: best first; equal values share a rank (1, 2, 2, 4)."""
    present = [(a, v) for a, v in values.items() if v is not None]
    present.sort(key=lambda x: (-x[1] if descending else x[1], x[0]))
    out, rank, last = [], 0, object()
    for i, (area, v) in enumerate(present, start=1):
        if v != last:
            rank, last = i, v
        out.append((rank, area, v))
    return out


def _fmt(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else str(v)


def check(
    schema: Schema,
    rule: _periods.Rule,
    records: list[Record],
    stored: Callable[[str, str, str], float | None],
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Problem]:
    """Inconsistent inputs of an upload, as warnings with the row. ``stored(field, key, area)``
    gives the figure already published for another period (None when missing)."""
    out: list[Problem] = []
    by_key = {(r.period.key, r.area): r for r in records}
    parts: dict[str, list[str]] = {}
    for f in schema.fields:
        if f.part_of:
            parts.setdefault(f.part_of, []).append(f.name)
    for r in records:
        for total_name, names in parts.items():
            total = r.values.get(total_name)
            if total is None:
                continue
            present = [(n, r.values.get(n)) for n in names if r.values.get(n) is not None]
            for n, v in present:
                if v > total + 1e-9:
                    out.append(Problem(r.row, "", f"{n} {_fmt(v)} 大于 {total_name} {_fmt(total)}（部分不能大于总数）。", "warning"))  # fmt: skip
            if len(present) > 1 and sum(v for _, v in present) > total + tolerance:
                joined = " + ".join(n for n, _ in present)
                out.append(Problem(r.row, "", f"{joined} = {_fmt(sum(v for _, v in present))}，大于 {total_name} {_fmt(total)}。", "warning"))  # fmt: skip
        for f in schema.fields:
            if not f.cumulative_of or r.values.get(f.name) is None:
                continue
            total, missing = 0.0, []
            for p in _periods.year_periods(rule, r.period.start.year):
                if p.start > r.period.start:
                    break
                here = by_key.get((p.key, r.area))
                v = (
                    here.values.get(f.cumulative_of)
                    if here
                    else stored(f.cumulative_of, p.key, r.area)
                )
                if v is None:
                    missing.append(p.label)
                else:
                    total += v
            if missing:
                out.append(Problem(r.row, "", f"无法核对{f.name}：缺少{'、'.join(missing[:3])}的{f.cumulative_of}。", "warning"))  # fmt: skip
            elif abs(total - r.values[f.name]) > tolerance:
                out.append(Problem(r.row, "", f"{f.name} {_fmt(r.values[f.name])} 与各期{f.cumulative_of}之和 {_fmt(round(total, 4))} 不一致（{CUM_FORMULA}）。", "warning"))  # fmt: skip
    return out
