"""Comparing two plans (last year's and this year's, the city's and the province's).

Works on the JSON form of a plan (``ParsedPlan.as_dict()`` or an imported plan exported the
same way): tasks are aligned by heading and text similarity (the path helps but does not
decide, since a city that adds a task shifts the numbering), then each aligned pair is
compared for lead units added or removed and time rules changed. ``canonical`` maps a unit
name to a canonical key so that 市发改委 and 市发展改革委 count as the same unit (the database
side passes the organisation resolver); by default names are compared as written. Plans of
different years: a rule dated with its own year (2017年12月31日前) is compared as written; only
year-less rules (年底前, 3月底前) are aligned by the plan-year difference. No Django import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.rules import orgnames, timerules


@dataclass
class TaskChange:
    a: dict | None
    b: dict | None
    score: float = 0.0
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    rules_added: list[str] = field(default_factory=list)
    rules_removed: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.a is None:
            return "added"
        if self.b is None:
            return "removed"
        if self.units_added or self.units_removed or self.rules_added or self.rules_removed:
            return "changed"
        return "same"

    @property
    def label(self) -> str:
        t = self.b or self.a or {}
        return "/".join(t.get("path", [])) + " " + t.get("heading", "")

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "a_path": self.a["path"] if self.a else None,
            "b_path": self.b["path"] if self.b else None,
            "heading": (self.b or self.a or {}).get("heading", ""),
            "score": round(self.score, 3),
            "units_added": self.units_added,
            "units_removed": self.units_removed,
            "rules_added": self.rules_added,
            "rules_removed": self.rules_removed,
        }


@dataclass
class PlanDiff:
    changes: list[TaskChange]

    def by_status(self, status: str) -> list[TaskChange]:
        return [c for c in self.changes if c.status == status]

    def as_dict(self) -> dict:
        counts = {s: len(self.by_status(s)) for s in ("same", "changed", "added", "removed")}
        return {"counts": counts, "tasks": [c.as_dict() for c in self.changes]}


def _norm(s: str) -> str:
    return orgnames.normalise(s or "")


def _similarity(a: dict, b: dict) -> float:
    ha, hb = _norm(a.get("heading", "")), _norm(b.get("heading", ""))
    ta, tb = _norm(a.get("text", ""))[:400], _norm(b.get("text", ""))[:400]
    head = difflib.SequenceMatcher(None, ha, hb).ratio() if (ha or hb) else 0.0
    text = difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio() if (ta or tb) else 0.0
    if ha == hb and ha:
        head = 1.0
    path = 1.0 if a.get("path") == b.get("path") else 0.0
    return 0.45 * head + 0.45 * text + 0.10 * path


def rule_label(o: dict) -> str:
    """One line per rule, e.g. '每季度：更新社会救助人数…'."""
    rule = timerules.TimeRule(
        phrase=o.get("phrase", ""),
        kind=o["kind"],
        every=o.get("every"),
        due=o.get("due"),
        relative_to=o.get("relative_to"),
        within=o.get("within"),
        season=o.get("season"),
    )
    if rule.kind == "recurring" and rule.every and rule.every.endswith("_days"):
        base = (rule.season or "") + timerules.every_label(rule.every)
    else:
        base = rule.describe()
    return base


def written_due(o: dict) -> str | None:
    """The date of a dated rule as its text writes it (2017年12月31日前, 到2020年), or None when
    the rule takes the plan's year (年底前, 3月底前). A rolled-over copy keeps its source's
    wording while its due date moved: the wording is what is compared."""
    due = o.get("due") or ""
    if len(due) != 10:
        return None
    years = re.findall(r"(\d{4})年", timerules.normalise(o.get("phrase", "")))
    if not years:
        return None
    if due[:4] in years or len(set(years)) > 1:
        return due
    return f"{years[0]}{due[4:]}"


def _rule_keys(task: dict, year_shift: int = 0) -> list[tuple[str, str]]:
    """(comparison key, label) of every rule of a task. An explicit calendar date is keyed and
    labelled as written; a year-less dated rule is keyed in the other plan's year and labelled
    as its own plan states it."""
    out = []
    for o in task.get("obligations", []):
        written = written_due(o)
        if written:
            label = rule_label(dict(o, due=written))
            out.append((label, label))
            continue
        label = rule_label(o)
        due = o.get("due")
        if year_shift and due and len(due) == 10:
            out.append(
                (rule_label(dict(o, due=f"{int(due[:4]) + year_shift:04d}{due[4:]}")), label)
            )
        else:
            out.append((label, label))
    return out


def _multiset_diff(
    a: list[tuple[str, str]], b: list[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """(added: labels in b only, removed: labels in a only), each as its own plan writes it."""
    rest = list(b)
    removed = []
    for key, label in a:
        hit = next((i for i, (k, _) in enumerate(rest) if k == key), None)
        if hit is None:
            removed.append(label)
        else:
            rest.pop(hit)
    return [label for _, label in rest], removed


def compare(
    plan_a: dict,
    plan_b: dict,
    canonical: Callable[[str], str] | None = None,
    threshold: float = 0.45,
) -> PlanDiff:
    canon = canonical or _norm
    ta, tb = plan_a.get("tasks", []), plan_b.get("tasks", [])
    shift = 0
    if plan_a.get("year") and plan_b.get("year"):
        shift = int(plan_b["year"]) - int(plan_a["year"])
    scores = []
    for i, a in enumerate(ta):
        for j, b in enumerate(tb):
            s = _similarity(a, b)
            if s >= threshold:
                scores.append((s, i, j))
    scores.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_a, used_b, pairs = set(), set(), {}
    for s, i, j in scores:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs[i] = (j, s)
    changes: list[TaskChange] = []
    emitted_b = set()
    for i, a in enumerate(ta):
        if i in pairs:
            j, s = pairs[i]
            b = tb[j]
            # tasks only in B that sit before this one in B's order come first
            for k in range(j):
                if k not in used_b and k not in emitted_b:
                    changes.append(TaskChange(None, tb[k]))
                    emitted_b.add(k)
            ua = {canon(u): u for u in a.get("lead_units", [])}
            ub = {canon(u): u for u in b.get("lead_units", [])}
            added, removed = _multiset_diff(_rule_keys(a, shift), _rule_keys(b))
            changes.append(
                TaskChange(
                    a,
                    b,
                    s,
                    units_added=[ub[k] for k in ub if k not in ua],
                    units_removed=[ua[k] for k in ua if k not in ub],
                    rules_added=added,
                    rules_removed=removed,
                )
            )
            emitted_b.add(j)
        else:
            changes.append(TaskChange(a, None))
    for k, b in enumerate(tb):
        if k not in emitted_b and k not in used_b:
            changes.append(TaskChange(None, b))
    return PlanDiff(changes)
