"""Importing a plan and remembering unit-name mappings."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.orgs.models import OrgAlias, Organisation, OrgGroup, alias_clash
from gongkai.rules import orgnames
from gongkai.rules.planparser import ParsedPlan
from gongkai.workcal.services import get_calendar

from .. import services
from ..models import (
    Obligation,
    Plan,
    Task,
    TaskUnit,
)
from .common import _rule_fields, unresolved_units
from .obligations import _sync_instances


# -- unit mappings -------------------------------------------------------------------------------
def remember_mapping(name: str, target, *, city: Organisation, actor) -> None:
    """A name as plans write it now means ``target`` (an Organisation or OrgGroup) in ``city``.

    Stored as an alias of the organisation (so every later import, and ``gongkai org resolve``,
    knows it) or of the collective.
    """
    with change(actor, "administer", city) as ch:
        key = orgnames.normalise(name)
        if isinstance(target, Organisation):
            clash = alias_clash(target, key)
            if clash is not None:
                raise Invalid(f"“{name}”已是{clash.name}的名称，不能再指向{target.name}。")
            alias, created = OrgAlias.objects.get_or_create(
                organisation=target, name=key, defaults={"note": "导入工作要点时映射"}
            )
            if created:
                ch.audit(alias, "create", reason=f"工作要点单位名称“{name}”映射到{target.name}")
        elif isinstance(target, OrgGroup):
            if key not in target.aliases:
                before = list(target.aliases)
                target.aliases = [*target.aliases, key]
                target.save(update_fields=["aliases"])
                ch.audit(
                    target,
                    "change",
                    changes={"aliases": [before, target.aliases]},
                    reason=f"工作要点单位名称“{name}”映射到{target.name}",
                )
        else:
            raise Invalid(f"请为“{name}”选择机构。")


# -- import ----------------------------------------------------------------------------------------
def import_plan(
    parsed: ParsedPlan,
    *,
    organisation: Organisation,
    year: int,
    actor,
    mappings: dict[str, object] | None = None,
    source_name: str = "",
    source_sha256: str = "",
) -> tuple[Plan, bool]:
    """Create the plan with its tasks, units, obligations and instances. Returns (plan, created).

    Re-importing the same file for the same organisation and year changes nothing. Unresolved
    unit names without a mapping raise ``Invalid`` (with ``unresolved``) and nothing is written.
    """
    with change(actor, "administer", organisation) as ch:
        city = organisation.root
        if source_sha256:
            existing = Plan.objects.filter(
                organisation=organisation, year=year, source_sha256=source_sha256
            ).first()
            if existing is not None:
                return existing, False
        title = parsed.plan_title or parsed.title or f"{year}年工作要点"
        if Plan.objects.filter(organisation=organisation, year=year, title=title).exists():
            raise Invalid(
                f"{organisation.name}已有{year}年的“{title}”（来自另一个文件），请先删除或改用沿用功能。"
            )
        for name, target in (mappings or {}).items():
            if target is not None:
                remember_mapping(name, target, city=city, actor=actor)
        cache: dict = {}
        unresolved = services.unresolved_names(parsed, city, cache)
        if unresolved:
            names = "、".join(unresolved)
            raise unresolved_units(f"以下责任单位找不到对应机构，请先映射：{names}", unresolved)
        plan = Plan.objects.create(
            organisation=organisation,
            year=year,
            title=title,
            notice_title=parsed.title if parsed.title != title else "",
            issuer=parsed.issuer,
            doc_number=parsed.doc_number,
            signed_on=parsed.signed_on,
            printed_on=parsed.printed_on,
            sections=parsed.sections,
            source_name=source_name[:200],
            source_sha256=source_sha256,
        )
        cal = get_calendar()
        for n, pt in enumerate(parsed.tasks):
            task = Task.objects.create(
                plan=plan,
                path=pt.path,
                path_key="/".join(pt.path),
                sort_order=n,
                heading=pt.heading[:300],
                text=pt.text,
                responsibility=pt.responsibility[:500],
                lead_units=pt.lead_units,
                applies_to_all=pt.applies_to_all,
            )
            orgs = _store_units(task, services.resolve_task_units(pt, city, cache))
            for m, rule in enumerate(pt.obligations):
                ob = Obligation.objects.create(task=task, sort_order=m, **_rule_fields(rule))
                ob.responsible.set(orgs)
                _sync_instances(ob, cal)
        ch.audit(
            plan,
            "import",
            changes={"tasks": len(parsed.tasks), "file": source_name},
            reason=f"导入{year}年工作要点",
        )
        return plan, True


def _store_units(task: Task, units) -> list[Organisation]:
    orgs: list[Organisation] = []
    for pos, u in enumerate(units):
        res = u.resolution
        TaskUnit.objects.create(
            task=task,
            name=u.written[:120],
            organisation=res.organisation,
            group=res.group,
            position=pos,
        )
        for o in res.organisations:
            if o not in orgs:
                orgs.append(o)
    return orgs
