"""Rolling a plan over to the next year, assessment, task edits."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import dates
from gongkai.workcal.services import get_calendar

from .. import assessment, services
from ..models import (
    Assessment,
    Obligation,
    Plan,
    Task,
    TaskUnit,
)
from .common import _rule_fields, unresolved_units
from .imports import _store_units, remember_mapping
from .obligations import _backfill, _sync_instances


def rollover(plan: Plan, *, year: int, actor, title: str = "") -> Plan:
    """Copy a plan to a new year (tasks, units, rules, catalog links); then staff edit it."""
    with change(actor, "administer", plan.organisation) as ch:
        shift = year - plan.year
        title = title or plan.title.replace(str(plan.year), str(year))
        if title == plan.title:
            title = f"{year}年{plan.title}"
        if Plan.objects.filter(organisation=plan.organisation, year=year, title=title).exists():
            raise Invalid(f"{plan.organisation.name}已有{year}年的“{title}”。")
        cal = get_calendar()
        new = Plan.objects.create(
            organisation=plan.organisation,
            year=year,
            title=title,
            issuer=plan.issuer,
            sections=plan.sections,
            rolled_from=plan,
        )
        for t in plan.tasks.prefetch_related(
            "units", "obligations__entries", "obligations__responsible"
        ):
            nt = Task.objects.create(
                plan=new,
                path=t.path,
                path_key=t.path_key,
                sort_order=t.sort_order,
                heading=t.heading,
                text=t.text.replace(f"{plan.year}年", f"{year}年"),
                responsibility=t.responsibility,
                lead_units=t.lead_units,
                applies_to_all=t.applies_to_all,
            )
            for u in t.units.all():
                TaskUnit.objects.create(
                    task=nt,
                    name=u.name,
                    organisation=u.organisation,
                    group=u.group,
                    position=u.position,
                )
            for ob in t.obligations.all():
                due = ob.due
                if due and len(due) == 10:
                    due = f"{int(due[:4]) + shift:04d}{due[4:]}"
                nob = Obligation.objects.create(
                    task=nt,
                    sort_order=ob.sort_order,
                    phrase=ob.phrase,
                    kind=ob.kind,
                    every=ob.every,
                    due=due,
                    relative_to=ob.relative_to,
                    within=ob.within,
                    what=ob.what,
                    season_name=ob.season_name,
                    season_start=_shift(ob.season_start, shift),
                    season_end=_shift(ob.season_end, shift),
                    lag_workdays=ob.lag_workdays,
                )
                nob.responsible.set(ob.responsible.all())
                nob.entries.set(ob.entries.all())
                _sync_instances(nob, cal)
                if ob.entries.exists():
                    _backfill(ch, nob)
        ch.audit(
            new,
            "rollover",
            changes={"from": plan.pk, "year": year},
            reason=f"沿用{plan.year}年工作要点",
        )
        return new


def _shift(d: dt.date | None, years: int) -> dt.date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def run_assessment(plan: Plan, *, actor, as_of: dt.date | None = None) -> Assessment:
    with change(actor, "administer", plan.organisation) as ch:
        rubric = assessment.default_rubric(plan.organisation)
        as_of = as_of or dates.today()
        rows = assessment.scores(plan, rubric, as_of)
        a = Assessment.objects.create(
            plan=plan,
            rubric=rubric,
            as_of=as_of,
            results=[
                {
                    "organisation": r["organisation"].name,
                    "organisation_id": r["organisation"].pk,
                    "on_time": r["on_time"],
                    "late": r["late"],
                    "missed": r["missed"],
                    "counted": r["counted"],
                    "score": r["score"],
                }
                for r in rows
            ],
        )
        ch.audit(a, "create", reason=f"年度考核（截至 {as_of}）")
        return a


# -- editing tasks (after a rollover, or to correct an import) --------------------------------------
def update_task(
    task: Task,
    *,
    actor,
    heading: str | None = None,
    text: str | None = None,
    responsibility: str | None = None,
    rules_text: str | None = None,
    mappings: dict | None = None,
) -> Task:
    """Edit a task: its wording, its responsibility parenthesis (units re-resolved) and its time
    rules (one phrase per line, read with the same grammar as imports). Rules that stay the same
    keep their links, instances and fulfilments."""
    with change(actor, "administer", task.plan.organisation) as ch:
        from gongkai.rules import planparser, timerules

        plan = task.plan
        city = plan.organisation.root
        before = {
            "heading": task.heading,
            "text": task.text,
            "lead_units": list(task.lead_units),
            "rules": [ob.describe() for ob in task.obligations.all()],
        }
        if heading is not None:
            task.heading = heading.strip()[:300]
        if text is not None:
            task.text = text.strip()
        orgs = None
        if responsibility is not None:
            body = responsibility.strip().strip("（）()")
            for name, target in (mappings or {}).items():
                if target is not None:
                    remember_mapping(name, target, city=city, actor=actor)
            units = planparser.lead_units_of(body) if body else []
            parsed = planparser.ParsedTask(task.path, task.heading, task.text, lead_units=units)
            resolved = services.resolve_task_units(parsed, city)
            missing = [u.written for u in resolved if not u.resolution.found]
            if missing:
                raise unresolved_units(
                    "以下责任单位找不到对应机构：" + "、".join(missing),
                    {u.written: u.resolution for u in resolved if not u.resolution.found},
                )
            task.responsibility = body[:500]
            task.lead_units = units
            task.applies_to_all = not units
            task.units.all().delete()
            orgs = _store_units(task, resolved)
        task.save()
        if rules_text is not None:
            rules = []
            for line in rules_text.splitlines():
                if line.strip():
                    found = timerules.extract(line, plan.year)
                    if not found:
                        raise Invalid(errors={"rules": f"“{line.strip()}”中没有可识别的时限要求。"})
                    rules.extend(found)
            existing = list(task.obligations.all())
            keep = set()
            for n, rule in enumerate(rules):
                match = next(
                    (
                        ob
                        for ob in existing
                        if ob.pk not in keep
                        and ob.rule.key() == rule.key()
                        and ob.relative_to == (rule.relative_to or "")
                    ),
                    None,
                )
                if match is None:
                    match = Obligation.objects.create(task=task, **_rule_fields(rule))
                    match.responsible.set(
                        orgs if orgs is not None else task.organisations.distinct()
                    )
                match.sort_order = n
                match.save(update_fields=["sort_order"])
                keep.add(match.pk)
                _sync_instances(match)
            for ob in existing:
                if ob.pk not in keep:
                    ob.delete()
        if orgs is not None:
            for ob in task.obligations.all():
                ob.responsible.set(orgs)
        after = {
            "heading": task.heading,
            "text": task.text,
            "lead_units": list(task.lead_units),
            "rules": [ob.describe() for ob in task.obligations.all()],
        }
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        ch.audit(task, "change", changes=changes, reason="修改任务")
        return task
