"""Read-side of plans: previews, due dates, states, supervision trees, comparison.

State changes live in ``actions``; this module only computes (and is called by it). Scores
and the ledgers are in ``assessment`` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from gongkai.orgs.models import Organisation, OrgGroup
from gongkai.orgs.services import Resolution, find_city, resolve
from gongkai.rules import dates, orgnames, plan_schedule, plandiff, planparser
from gongkai.rules.planparser import ParsedPlan, ParsedTask
from gongkai.workcal.services import get_calendar

from .models import (
    Obligation,
    ObligationInstance,
    Plan,
    PlanEvent,
    Task,
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_org(text: str) -> Organisation | None:
    """ORG by code, by city name (聊城市) or by any full name."""
    text = (text or "").strip()
    if not text:
        return None
    org = Organisation.objects.filter(code=text).first()
    if org:
        return org
    city = find_city(text)
    if city:
        return city
    res = resolve(text)
    return res.organisation


# -- resolution -------------------------------------------------------------------------------
def parse_mapping_target(value: str, city: Organisation):
    """'org:12' / 'group:3' / a name → Organisation or OrgGroup of the city (or None)."""
    value = (value or "").strip()
    if not value:
        return None
    kind, _, ident = value.partition(":")
    if kind == "org" and ident.isdigit():
        return (
            Organisation.objects.filter(pk=int(ident)).filter(Q(pk=city.pk) | Q(city=city)).first()
        )
    if kind == "group" and ident.isdigit():
        return OrgGroup.objects.filter(pk=int(ident), city=city).first()
    org = Organisation.objects.filter(code=value).filter(Q(pk=city.pk) | Q(city=city)).first()
    if org:
        return org
    res = resolve(value, within=city)
    return res.organisation or res.group


@dataclass
class UnitResolution:
    written: str  # as the parenthesis writes it (after distributive expansion)
    resolution: Resolution


def resolve_task_units(
    task: ParsedTask, city: Organisation, cache: dict | None = None
) -> list[UnitResolution]:
    """The organisations a task's units resolve to (distributive phrases expanded)."""
    if not task.lead_units:
        return []
    cache = {} if cache is None else cache
    names = orgnames.expand_distributive(task.lead_units)
    out = []
    for n in names:
        if n not in cache:
            cache[n] = resolve(n, within=city)
        out.append(UnitResolution(n, cache[n]))
    return out


def unresolved_names(
    parsed: ParsedPlan, city: Organisation, cache: dict | None = None
) -> dict[str, Resolution]:
    out: dict[str, Resolution] = {}
    cache = {} if cache is None else cache
    for task in parsed.tasks:
        for u in resolve_task_units(task, city, cache):
            if not u.resolution.found:
                out.setdefault(u.written, u.resolution)
    return out


# -- due dates ---------------------------------------------------------------------------------
def planned_instances(
    ob: Obligation, year: int, cal=None
) -> list[tuple[plan_schedule.PlannedInstance, PlanEvent | None]]:
    cal = cal or get_calendar()
    if ob.kind == "recurring":
        season = None
        if ob.season_name:
            if not (ob.season_start and ob.season_end):
                return []  # waits for staff to set the season
            season = (ob.season_start, ob.season_end)
        return [
            (p, None)
            for p in plan_schedule.recurring_instances(ob.every, year, cal, ob.lag_workdays, season)
        ]
    if ob.kind == "deadline":
        if not ob.due:
            return []
        return [(plan_schedule.deadline_instance(ob.due, year, cal), None)]
    if ob.kind == "relative":
        out = []
        events = PlanEvent.objects.filter(plan_id=ob.task.plan_id, name=ob.relative_to)
        for ev in events:
            label = f"{ev.name}（{timezone.localtime(ev.occurred_at):%Y-%m-%d}）"
            out.append(
                (
                    plan_schedule.relative_instance(
                        ob.within,
                        timezone.localtime(ev.occurred_at).replace(tzinfo=None),
                        cal,
                        label,
                    ),
                    ev,
                )
            )
        return out
    return [(plan_schedule.continuous_instance(year), None)]


def preview_rules(task: ParsedTask, year: int, cal=None) -> list[dict]:
    """What each rule of a parsed task will produce, for the import preview."""
    cal = cal or get_calendar()
    out = []
    for rule in task.obligations:
        ob = Obligation(
            kind=rule.kind,
            every=rule.every or "",
            due=rule.due or "",
            relative_to=rule.relative_to or "",
            within=rule.within or "",
            what=rule.what,
            phrase=rule.phrase,
            season_name=rule.season or "",
        )
        if rule.kind == "recurring" and not rule.season:
            insts = plan_schedule.recurring_instances(rule.every, year, cal)
            first = insts[0]
            note = f"{len(insts)} 期，首期 {first.label} 到期 {first.due_date}" + (
                "（暂定）" if first.provisional else ""
            )
        elif rule.kind == "recurring":
            note = "季节性：导入后由工作人员设定季节起止日期"
        elif rule.kind == "deadline" and rule.due:
            inst = plan_schedule.deadline_instance(rule.due, year, cal)
            note = f"到期 {inst.due_date}"
        elif rule.kind == "relative":
            note = f"等待“{rule.relative_to}”的日期，之后 {ob.rule.describe()}"
        else:
            note = "持续进行，无到期日，显示最近一次完成"
        out.append({"rule": ob.describe(), "what": rule.what, "note": note, "kind": rule.kind})
    return out


def soon_days() -> int:
    """How many days before its due date an instance counts as due soon (default 7)."""
    from django.conf import settings

    return int(getattr(settings, "GONGKAI_PLAN_DUE_SOON_DAYS", plan_schedule.DEFAULT_SOON_DAYS))


def instance_state(inst: ObligationInstance, today: dt.date | None = None, now=None) -> str:
    today = today or dates.today()
    now = now or timezone.now()
    return plan_schedule.state(
        soon_days=soon_days(),
        kind=inst.obligation.kind,
        due_date=inst.due_date,
        fulfilled_on=timezone.localtime(inst.fulfilled_at).date() if inst.fulfilled_at else None,
        today=today,
        due_at=inst.due_at,
        fulfilled_at=inst.fulfilled_at,
        now=now,
    )


# -- fulfilment matching -------------------------------------------------------------------------
_MONTH_HINT = r"(\d{4})年(\d{1,2})月"
_QUARTER_HINT = r"(\d{4})年(?:第)?([一二三四1-4])季度"


def hinted_period(title: str) -> tuple[dt.date, dt.date] | None:
    """'2026年10月财政收支情况' → (2026-10-01, 2026-10-31): the period an item says it covers."""
    import calendar
    import re

    m = re.search(_QUARTER_HINT, title or "")
    if m:
        y, q = int(m.group(1)), "一二三四1234".index(m.group(2)) % 4
        return dt.date(y, q * 3 + 1, 1), dt.date(y, q * 3 + 3, calendar.monthrange(y, q * 3 + 3)[1])
    m = re.search(_MONTH_HINT, title or "")
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return None


def pick_instance(instances: list[ObligationInstance], published: dt.datetime, title: str):
    """Which instance a publication fulfils (see docs/plans.md, 'How fulfilment is decided').

    1. A continuous rule: its standing instance for the year of publication.
    2. The title names its period (2026年10月…, 2026年第三季度…): the instance whose period holds
       the end of that period, if still open; nothing otherwise (a report on 2025 fulfils
       nothing in 2026, a second report on October fulfils nothing more).
    3. Otherwise the publication date decides: the earliest open instance whose window (period
       start to due date) holds it, on time; failing that the latest overdue open one, late.
    """
    d = timezone.localtime(published).date()
    if instances and instances[0].obligation.kind == "continuous":
        return next(
            (i for i in instances if i.period_start and i.period_start <= d <= i.period_end), None
        )
    hint = hinted_period(title)
    if hint is not None:
        holding = [
            i
            for i in instances
            if i.period_start and i.period_end and i.period_start <= hint[1] <= i.period_end
        ]
        return next((i for i in holding if i.fulfilled_at is None), None)
    open_ = [i for i in instances if i.fulfilled_at is None]
    windows = [
        i
        for i in open_
        if (i.period_start is None or i.period_start <= d) and i.due_date and d <= i.due_date
    ]
    if windows:
        return min(windows, key=lambda i: (i.period_start or d, i.due_date))
    late = [i for i in open_ if i.due_date and i.due_date < d and (i.period_start or d) <= d]
    if late:
        return max(late, key=lambda i: i.due_date)
    return None


# -- supervision views -----------------------------------------------------------------------------
@dataclass
class TaskRow:
    task: Task
    obligations: list = field(default_factory=list)  # (obligation, instances, next, last_fulfilled)
    colour: str = "grey"
    counts: dict = field(default_factory=dict)


def plan_tree(plan: Plan, organisation: Organisation | None = None) -> list[dict]:
    """Sections → tasks → obligations with instance states, for the supervision page."""
    tasks = (
        plan.tasks.all()
        .prefetch_related(
            "units__organisation",
            "units__group",
            Prefetch(
                "obligations",
                queryset=Obligation.objects.prefetch_related(
                    "instances__fulfilments", "entries", "responsible"
                ),
            ),
        )
        .order_by("sort_order")
    )
    if organisation is not None:
        tasks = tasks.filter(
            Q(units__organisation=organisation)
            | Q(units__group__members=organisation)
            | Q(obligations__responsible=organisation)
        ).distinct()
    sections: dict[str, dict] = {}
    today = dates.today()
    for t in tasks:
        key = t.path[0]
        sec = sections.setdefault(
            key, {"num": key, "heading": plan.sections.get(key, ""), "rows": []}
        )
        row = TaskRow(t)
        states = []
        for ob in t.obligations.all():
            insts = list(ob.instances.all())
            states.extend(i.state for i in insts)
            nxt = next(
                (
                    i
                    for i in sorted(insts, key=lambda i: i.due_date or dt.date.max)
                    if i.fulfilled_at is None and i.due_date and i.due_date >= today
                ),
                None,
            )
            fulfilled = [f for i in insts for f in i.fulfilments.all()]
            last = max(fulfilled, key=lambda f: f.fulfilled_at) if fulfilled else None
            row.obligations.append({"ob": ob, "instances": insts, "next": nxt, "last": last})
        row.colour = plan_schedule.task_colour(states)
        row.counts = {s: states.count(s) for s in set(states)}
        sec["rows"].append(row)
    return list(sections.values())


def org_instances(org_ids, states=None, plan: Plan | None = None):
    qs = ObligationInstance.objects.filter(obligation__responsible__in=org_ids).distinct()
    if plan is not None:
        qs = qs.filter(obligation__task__plan=plan)
    if states:
        qs = qs.filter(state__in=states)
    return qs.select_related("obligation__task__plan").order_by("due_date", "id")


# -- comparison -----------------------------------------------------------------------------------------
def plan_as_dict(plan: Plan) -> dict:
    tasks = []
    for t in plan.tasks.prefetch_related("obligations").order_by("sort_order"):
        tasks.append(
            {
                "path": t.path,
                "heading": t.heading,
                "text": t.text,
                "lead_units": t.lead_units,
                "applies_to_all": t.applies_to_all,
                "obligations": [ob.rule.as_dict() for ob in t.obligations.all()],
            }
        )
    return {"title": plan.title, "year": plan.year, "tasks": tasks}


def canonical_unit(city_a: Organisation | None, city_b: Organisation | None):
    """A unit name → the short name of the organisation it resolves to in either city."""
    cache: dict[str, str] = {}

    def canon(name: str) -> str:
        if name not in cache:
            key = orgnames.normalise(name)
            for city in (city_a, city_b):
                if city is None:
                    continue
                res = resolve(name, within=city)
                if res.organisation is not None:
                    key = orgnames.normalise(res.organisation.short_name)
                    break
                if res.group is not None:
                    key = "group:" + orgnames.normalise(res.group.name)
                    break
            cache[name] = key
        return cache[name]

    return canon


def compare(a: dict, b: dict, city_a=None, city_b=None) -> plandiff.PlanDiff:
    return plandiff.compare(a, b, canonical=canonical_unit(city_a, city_b))


def parse_upload(name: str, data: bytes, year: int | None = None) -> ParsedPlan:
    return planparser.parse_bytes(name, data, year=year)


from .assessment import (  # noqa: E402, F401  (moved there; kept importable here)
    completion_text,
    default_rubric,
    ledger_xlsx,
    scores,
    scores_xlsx,
)
