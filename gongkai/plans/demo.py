"""Demo data of plans.

- both seed plans imported for their cities as the 2017 plans;
- obligations linked to catalog columns (按月公开财政收支 → 市财政局 › 财政预决算 › 财政收支月报,
  社会救助 → 市民政局 › 社会救助, 水气环境质量 → 市环保局 › 环境保护 …), so the items the catalog demo
  published fulfil them; a few 2017 items published so the 2017 plans show a record too;
- a current-year plan rolled over from each, with events (人代会结束, 本要点公布), a grain-purchase
  season, some late publications and progress reports, so the supervision pages show a realistic
  mix of fulfilled, late, missed, due-soon and upcoming obligations.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.catalog.models import CatalogEntry
from gongkai.core.actors import SYSTEM
from gongkai.core.seeds import SEEDS_DIR as SEEDS  # noqa: E402

from . import actions, services
from .models import Obligation

SEED_FILES = {"聊城市": "000_ce6ae8f612e35b9c.txt", "东营市": "001_c56c3127088352aa.txt"}

# (task path, rule 'every' or kind, what contains) → (department short name, column slug)
LINKS = [
    ("一/（一）/1", "month", "财政收支", "市财政局", "czsz"),
    ("四/（一）/2", None, "社会救助", "市民政局", "assistance"),
    ("四/（二）/a", "month", "环境质量", "市环保局", "environment"),
    ("四/（三）/4", "month", "疫情", "市卫生计生委", "health"),
    ("二/（二）", "half_year", "经济效益", "市国资委", "soe"),
    ("五/（二）/4", "quarter", "", "市国土资源局", "expropriation"),
    ("四/（一）/1", None, "扶贫资金", "市扶贫办", "poverty"),
    ("四/（三）/3", None, "招生", "市教育局", "education"),
    ("一/（一）/2", "quarter", "", "市统计局", "statistics"),
    ("二/（三）", "5_days", "粮食", "市粮食局", "prices"),
    ("一/（二）", "continuous", "社会保险", "市人力资源社会保障局", "employment"),
]

DEMO = SYSTEM("plans demo")


def _at(d: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(d.year, d.month, d.day, hour))


def load(ctx):
    cities = ctx.shared.get("cities") or {}
    if not SEEDS.exists() or not cities:
        ctx.log("  plans: seed documents not found, no demo plans")
        return
    from gongkai.rules.planparser import parse_file

    today = ctx.today
    year = today.year
    made = []
    for city_name, filename in SEED_FILES.items():
        city = cities.get(city_name)
        path = SEEDS / filename
        if city is None or not path.exists():
            continue
        parsed = parse_file(path)
        plan, _ = actions.import_plan(
            parsed,
            organisation=city,
            year=parsed.year or 2017,
            source_name=filename,
            source_sha256=services.sha256(path.read_bytes()),
            actor=DEMO,
        )
        _link(plan, city)
        _history(ctx, plan, city)
        current = actions.rollover(plan, year=year, actor=DEMO)
        _current_year(ctx, current, city, today)
        made += [plan, current]
    # the job states as of the demo's today
    actions.refresh_states(_at(today, 12))
    ctx.log(f"  {len(made)} plans ({', '.join(p.title for p in made)})")


def _obligations(plan, path, every, what):
    qs = Obligation.objects.filter(task__plan=plan, task__path_key=path)
    if every in ("continuous",):
        qs = qs.filter(kind="continuous")
    elif every:
        qs = qs.filter(every=every)
    else:
        qs = qs.exclude(kind="continuous")
    if what:
        qs = qs.filter(what__contains=what)
    return list(qs)


def _entry(city, short, slug):
    return CatalogEntry.objects.filter(
        organisation__city=city, organisation__short_name=short, slug=slug
    ).first()


def _link(plan, city) -> None:
    from gongkai.orgs.models import Organisation

    for path, every, what, short, slug in LINKS:
        entry = _entry(city, short, slug)
        if entry is None:
            continue
        org = Organisation.objects.get(pk=entry.organisation_id)
        for ob in _obligations(plan, path, every, what):
            actions.update_obligation(ob, entries=[entry], responsible=[org], actor=DEMO)


def _publish(org_entry, title, when, body=""):
    from gongkai.catalog.actions import publish_item_now

    item = publish_item_now(
        organisation=org_entry.organisation,
        title=title,
        body=body or f"<p>{title}。</p>",
        entries=[org_entry],
        published_at=when,
        genre="报告",
        actor=DEMO,
    )
    # the item_published signal only runs when the demo's transaction commits; fulfil now so
    # the states below are right (the signal then finds the fulfilment already recorded)
    actions.fulfil_from_item(item)
    return item


def _history(ctx, plan, city) -> None:
    """2017: monthly finance reports (March late, August never), quarterly 社会救助."""
    name = city.name.replace("人民政府", "")
    fin = _entry(city, "市财政局", "czsz")
    if fin is not None:
        for m in range(1, 13):
            if m == 8:
                continue
            pub = dt.date(2017 + (m == 12), m % 12 + 1, 12 + ctx.random.randint(0, 6))
            if m == 3:
                pub = dt.date(2017, 6, 2)  # late
            _publish(fin, f"2017年{m}月{name}财政收支情况", _at(pub))
    mz = _entry(city, "市民政局", "assistance")
    if mz is not None:
        for q, pub in (
            (1, dt.date(2017, 4, 18)),
            (2, dt.date(2017, 7, 20)),
            (3, dt.date(2017, 11, 30)),
        ):
            _publish(mz, f"2017年第{'一二三四'[q - 1]}季度{name}社会救助情况", _at(pub))
    on_time_report(
        plan, "六/（一）", dt.date(2017, 11, 20), "市政府常务会议听取了政务公开工作汇报。"
    )


def on_time_report(plan, path, when, text):
    """A progress report that fulfils the task's earliest open deadline."""
    from .models import ObligationInstance

    inst = (
        ObligationInstance.objects.filter(
            obligation__task__plan=plan,
            obligation__task__path_key=path,
            obligation__kind="deadline",
            fulfilled_at__isnull=True,
        )
        .order_by("due_date")
        .first()
    )
    if inst is None:
        return
    ob = inst.obligation
    actions.submit_report(
        ob.task,
        organisation=plan.organisation,
        text=text,
        instance=inst,
        submitted_at=_at(when, 15),
        period=inst.label if inst else "",
        actor=DEMO,
    )


def _current_year(ctx, plan, city, today) -> None:
    year = plan.year
    name = city.name.replace("人民政府", "")
    # events: the NPC session ended in January, the plan was published in March
    actions.add_event(
        plan, name="本级人代会结束", occurred_at=_at(dt.date(year, 1, 22), 17), actor=DEMO
    )
    actions.add_event(
        plan, name="本要点公布", occurred_at=_at(dt.date(year, 3, 16), 10), actor=DEMO
    )
    # the grain-purchase season and its every-five-days reports (a few missed)
    grain = Obligation.objects.filter(task__plan=plan, every="5_days").first()
    if grain is not None:
        actions.update_obligation(
            grain,
            season_start=dt.date(year, 6, 1),
            season_end=dt.date(year, 7, 31),
            lag_workdays=2,
            actor=DEMO,
        )
        entry = grain.entries.first()
        for inst in grain.instances.order_by("period_start"):
            if inst.period_end >= today or ctx.random.random() < 0.25:
                continue
            late = ctx.random.random() < 0.15
            pub = inst.period_end + dt.timedelta(days=6 if late else 1)
            if entry is not None:
                _publish(entry, f"{name}夏秋粮收购进度（{inst.label}）", _at(pub, 16))
    # weekly prices (linked this year only): most weeks on time, a few late or missing
    weekly = Obligation.objects.filter(task__plan=plan, every="week").first()
    weekly_entry = _entry(city, "市物价局", "prices")
    if weekly is not None and weekly_entry is not None:
        actions.update_obligation(weekly, lag_workdays=3, entries=[weekly_entry], actor=DEMO)
        for inst in weekly.instances.order_by("period_start"):
            if inst.period_end >= today - dt.timedelta(days=2):
                break
            roll = ctx.random.random()
            if roll < 0.06:
                continue
            pub = inst.period_end + dt.timedelta(days=8 if roll < 0.12 else 0)
            _publish(weekly_entry, f"{name}重点批发市场价格信息（{inst.label}）", _at(pub, 17))
    # work that is not a publication: quarterly reports (the third one late)
    for path, org_short, text in (
        ("六/（四）", None, "本季度网站内容抽查完成，发现问题已整改。"),
        ("四/（二）/b", "市环保局", "本季度饮用水水源、出厂水、龙头水水质监测信息已公开。"),
    ):
        ob = Obligation.objects.filter(
            task__plan=plan, task__path_key=path, every="quarter"
        ).first()
        if ob is None:
            continue
        org = (
            ob.responsible.filter(short_name=org_short).first() if org_short else plan.organisation
        )
        for n, inst in enumerate(ob.instances.order_by("period_start")):
            if inst.due_date is None or inst.due_date >= today:
                break
            when = inst.due_date + dt.timedelta(days=9 if n == 2 else -5)
            actions.submit_report(
                ob.task,
                organisation=org or plan.organisation,
                text=text,
                instance=inst,
                submitted_at=_at(when, 10),
                period=inst.label,
                actor=DEMO,
            )
    # the 随机抽查事项清单 came out before the end of May (聊城 only has that deadline)
    on_time_report(
        plan, "二/（一）/3", dt.date(year, 5, 27), "各级政府随机抽查事项清单已汇总并在网站公布。"
    )
    # a late 社会救助 report
    mz = _entry(city, "市民政局", "assistance")
    if mz is not None:
        _publish(mz, f"{year}年3月{name}社会救助情况", _at(dt.date(year, 5, 26)))
    # 本要点公布后30个工作日内: the office reports its own implementation plan
    rel = Obligation.objects.filter(task__plan=plan, relative_to="本要点公布").first()
    if rel is not None:
        inst = rel.instances.first()
        if inst is not None:
            actions.submit_report(
                rel.task,
                organisation=plan.organisation,
                text=f"{name}政务公开工作实施方案已于网站公开。",
                instance=inst,
                submitted_at=_at(dt.date(year, 4, 20), 11),
                period=inst.label,
                actor=DEMO,
            )
