"""The scored items (评分项) of the site-health check that gongkai's own data can support.

The 2019 indicators score 信息发布, 解读回应, 办事服务 and 互动交流 besides the 单项否决 items; the
official scoring sheet is not public, so the points here are **local practice**: every indicator
has a weight (``max`` points) and a target (``target``: the value that earns full points), both
fields of the year's indicator set, edited by the office. Points are proportional to the value up
to the target (``max × min(value, target) / target``, one decimal). A count target is per year;
for a shorter period it is scaled by the period's days (rounded up, at least 1). An indicator
whose value the data cannot give (no policy file to interpret, no message received, no 办事服务
column) is 不适用: no points, and its weight is left out of the total.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

COUNT, RATE = "count", "rate"

GROUPS = ["信息发布", "解读回应", "办事服务", "互动交流"]


@dataclass(frozen=True)
class Spec:
    id: str
    label: str
    group: str
    unit: str  # COUNT or RATE (a percentage)
    max: float  # default weight (points)
    target: float  # default value for full points (a count per year, or a percentage)
    source: str  # where the figure comes from (zh-hans, shown on the pages and in the docs)


SPECS: list[Spec] = [
    Spec("publish_dynamic", "动态要闻类信息发布数", "信息发布", COUNT, 10, 48,
         "动态要闻类栏目中发布的信息"),
    Spec("publish_notice", "通知公告类信息发布数", "信息发布", COUNT, 5, 12,
         "通知公告类栏目中发布的信息"),
    Spec("publish_policy", "政策文件类信息发布数", "信息发布", COUNT, 5, 6,
         "政策文件类栏目中发布的信息"),
    Spec("interpretations", "政策解读发布数", "解读回应", COUNT, 5, 4, "发布的政策解读"),
    Spec("interpretation_rate", "政策文件解读率", "解读回应", RATE, 10, 100,
         "期内发布的规章、规范性文件和其他政策文件中已有解读的比例（注明无需解读的不计）"),
    Spec("responses_on_time", "舆情回应按时率", "解读回应", RATE, 5, 100,
         "期内获知的舆情事件中各时限均按时回应的比例"),
    Spec("service_items", "办事服务类信息数", "办事服务", COUNT, 10, 12,
         "名称含“办事”“服务”的栏目中发布的信息（目录没有办事服务栏目类型）"),
    Spec("messages_answered", "留言答复率", "互动交流", RATE, 10, 100,
         "期内收到的留言中已答复的比例"),
    Spec("messages_on_time", "留言按时答复率", "互动交流", RATE, 10, 100,
         "期内收到的留言中在答复期限内答复的比例"),
    Spec("replies_published", "留言答复公开率", "互动交流", RATE, 5, 50,
         "已答复留言中公开答复的比例"),
    Spec("consultations_feedback", "征求意见反馈公布率", "互动交流", RATE, 5, 100,
         "期内开始征求意见的事项中已公布采纳情况的比例"),
]  # fmt: skip
BY_ID = {s.id: s for s in SPECS}

# 办事服务: the catalog has no such column type, so a column counts by its name (local practice)
SERVICE_WORDS = ("办事", "服务")


def is_service_column(name: str) -> bool:
    return any(w in (name or "") for w in SERVICE_WORDS)


def weights(overrides: dict | None) -> dict[str, tuple[float, float]]:
    """(max, target) of every indicator: the indicator set's values over the defaults."""
    out = {}
    for s in SPECS:
        o = (overrides or {}).get(s.id) or {}
        out[s.id] = (float(o.get("max", s.max)), float(o.get("target", s.target)))
    return out


BAD_MAX = "分值应为0至100之间的数。"
BAD_TARGET = "满分目标应为大于0的数。"
BAD_RATE = "比例的满分目标应为大于0且不超过100的数。"


def parse(data: dict) -> tuple[dict, dict]:
    """Read ``scored-<id>-max`` / ``scored-<id>-target`` strings into ``{id: {max, target}}``;
    returns (values, errors by field name). Errors in zh-hans, one per bad field."""
    values, errors = {}, {}
    for s in SPECS:
        row = {}
        for part, default in (("max", s.max), ("target", s.target)):
            name = f"scored-{s.id}-{part}"
            raw = str(data.get(name, default)).strip()
            try:
                v = float(raw)
                if not math.isfinite(v):
                    raise ValueError
            except ValueError:
                errors[name] = f"{s.label}：请填写数字。"
                continue
            if part == "max" and not 0 <= v <= 100:
                errors[name] = f"{s.label}：{BAD_MAX}"
            elif part == "target" and v <= 0:
                errors[name] = f"{s.label}：{BAD_TARGET}"
            elif part == "target" and s.unit == RATE and v > 100:
                errors[name] = f"{s.label}：{BAD_RATE}"
            row[part] = int(v) if v == int(v) else v
        values[s.id] = row
    return values, errors


@dataclass
class ScoreItem:
    indicator: str
    label: str
    group: str
    unit: str
    value: float | None  # None: 不适用 (the data cannot give it)
    points: float | None
    max: float
    target: float
    detail: str  # e.g. 答复12条/收到15条

    def as_dict(self) -> dict:
        return asdict(self)


def scaled_target(spec: Spec, target: float, period_days: int) -> float:
    if spec.unit == RATE or period_days >= 365:
        return target
    return max(1, math.ceil(target * period_days / 365))


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def score_items(facts: dict, overrides: dict | None = None, period_days: int = 365):
    """The scored items of one organisation (or a city) from its counts for one period.

    ``facts`` holds plain counts: dynamic, notice, policy, service (None where there is no
    such column), interpretations, policy_files, policy_interpreted, events_due,
    events_on_time, received, answered, on_time, published, consultations, feedback."""
    w = weights(overrides)
    f = facts

    def count(key, none):
        return (f[key], none if f[key] is None else f"{f[key]}条")

    values: dict[str, tuple[float | None, str]] = {
        "publish_dynamic": count("dynamic", "没有动态要闻类栏目"),
        "publish_notice": count("notice", "没有通知公告类栏目"),
        "publish_policy": count("policy", "没有政策文件类栏目"),
        "interpretations": (f["interpretations"], f"{f['interpretations']}篇"),
        "interpretation_rate": (
            _rate(f["policy_interpreted"], f["policy_files"]),
            f"已解读{f['policy_interpreted']}件/政策文件{f['policy_files']}件",
        ),
        "responses_on_time": (
            _rate(f["events_on_time"], f["events_due"]),
            f"按时{f['events_on_time']}件/应回应{f['events_due']}件",
        ),
        "service_items": count("service", "没有办事服务类栏目"),
        "messages_answered": (
            _rate(f["answered"], f["received"]),
            f"答复{f['answered']}条/收到{f['received']}条",
        ),
        "messages_on_time": (
            _rate(f["on_time"], f["received"]),
            f"按时答复{f['on_time']}条/收到{f['received']}条",
        ),
        "replies_published": (
            _rate(f["published"], f["answered"]),
            f"公开{f['published']}条/答复{f['answered']}条",
        ),
        "consultations_feedback": (
            _rate(f["feedback"], f["consultations"]),
            f"已公布采纳情况{f['feedback']}件/征求意见{f['consultations']}件",
        ),
    }
    out = []
    for s in SPECS:
        value, detail = values[s.id]
        top, target = w[s.id]
        target = scaled_target(s, target, period_days)
        points = None
        if value is not None:
            points = round(top * min(value, target) / target, 1) if target > 0 else top
        out.append(ScoreItem(s.id, s.label, s.group, s.unit, value, points, top, target, detail))
    return out


def totals(items: list[ScoreItem]) -> tuple[float, float]:
    """(points, max) over the applicable items."""
    got = [i for i in items if i.points is not None]
    return round(sum(i.points for i in got), 1), round(sum(i.max for i in got), 1)


def by_group(items: list[ScoreItem]) -> list[tuple[str, float | None, float]]:
    """(group, points or None when nothing applies, max of the applicable items)."""
    out = []
    for g in GROUPS:
        rows = [i for i in items if i.group == g and i.points is not None]
        pts = round(sum(i.points for i in rows), 1) if rows else None
        out.append((g, pts, round(sum(i.max for i in rows), 1)))
    return out


FACT_KEYS = ["dynamic", "notice", "policy", "service", "interpretations", "policy_files",
             "policy_interpreted", "events_due", "events_on_time", "received", "answered",
             "on_time", "published", "consultations", "feedback"]  # fmt: skip


OPTIONAL = ("dynamic", "notice", "policy", "service")  # None: no column of that type


def add_facts(rows: list[dict]) -> dict:
    """A city's counts: the sum of its organisations' (None where none of them has one)."""
    out = {}
    for k in FACT_KEYS:
        vals = [r[k] for r in rows if r.get(k) is not None]
        out[k] = sum(vals) if vals else (None if k in OPTIONAL else 0)
    return out


def city_items(
    city_facts: dict, org_items: list[list[ScoreItem]], overrides=None, period_days: int = 365
) -> list[ScoreItem]:
    """A city's scored items: values from its summed counts; points the mean of its
    organisations' points (over those where the item applies), so a city is not scored
    against one organisation's targets."""
    out = score_items(city_facts, overrides, period_days)
    for n, item in enumerate(out):
        pts = [items[n].points for items in org_items if items[n].points is not None]
        item.points = round(sum(pts) / len(pts), 1) if pts else None
    return out
