"""Every state change of plans: one function each, audited, in one transaction."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import permissions
from gongkai.audit.actions import record
from gongkai.orgs.models import OrgAlias, Organisation, OrgGroup, alias_clash
from gongkai.rules import orgnames
from gongkai.rules.planparser import ParsedPlan
from gongkai.workcal.services import get_calendar

from . import services
from .models import (
    Assessment,
    Fulfilment,
    Obligation,
    ObligationInstance,
    Plan,
    PlanEvent,
    ProgressReport,
    Reminder,
    ReportAttachment,
    Task,
    TaskUnit,
)

log = logging.getLogger(__name__)


class ImportProblem(ValueError):
    """The plan cannot be imported as it stands (nothing was written)."""

    def __init__(self, message: str, message_zh: str, unresolved: dict | None = None):
        super().__init__(message)
        self.message_zh = message_zh
        self.unresolved = unresolved or {}


def _rule_fields(rule) -> dict:
    """Obligation fields from a parsed time rule (gongkai.rules.timerules)."""
    return {
        "phrase": rule.phrase[:500],
        "kind": rule.kind,
        "every": rule.every or "",
        "due": rule.due or "",
        "relative_to": (rule.relative_to or "")[:120],
        "within": rule.within or "",
        "what": rule.what[:500],
        "season_name": rule.season or "",
    }


def _require(actor, ability, org, message="您没有权限执行此操作。"):
    if actor is None:  # console and jobs act as the system
        return
    if not permissions.can(actor, ability, org):
        raise PermissionDenied(message)


# -- unit mappings -------------------------------------------------------------------------------
def remember_mapping(name: str, target, *, city: Organisation, actor=None) -> None:
    """A name as plans write it now means ``target`` (an Organisation or OrgGroup) in ``city``.

    Stored as an alias of the organisation (so every later import, and ``gongkai org resolve``,
    knows it) or of the collective.
    """
    _require(actor, "administer", city)
    key = orgnames.normalise(name)
    if isinstance(target, Organisation):
        clash = alias_clash(target, key)
        if clash is not None:
            raise ImportProblem(
                f"{name!r} already names {clash.name}",
                f"“{name}”已是{clash.name}的名称，不能再指向{target.name}。",
            )
        alias, created = OrgAlias.objects.get_or_create(
            organisation=target, name=key, defaults={"note": "导入工作要点时映射"}
        )
        if created:
            record(
                alias, "create", actor=actor, reason=f"工作要点单位名称“{name}”映射到{target.name}"
            )
    elif isinstance(target, OrgGroup):
        if key not in target.aliases:
            before = list(target.aliases)
            target.aliases = [*target.aliases, key]
            target.save(update_fields=["aliases"])
            record(
                target,
                "change",
                actor=actor,
                changes={"aliases": [before, target.aliases]},
                reason=f"工作要点单位名称“{name}”映射到{target.name}",
            )
    else:
        raise ImportProblem(f"no organisation chosen for {name!r}", f"请为“{name}”选择机构。")


# -- import ----------------------------------------------------------------------------------------
def import_plan(
    parsed: ParsedPlan,
    *,
    organisation: Organisation,
    year: int,
    actor=None,
    mappings: dict[str, object] | None = None,
    source_name: str = "",
    source_sha256: str = "",
) -> tuple[Plan, bool]:
    """Create the plan with its tasks, units, obligations and instances. Returns (plan, created).

    Re-importing the same file for the same organisation and year changes nothing. Unresolved
    unit names without a mapping raise :class:`ImportProblem` and nothing is written.
    """
    _require(actor, "administer", organisation)
    city = organisation.root
    if source_sha256:
        existing = Plan.objects.filter(
            organisation=organisation, year=year, source_sha256=source_sha256
        ).first()
        if existing is not None:
            return existing, False
    title = parsed.plan_title or parsed.title or f"{year}年工作要点"
    if Plan.objects.filter(organisation=organisation, year=year, title=title).exists():
        raise ImportProblem(
            f"{organisation.name} already has a {year} plan titled {title!r} (from another file)",
            f"{organisation.name}已有{year}年的“{title}”（来自另一个文件），请先删除或改用沿用功能。",
        )
    with transaction.atomic():
        for name, target in (mappings or {}).items():
            if target is not None:
                remember_mapping(name, target, city=city, actor=actor)
        cache: dict = {}
        unresolved = services.unresolved_names(parsed, city, cache)
        if unresolved:
            names = "、".join(unresolved)
            raise ImportProblem(
                f"{len(unresolved)} unit name(s) resolve to no organisation: {', '.join(unresolved)}",
                f"以下责任单位找不到对应机构，请先映射：{names}",
                unresolved,
            )
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
        record(
            plan,
            "import",
            actor=actor,
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


def _sync_instances(ob: Obligation, cal=None, today: dt.date | None = None) -> None:
    """Make the stored instances match the rule (idempotent; fulfilled ones are kept)."""
    planned = services.planned_instances(ob, ob.task.plan.year, cal)
    existing = {(i.label, i.event_id): i for i in ob.instances.all()}
    keep = set()
    for p, event in planned:
        key = (p.label, event.pk if event else None)
        keep.add(key)
        inst = existing.get(key)
        fields = dict(
            period_start=p.period_start,
            period_end=p.period_end,
            due_date=p.due_date,
            due_at=timezone.make_aware(p.due_at)
            if p.due_at and timezone.is_naive(p.due_at)
            else p.due_at,
            provisional=p.provisional,
        )
        if inst is None:
            inst = ObligationInstance(obligation=ob, event=event, label=p.label, **fields)
        else:
            for k, v in fields.items():
                setattr(inst, k, v)
        inst.state = services.instance_state(inst, today)
        inst.save()
    for key, inst in existing.items():
        if key not in keep and not inst.fulfilments.exists():
            inst.delete()


# -- editing obligations ------------------------------------------------------------------------------
def update_obligation(ob: Obligation, *, actor=None, **fields) -> Obligation:
    """Season, lag, due, link to catalog columns, responsible organisations."""
    plan = ob.task.plan
    _require(actor, "administer", plan.organisation)
    allowed = {"season_start", "season_end", "lag_workdays", "due", "what", "within"}
    with transaction.atomic():
        before = {k: getattr(ob, k) for k in allowed}
        for k, v in fields.items():
            if k in allowed:
                setattr(ob, k, v)
        if ob.season_start and ob.season_end and ob.season_end < ob.season_start:
            raise ValidationError({"season_end": "季节结束日期不能早于开始日期。"})
        if ob.season_start and ob.season_start.year != plan.year:
            raise ValidationError({"season_start": f"季节应在{plan.year}年内。"})
        ob.save()
        changes = {k: [before[k], getattr(ob, k)] for k in allowed if before[k] != getattr(ob, k)}
        if "entries" in fields:
            old = sorted(e.pk for e in ob.entries.all())
            ob.entries.set(fields["entries"])
            new = sorted(e.pk for e in ob.entries.all())
            if old != new:
                changes["entries"] = [old, new]
        if "responsible" in fields:
            old = sorted(o.pk for o in ob.responsible.all())
            ob.responsible.set(fields["responsible"])
            new = sorted(o.pk for o in ob.responsible.all())
            if old != new:
                changes["responsible"] = [old, new]
        _sync_instances(ob)
        if "entries" in changes:
            _backfill(ob)
        record(ob, "change", actor=actor, changes=changes, reason="修改时限要求")
    return ob


def _backfill(ob: Obligation) -> None:
    """Items already published in newly linked columns fulfil what they can."""
    from gongkai.catalog.models import Item

    year = ob.task.plan.year
    items = (
        Item.objects.public()
        .filter(
            entries__in=ob.entries.all(),
            published_at__year__gte=year,
            published_at__year__lte=year + 1,
        )
        .distinct()
        .order_by("published_at")
    )
    for item in items:
        fulfil_from_item(item, obligations=[ob])


def add_event(
    plan: Plan, *, name: str, occurred_at: dt.datetime, actor=None, note: str = ""
) -> PlanEvent:
    """Staff enter when an event happened (人代会结束, 本要点公布, an emergency)."""
    _require(actor, "administer", plan.organisation)
    if not name.strip():
        raise ValidationError({"name": "请填写事件名称。"})
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    with transaction.atomic():
        ev = PlanEvent.objects.create(
            plan=plan, name=name.strip(), occurred_at=occurred_at, note=note
        )
        for ob in Obligation.objects.filter(task__plan=plan, kind="relative", relative_to=ev.name):
            _sync_instances(ob)
        record(ev, "create", actor=actor, reason=f"录入起算事件“{ev.name}”")
    return ev


# -- fulfilment ----------------------------------------------------------------------------------------
def _set_fulfilled(inst: ObligationInstance) -> None:
    first = inst.fulfilments.order_by("fulfilled_at").first()
    before = inst.state
    inst.fulfilled_at = first.fulfilled_at if first else None
    inst.state = services.instance_state(inst)
    inst.save(update_fields=["fulfilled_at", "state"])
    if before != inst.state:
        record(inst, "state", from_state=before, to_state=inst.state, reason="完成情况变化")


def fulfil_from_item(item, obligations=None) -> list[ObligationInstance]:
    if not item.is_public or item.published_at is None:
        return []
    obs = obligations
    if obs is None:
        obs = Obligation.objects.filter(entries__in=item.entries.all()).distinct()
    done = []
    for ob in obs:
        if Fulfilment.objects.filter(instance__obligation=ob, item=item).exists():
            continue
        insts = list(ob.instances.select_related("obligation"))
        inst = services.pick_instance(insts, item.published_at, item.title)
        if inst is None:
            continue
        f = Fulfilment.objects.create(
            instance=inst, source="publication", item=item, fulfilled_at=item.published_at
        )
        record(f, "create", reason=f"“{item.title}”发布于所对应栏目，自动认定完成")
        _set_fulfilled(inst)
        done.append(inst)
    return done


def on_item_published(sender=None, item=None, **kwargs) -> None:
    try:
        with transaction.atomic():
            fulfil_from_item(item)
    except Exception:  # a plan problem must never break publishing
        log.exception("plan fulfilment failed for item %s", getattr(item, "pk", None))


def on_item_unpublished(sender=None, item=None, **kwargs) -> None:
    with transaction.atomic():
        for f in Fulfilment.objects.filter(item=item, source__in=("publication", "manual")):
            inst = f.instance
            record(f, "delete", reason=f"“{item.title}”已撤回，完成认定取消")
            f.delete()
            _set_fulfilled(inst)


def link_item(inst: ObligationInstance, item, *, actor=None) -> Fulfilment:
    """Staff link a published item to an instance by hand."""
    plan = inst.obligation.task.plan
    if (
        not (
            permissions.can(actor, "administer", plan.organisation)
            or permissions.can_any(actor, "edit", inst.obligation.responsible.all())
        )
        and actor is not None
    ):
        raise PermissionDenied("您没有权限为该任务关联信息。")
    if not item.is_public:
        raise ValidationError({"item": "只能关联已发布的主动公开信息。"})
    with transaction.atomic():
        f, created = Fulfilment.objects.get_or_create(
            instance=inst,
            item=item,
            defaults={"source": "manual", "fulfilled_at": item.published_at},
        )
        if created:
            record(f, "create", actor=actor, reason=f"人工关联“{item.title}”")
            _set_fulfilled(inst)
    return f


def submit_report(
    task: Task,
    *,
    organisation: Organisation,
    text: str,
    actor=None,
    files: list[tuple[str, bytes]] = (),
    instance: ObligationInstance | None = None,
    report: ProgressReport | None = None,
    period: str = "",
    submitted_at: dt.datetime | None = None,
) -> ProgressReport:
    """A lead unit reports progress (text and attachments); it may fulfil one instance."""
    _require(actor, "edit", organisation, "您没有权限为该单位报送进展。")
    if not text.strip():
        raise ValidationError({"text": "请填写进展情况。"})
    from django.conf import settings
    from django.core.files.base import ContentFile

    from gongkai.rules.uploads import UploadError, check_upload

    max_bytes = int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024
    checked = []
    for name, data in files:
        try:
            checked.append((name, data, check_upload(name, data, max_bytes=max_bytes)))
        except UploadError as exc:
            raise ValidationError({"files": f"{name}：{exc.message}"}) from exc
    now = submitted_at or timezone.now()
    with transaction.atomic():
        before = report.state if report else ""
        if report is None:
            report = ProgressReport(task=task, organisation=organisation, period=period)
        report.text = text.strip()
        report.state = "submitted"
        report.submitted_at = now
        report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        report.save()
        for name, data, _ in checked:
            att = ReportAttachment(report=report, name=name[:200], size=len(data))
            att.file.save(name, ContentFile(data), save=True)
        record(
            report,
            "submit",
            actor=actor,
            from_state=before,
            to_state="submitted",
            reason="报送进展",
        )
        if instance is not None:
            f = Fulfilment.objects.create(
                instance=instance, source="report", report=report, fulfilled_at=now
            )
            record(f, "create", actor=actor, reason="以进展报告认定完成")
            _set_fulfilled(instance)
    return report


# -- jobs ------------------------------------------------------------------------------------------------
def refresh_states(now: dt.datetime | None = None) -> str:
    """Recompute instance states (upcoming → due soon → missed)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    changed = 0
    qs = ObligationInstance.objects.exclude(
        state__in=("on_time", "late", "ongoing")
    ).select_related("obligation")
    for inst in qs:
        new = services.instance_state(inst, today, now)
        if new != inst.state:
            with transaction.atomic():
                old = inst.state
                inst.state = new
                inst.save(update_fields=["state"])
                record(inst, "state", from_state=old, to_state=new, reason="到期状态更新")
            changed += 1
    return f"{changed} obligation instance(s) changed state"


def send_reminders(now: dt.datetime | None = None) -> str:
    """One reminder per instance, organisation and kind (due soon, overdue)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    sent = 0
    qs = ObligationInstance.objects.filter(state__in=("due_soon", "missed")).prefetch_related(
        "obligation__responsible"
    )
    for inst in qs:
        kind = "due_soon" if inst.state == "due_soon" else "overdue"
        for org in inst.obligation.responsible.all():
            if Reminder.objects.filter(instance=inst, organisation=org, kind=kind).exists():
                continue
            with transaction.atomic():
                r = Reminder.objects.create(
                    instance=inst, organisation=org, kind=kind, sent_on=today
                )
                inst.reminded_on = today
                inst.save(update_fields=["reminded_on"])
                record(
                    r, "create", reason=f"提醒{org.short_name}：{inst}（{r.get_kind_display()}）"
                )
            _email(org, inst, kind)
            sent += 1
    return f"{sent} reminder(s) sent"


def _email(org, inst, kind) -> None:
    from django.core.mail import send_mail

    from gongkai.accounts.models import RoleGrant

    emails = sorted(
        {
            g.user.email
            for g in RoleGrant.objects.filter(organisation=org).select_related("user")
            if g.user.email and g.user.is_active
        }
    )
    if not emails:
        return
    word = "即将到期" if kind == "due_soon" else "已逾期"
    send_mail(
        f"【政务公开】{word}：{inst}",
        f"{org.name}：工作要点任务“{inst.obligation.task}”的时限要求“{inst.obligation.describe()}”"
        f"（{inst.label}）{word}，到期日 {inst.due_display}。",
        None,
        emails,
        fail_silently=True,
    )


def request_reports(now: dt.datetime | None = None) -> str:
    """After each quarter, ask every lead unit of every task of the current plans for a report."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    q = (today.month - 1) // 3  # the quarter that ended most recently is q (0 = Q4 of last year)
    year = today.year if q else today.year - 1
    quarter = q or 4
    period = f"{year}年第{'一二三四'[quarter - 1]}季度"
    due = get_calendar().add_workdays(today.replace(day=1), 10).date
    made = 0
    for plan in Plan.objects.filter(year=year):
        for task in plan.tasks.prefetch_related("units__organisation", "units__group__members"):
            orgs = {
                o
                for u in task.units.all()
                for o in (
                    [u.organisation]
                    if u.organisation
                    else list(u.group.members.all())
                    if u.group
                    else []
                )
            }
            for org in orgs:
                if ProgressReport.objects.filter(
                    task=task, organisation=org, period=period
                ).exists():
                    continue
                with transaction.atomic():
                    rep = ProgressReport.objects.create(
                        task=task, organisation=org, period=period, state="requested", due_date=due
                    )
                    record(rep, "request", to_state="requested", reason=f"请报送{period}进展")
                made += 1
    return f"{made} progress report(s) requested for {period}"


# -- rollover and assessment ---------------------------------------------------------------------------
def rollover(plan: Plan, *, year: int, actor=None, title: str = "") -> Plan:
    """Copy a plan to a new year (tasks, units, rules, catalog links); then staff edit it."""
    _require(actor, "administer", plan.organisation)
    shift = year - plan.year
    title = title or plan.title.replace(str(plan.year), str(year))
    if title == plan.title:
        title = f"{year}年{plan.title}"
    if Plan.objects.filter(organisation=plan.organisation, year=year, title=title).exists():
        raise ImportProblem(
            f"a {year} plan titled {title!r} already exists",
            f"{plan.organisation.name}已有{year}年的“{title}”。",
        )
    cal = get_calendar()
    with transaction.atomic():
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
                    _backfill(nob)
        record(
            new,
            "rollover",
            actor=actor,
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


def run_assessment(plan: Plan, *, actor=None, as_of: dt.date | None = None) -> Assessment:
    _require(actor, "administer", plan.organisation)
    rubric = services.default_rubric(plan.organisation)
    as_of = as_of or timezone.localdate()
    rows = services.scores(plan, rubric, as_of)
    with transaction.atomic():
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
        record(a, "create", actor=actor, reason=f"年度考核（截至 {as_of}）")
    return a


# -- editing tasks (after a rollover, or to correct an import) --------------------------------------
def update_task(
    task: Task,
    *,
    actor=None,
    heading: str | None = None,
    text: str | None = None,
    responsibility: str | None = None,
    rules_text: str | None = None,
    mappings: dict | None = None,
) -> Task:
    """Edit a task: its wording, its responsibility parenthesis (units re-resolved) and its time
    rules (one phrase per line, read with the same grammar as imports). Rules that stay the same
    keep their links, instances and fulfilments."""
    from gongkai.rules import planparser, timerules

    plan = task.plan
    _require(actor, "administer", plan.organisation)
    city = plan.organisation.root
    with transaction.atomic():
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
                raise ImportProblem(
                    f"unresolved: {', '.join(missing)}",
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
                        raise ValidationError(
                            {"rules": f"“{line.strip()}”中没有可识别的时限要求。"}
                        )
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
        record(task, "change", actor=actor, changes=changes, reason="修改任务")
    return task
