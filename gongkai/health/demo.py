"""Demo data of 网站健康: a truthful site.

Every monitored organisation's columns get what a real department publishes (through the
catalog's loader action, actor SYSTEM("health demo")), so most departments pass; exactly these
failures are left for the checks to find:

- 聊城 市商务局: its 工作动态 column has had nothing new for 20 days (栏目不更新);
- 聊城 市体育局: five columns never got any content (空白栏目, a veto);
- 聊城 市财政局: the valid message unanswered for more than 3 months (the messages demo);
- 东营 市教育局: an item whose attachment link points to a file that is not there;
- and, on the 工作台 of 聊城 市民政局's editors, its 工作动态 column turning stale within 7 days.

Then the office's indicator set for the year is created (by lc-admin, as on its page), the links are checked and four weekly
check runs are stored (the history chart).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.catalog import actions as catalog
from gongkai.catalog.models import CatalogEntry
from gongkai.core.actors import SYSTEM
from gongkai.rules.health import columns as ct

from .models import IndicatorSet

ACTOR = SYSTEM("health demo")
STALE_NEWS = ("聊城市", "市商务局")
BLANK = ("聊城市", "市体育局")
# columns no other demo publishes into (the proposals demo fills 建议提案办理)
BLANK_SLUGS = ["normative", "plans", "permits", "czyjs", "interpretation"]
PREDICTED = ("聊城市", "市民政局")
BROKEN = ("东营市", "市教育局")

TITLES = {
    "system": "{org}政府信息公开工作制度",
    "functions": "{org}主要职责和内设机构",
    "normative": "{org}关于印发《{short}行政执法公示办法》的通知",
    "plans": "{org}{year}年工作要点",
    "czyjs": "{org}{year}年部门预算",
    "fees": "{org}行政事业性收费项目清单（{year}年）",
    "permits": "{org}行政许可和行政处罚事项公示（{year}年{month}月）",
    "procurement": "{org}{year}年{month}月政府采购意向公开",
    "proposals": "{org}{year}年建议提案办理工作总体情况",
    "consultation": "关于《{short}{year}年重点民生事项实施方案（征求意见稿）》公开征求意见的公告",
    "interpretation": "《{short}行政执法公示办法》政策解读",
    "news": "{org}召开{month}月份重点工作推进会",
    "annual-report": "{org}{last}年政府信息公开工作年度报告",
}


# the age up to which an existing item keeps a column fresh in the demo (inside every threshold)
LIMIT = {ct.DYNAMIC: 6, ct.NOTICE: 150, ct.POLICY: 150, ct.OTHER: 300}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _age(rng, type_: str) -> int:
    if type_ == ct.DYNAMIC:
        return rng.randint(1, 6)
    if type_ in (ct.NOTICE, ct.POLICY):
        return rng.randint(10, 150)
    return rng.randint(15, 300)


def _title(slug, name, org, day) -> str:
    template = TITLES.get(slug, "{org}{name}情况（{year}年{month}月）")
    short = org.short_name
    return template.format(org=org.name, short=short, name=name, year=day.year,
                           month=day.month, last=day.year - 1)  # fmt: skip


def _row(org, entry, day, title, **fields) -> dict:
    """One item as ``catalog.publish_many`` takes it (the fields of ``publish_item_now``)."""
    return dict(
        organisation=org, title=title,
        body=fields.pop("body", f"<p>{title}。</p><p>{org.name}根据有关规定予以公开。</p>"),
        entries=[entry], published_at=_at(day),
        genre=fields.pop("genre", "通知"), issuers=[org], **fields,
    )  # fmt: skip


def _publish(org, entry, day, title, **fields):
    return _publish_rows([_row(org, entry, day, title, **fields)])[0]


def _publish_rows(rows: list[dict]) -> list:
    """The rows published in one batch (the same items, numbers and audit entries as one
    ``publish_item_now`` each, in the same order, without a transaction per item)."""
    return catalog.publish_many(rows, actor=ACTOR, reason="演示数据")


def _annual_report(rng, org, year: int) -> str:
    from gongkai.catalog.demo_texts import annual_report_body
    from gongkai.catalog.models import Item

    published = Item.objects.public().filter(organisation=org, published_at__year=year).count()
    return annual_report_body(rng, org.name, year, published, 0)


def _fill_city(ctx, city, which) -> int:
    from .queries import column_facts, indicators_for, monitored

    rng, today = ctx.random, ctx.today
    orgs = monitored(city, indicators_for(today.year))
    facts = column_facts(orgs, today)
    parents = set(
        CatalogEntry.objects.filter(organisation__in=orgs, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    entries = {e.pk: e for e in CatalogEntry.objects.filter(organisation__in=orgs)}
    n = 0
    for org in orgs:
        rows = []  # this organisation's items, published at once
        special = which.get(org.pk)
        for c in facts[org.pk]:
            e = entries[c.id]
            if c.id in parents or e.slug in ("guide", "application"):
                continue
            if special == "blank" and e.slug in BLANK_SLUGS:
                continue
            age = _age(rng, c.type)
            if e.slug == "news" and special == "stale":
                age = 20
            elif e.slug == "news" and special == "predicted":
                age = 8  # stale from today + 7: on the editors' 工作台
            last = c.last_published
            fresh_enough = c.has_content and (
                c.type == ct.STANDING or (last is not None and (today - last).days <= LIMIT[c.type])
            )
            if fresh_enough and not (e.slug == "news" and special in ("stale", "predicted")):
                continue
            day = today - dt.timedelta(days=age)
            extra = {"genre": "动态" if e.slug == "news" else "通知"}
            if e.slug == "annual-report":  # a whole report, figures from what was published
                _publish_rows(rows)  # counted in the report
                rows = []
                extra = {"body": _annual_report(rng, org, day.year - 1), "genre": "报告"}
            rows.append(_row(org, e, day, _title(e.slug, e.name, org, day),
                             kind="news" if e.slug == "news" else "document", **extra))  # fmt: skip
            n += 1
        if special == "stale":  # something recent elsewhere: only the 动态 column is stale
            e = next(entries[c.id] for c in facts[org.pk] if entries[c.id].slug == "permits")
            day = today - dt.timedelta(days=2)
            rows.append(_row(org, e, day, _title("permits", e.name, org, day)))
            n += 1
        _publish_rows(rows)
    return n


def load(ctx):
    import time

    from gongkai.orgs.services import resolve

    from .actions import recheck_work_orders, record_run
    from .actions.indicators import copy_indicator_set
    from .links import check_items
    from .queries import check_city

    t0 = time.monotonic()
    today = ctx.today
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(username="lc-admin")  # the city office, on its page
    if not IndicatorSet.objects.filter(year=today.year).exists():
        copy_indicator_set(office, today.year, reason="本年度采用2019年国家检查指标默认值")
    cities = ctx.shared["cities"]
    special: dict[int, str] = {}
    for (city_name, unit), what in (
        (STALE_NEWS, "stale"),
        (BLANK, "blank"),
        (PREDICTED, "predicted"),
    ):
        found = resolve(unit, within=cities[city_name]).organisation
        if found is not None:
            special[found.pk] = what
    published = sum(_fill_city(ctx, city, special) for city in cities.values())
    t1 = time.monotonic()
    # the broken attachment link
    edu = resolve(BROKEN[1], within=cities[BROKEN[0]]).organisation
    entry = CatalogEntry.objects.get(organisation=edu, slug="education")
    day = today - dt.timedelta(days=4)
    broken = _publish(
        edu, entry, day, f"{day.year}年秋季学期义务教育阶段招生结果公告",
        body=f"<p>现将{day.year}年秋季学期招生结果予以公告。</p>"
        f'<p>附件：<a href="/media/attachments/{day.year}/{day.month:02d}/招生结果名单.xlsx">'
        "招生结果名单.xlsx</a></p>",
        genre="公告",
    )  # fmt: skip
    links = check_items([broken], actor=ACTOR)
    runs = red = 0
    for weeks in (1, 0):  # weekly runs: the history chart
        as_of = today - dt.timedelta(weeks=weeks)
        for city in cities.values():
            results = check_city(city, as_of)
            for r in results:
                record_run(ACTOR, r)
                runs += 1
            if weeks == 0:
                recheck_work_orders(ACTOR, results)
                red += sum(1 for r in results if r.result.vetoes)
    ctx.log(f"  health: {published} items so columns are realistic ({t1 - t0:.0f} s), "
            f"{links['broken']} broken link, {runs} check runs stored ({time.monotonic() - t1:.0f} s), "
            f"{red} organisation(s) failing")  # fmt: skip
