"""Assessment of a plan (考核): the rubric, each responsible organisation's score, and the two
spreadsheets the office hands on (the task ledger 任务分解 and the scores 考核得分)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.rules import dates, plan_schedule

from . import criteria as area_criteria
from .models import Criterion, ObligationInstance, Plan, Rubric, Task


# -- assessment ---------------------------------------------------------------------------------------
def default_rubric(city: Organisation) -> Rubric:
    rubric = Rubric.objects.filter(organisation=city.root, is_active=True).first()
    if rubric is None:
        rubric = Rubric.objects.create(organisation=city.root, name="政务公开考核细则")
        Criterion.objects.create(
            rubric=rubric, kind="on_time_share", label="工作要点时限要求按时完成率", weight=100
        )
    return rubric


def scores(plan: Plan, rubric: Rubric | None = None, as_of: dt.date | None = None) -> list[dict]:
    """One row per responsible organisation: each criterion's share and the weighted score."""
    rubric = rubric or default_rubric(plan.organisation)
    criteria = list(rubric.criteria.all())
    insts = (
        ObligationInstance.objects.filter(obligation__task__plan=plan)
        .prefetch_related("obligation__responsible")
        .select_related("obligation")
    )
    as_of = as_of or dates.today()
    per_org: dict[int, list[str]] = {}
    orgs: dict[int, Organisation] = {}
    for inst in insts:
        if inst.due_date and inst.due_date > as_of and inst.state not in ("on_time",):
            continue
        for org in inst.obligation.responsible.all():
            orgs[org.pk] = org
            per_org.setdefault(org.pk, []).append(inst.state)
    from .models import ManualScore

    manual = {
        (m.criterion_id, m.organisation_id): float(m.share)
        for m in ManualScore.objects.filter(criterion__rubric=rubric, year=plan.year)
    }
    rows = []
    for org_id, states in per_org.items():
        on_time, counted = plan_schedule.on_time_share(states)
        parts = []
        total_w = 0.0
        total = 0.0
        for c in criteria:
            share = None
            if c.kind == "on_time_share":
                share = on_time / counted if counted else None
            elif (c.id, org_id) in manual:
                share = manual[(c.id, org_id)]
            elif c.kind != "manual":  # measured by the area that holds the data
                share = area_criteria.share(c.kind, orgs[org_id], plan.year, as_of)
            parts.append({"criterion": c.label, "weight": float(c.weight), "share": share})
            if share is not None:
                total_w += float(c.weight)
                total += float(c.weight) * share
        score = round(100 * total / total_w, 1) if total_w else None
        rows.append(
            {
                "organisation": orgs[org_id],
                "on_time": on_time,
                "late": states.count("late"),
                "missed": states.count("missed"),
                "counted": counted,
                "criteria": parts,
                "score": score,
            }
        )
    rows.sort(
        key=lambda r: (
            -(r["score"] if r["score"] is not None else -1),
            r["organisation"].sort_order,
        )
    )
    # competition ranking: equal scores share a place, shown as 并列 (1, 2, 2, 4 ...)
    for i, r in enumerate(rows):
        tied_before = i > 0 and rows[i - 1]["score"] == r["score"]
        r["rank"] = rows[i - 1]["rank"] if tied_before else i + 1
    for r in rows:
        same = [o for o in rows if o["rank"] == r["rank"]]
        r["rank_label"] = f"并列{r['rank']}" if len(same) > 1 else str(r["rank"])
    return rows


# -- export ------------------------------------------------------------------------------------------
def completion_text(task: Task) -> str:
    parts = []
    for ob in task.obligations.all():
        insts = list(ob.instances.all())
        if ob.kind == "continuous":
            fs = [f for i in insts for f in i.fulfilments.all()]
            last = max((f.fulfilled_at for f in fs), default=None)
            parts.append(
                f"{ob.describe()}：最近一次 {timezone.localtime(last):%Y-%m-%d}"
                if last
                else f"{ob.describe()}：尚无记录"
            )
            continue
        if not insts:
            parts.append(f"{ob.describe()}：待定")
            continue
        states = [i.state for i in insts]
        on_time, counted = plan_schedule.on_time_share(states)
        parts.append(
            f"{ob.describe()}：按时 {on_time}/{counted}，逾期完成 {states.count('late')}，"
            f"未完成 {states.count('missed')}，未到期 {states.count('upcoming') + states.count('due_soon')}"
        )
    return "；".join(parts) or "无时限要求"


def ledger_xlsx(plan: Plan) -> bytes:
    """The task breakdown (任务分解表) of a plan, through gongkai.core.sheets."""
    from gongkai.core import sheets

    tasks = plan.tasks.prefetch_related("obligations__instances__fulfilments").order_by(
        "sort_order"
    )
    rows = []
    for t in tasks:
        rules = "；".join(
            ob.describe() + ("：" + ob.what if ob.what else "") for ob in t.obligations.all()
        )
        rows.append(
            [t.path_label, t.heading, t.text, t.units_label(), rules or "—", completion_text(t)]
        )
    sheet = sheets.Sheet.simple(
        "任务分解",
        ["序号", "任务", "具体要求", "责任单位", "时限要求", "完成情况"],
        rows,
        caption=f"{plan.title}任务分解表",
        widths=[10, 30, 80, 36, 40, 50],
        landscape=True,
    )
    return sheets.xlsx_bytes([sheet])


def scores_xlsx(plan: Plan, rows: list[dict], rubric: Rubric) -> bytes:
    """The assessment scores (考核得分) of every responsible unit."""
    from gongkai.core import sheets

    crit_names = [c.label for c in rubric.criteria.all()]
    data = []
    for n, r in enumerate(rows, start=1):
        n = r.get("rank_label", n)
        shares = [
            (f"{p['share'] * 100:.1f}%" if p["share"] is not None else "暂无数据")
            for p in r["criteria"]
        ]
        data.append(
            [n, r["organisation"].name, r["on_time"], r["late"], r["missed"], r["counted"],
             *shares, r["score"] if r["score"] is not None else "暂无数据"]
        )  # fmt: skip
    sheet = sheets.Sheet.simple(
        "考核得分",
        ["排名", "单位", "按时完成", "逾期完成", "未完成", "计入期次", *crit_names, "得分"],
        data,
        caption=f"{plan.title} 考核得分（{rubric.name}，占绩效考核 {rubric.share_of_rating}%）",
    )
    return sheets.xlsx_bytes([sheet])
