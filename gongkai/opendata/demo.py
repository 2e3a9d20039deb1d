"""Demo data of 数据开放, for both cities, fed by publishing items through the catalog.

- 财政收支 (monthly, three years): the catalog demo already published the 市财政局 reports with
  their tables; the dataset takes them (``ingest_column``); one month is missing, and the latest
  month is corrected through the revision workflow (lc-editor edits, lc-reviewer approves);
- 重点批发市场价格 (weekly, 20 weeks), 粮食收购进度 (every 5 days in the summer harvest season),
  饮用水水质 (quarterly, by county), 社会救助 (quarterly): their items are published here, each
  series with one missing period and one corrected period.

Figures are consistent: parts never exceed their totals, cumulative figures are the sums.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import CatalogEntry, Item
from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation
from gongkai.rules.opendata import periods as period_rules

from . import actions
from .models import Dataset, PeriodVersion

ACTOR = SYSTEM("opendata demo")
COUNTIES = {
    "聊城市": ["东昌府区", "临清市", "阳谷县", "莘县", "茌平区", "东阿县", "冠县", "高唐县"],
    "东营市": ["东营区", "河口区", "垦利区", "利津县", "广饶县"],
}
PREFIX = {"聊城市": "lc", "东营市": "dy"}

FINANCE = {
    "period_field": "统计期",
    "fields": [
        {"name": "一般公共预算收入", "unit": "万元"},
        {"name": "税收收入", "unit": "万元", "part_of": "一般公共预算收入"},
        {"name": "非税收入", "unit": "万元", "part_of": "一般公共预算收入"},
        {"name": "一般公共预算支出", "unit": "万元"},
        {"name": "民生支出", "unit": "万元", "part_of": "一般公共预算支出"},
        {"name": "一般公共预算收入累计", "unit": "万元", "cumulative_of": "一般公共预算收入"},
        {"name": "一般公共预算支出累计", "unit": "万元", "cumulative_of": "一般公共预算支出"},
    ],
}
GOODS = [("猪肉", 26.0), ("牛肉", 68.0), ("鸡蛋", 8.4), ("大白菜", 1.6), ("西红柿", 4.8),
         ("黄瓜", 4.2), ("面粉", 3.6), ("大米", 5.2)]  # fmt: skip
PRICES = {
    "period_field": "统计期",
    "fields": [{"name": name, "unit": "元/公斤"} for name, _ in GOODS],
}
GRAIN = {
    "period_field": "统计期",
    "fields": [
        {"name": "小麦收购量", "unit": "万吨"},
        {"name": "国有企业收购量", "unit": "万吨", "part_of": "小麦收购量"},
        {"name": "小麦累计收购量", "unit": "万吨", "cumulative_of": "小麦收购量"},
        {"name": "最低收购价", "unit": "元/斤"},
    ],
}
WATER = {
    "period_field": "统计期",
    "area_field": "县市区",
    "fields": [
        {"name": "监测点位数", "type": "integer", "unit": "个"},
        {"name": "达标点位数", "type": "integer", "unit": "个", "part_of": "监测点位数"},
        {"name": "达标率", "type": "percent", "unit": "%"},
    ],
}
ASSISTANCE = {
    "period_field": "统计期",
    "fields": [
        {"name": "城市低保人数", "type": "integer", "unit": "人"},
        {"name": "农村低保人数", "type": "integer", "unit": "人"},
        {"name": "特困人员供养人数", "type": "integer", "unit": "人"},
        {"name": "城市低保标准", "unit": "元/人·月"},
        {"name": "农村低保标准", "unit": "元/人·年"},
        {"name": "救助资金支出", "unit": "万元"},
    ],
}


def _xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _header(schema: dict) -> list[str]:
    head = [schema["period_field"]] + ([schema["area_field"]] if schema.get("area_field") else [])
    return head + [
        f"{f['name']}（{f['unit']}）" if f.get("unit") else f["name"] for f in schema["fields"]
    ]


def _body_table(title: str, header: list[str], rows: list[list]) -> str:
    """An item's text with its figures as a table (a source like an attachment)."""
    from django.utils.html import format_html, format_html_join

    head = format_html_join("", "<th>{}</th>", ((h,) for h in header))
    body = format_html_join(
        "", "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((c,) for c in r)),) for r in rows),
    )  # fmt: skip
    return format_html(
        "<p>{}如下。</p><table><caption>{}</caption><thead><tr>{}</tr></thead>"
        "<tbody>{}</tbody></table>",
        title, title, head, body,
    )  # fmt: skip


class _City:
    def __init__(self, ctx, name, city):
        self.ctx, self.name, self.city = ctx, name, city
        self.orgs = {o.short_name: o for o in Organisation.objects.filter(city=city)}
        users = User.objects.filter(username__startswith=f"{PREFIX.get(name, 'xx')}-")
        self.users = {u.username: u for u in users}

    def entry(self, org, slug):
        return CatalogEntry.objects.get(organisation=org, slug=slug)

    def user(self, key):
        return self.users.get(f"{PREFIX.get(self.name, 'xx')}-{key}")

    def dataset(self, org, slug, key, title, every, first, schema, **kw):
        return actions.create_dataset(
            ACTOR, organisation=org, entry=self.entry(org, slug), slug=f"{PREFIX[self.name]}-{key}",
            title=f"{self.name}{title}", every=every, first_period=first, schema=schema,
            contact=org.phone or "12345", reason="演示数据", **kw,
        )  # fmt: skip

    def publish(self, org, slug, title, when, name, data, body="") -> Item:
        """Publish an item with its table attached (``data``), or written in its ``body``
        (``data`` None)."""
        item = catalog.publish_item_now(
            organisation=org, actor=ACTOR, title=title, entries=[self.entry(org, slug)],
            body=body or f"<p>{title}，详见附表。</p>", published_at=_at(when), genre="公告",
            attachments=[(name, data)] if data is not None else [], reason="演示数据",
            five_category="result",
        )  # fmt: skip
        # Take the period now (the item_published receiver does the same after the commit,
        # which in a demo comes only after the corrections below).
        actions.ingest_item(ACTOR, item)
        return item

    def correct(self, item, name, data, editor=None, reviewer=None, note="更正数据"):
        """A correction through the revision workflow: edit, replace the table, approve."""
        editor, reviewer = editor or ACTOR, reviewer or ACTOR
        revision = catalog.start_revision(item, actor=editor, note=note)
        for att in item.attachments.all():
            catalog.remove_attachment(item, att.pk, actor=editor)
        catalog.add_attachment(item, actor=editor, name=name, data=data)
        catalog.submit_revision(revision, actor=editor)
        # The catalog's guard reads some runs of table figures as phone numbers; the reviewer
        # records why that is a false alarm (the table holds aggregates only).
        catalog.approve_revision(
            revision, actor=reviewer, privacy_override_reason="附表为汇总统计数字，不含个人信息"
        )


def load(ctx):
    cities = ctx.shared.get("cities") or {
        o.name[:3]: o for o in Organisation.objects.filter(parent__isnull=True)
    }
    for name, city in cities.items():
        c = _City(ctx, name, city)
        if not {"市财政局", "市物价局", "市粮食局", "市环保局", "市民政局"} <= set(c.orgs):
            continue
        _finance(c)
        _prices(c)
        _grain(c)
        _water(c)
        _assistance(c)
    ctx.log(f"  {Dataset.objects.count()} datasets, fed by publishing their items")


def _finance(c: _City):
    from gongkai.catalog.demo import FINANCE_MONTHS, finance_month, monthly_finance_xlsx

    today = c.ctx.today
    last = today.replace(day=1) - dt.timedelta(days=1)
    y, m = last.year, last.month - FINANCE_MONTHS
    while m < 1:
        y, m = y - 1, m + 12
    org = c.orgs["市财政局"]
    ds = c.dataset(
        org, "czsz", "finance", "一般公共预算收支（月度）", "month", dt.date(y, m, 1), FINANCE,
        description="全市一般公共预算收入、税收收入、非税收入、支出和民生支出，按月发布；"
        "随每月《财政收支情况》信息的发布自动更新。",
        theme="财政", chart_fields=["一般公共预算收入", "一般公共预算支出"],
    )  # fmt: skip
    actions.ingest_column(ACTOR, ds)
    latest = Item.objects.public().filter(entries=ds.entry).order_by("-published_at").first()
    v = PeriodVersion.objects.filter(dataset=ds, item=latest, is_current=True).first()
    if latest is None or v is None:
        return
    py, pm = v.period_start.year, v.period_start.month
    f = dict(finance_month(c.name, py, pm))
    f["tax"] -= 1500  # 税收收入 was overstated: 1500 万元 belonged to 非税收入
    f["non_tax"] += 1500
    c.correct(latest, f"{py}年{pm}月财政收支情况表（更正）.xlsx",
              monthly_finance_xlsx(None, c.name, py, pm, f), c.user("editor"), c.user("reviewer"),
              note="更正税收收入与非税收入的划分")  # fmt: skip


def _prices(c: _City):
    rng = random.Random(f"prices-{c.name}")
    today = c.ctx.today
    rule = period_rules.Rule("week")
    weeks = [p for y in (today.year - 1, today.year) for p in period_rules.year_periods(rule, y)]
    weeks = [
        p
        for p in weeks
        if p.end + dt.timedelta(days=3) < today and p.end - p.start == dt.timedelta(6)
    ]
    weeks = weeks[-20:]
    org = c.orgs["市物价局"]
    ds = c.dataset(
        org, "prices", "prices", "重点批发市场主要农产品价格（周度）", "week", weeks[0].start, PRICES,
        description="市内重点批发市场主要农产品批发均价，每周发布。", theme="价格",
        chart_fields=["猪肉", "鸡蛋"],
    )  # fmt: skip
    level = {g: base for g, base in GOODS}
    fix = None
    for i, p in enumerate(weeks):
        for g in level:
            level[g] = round(level[g] * rng.uniform(0.97, 1.035), 2)
        if i == 7:
            continue  # the missing week
        row = [p.start.isoformat()] + [level[g] for g, _ in GOODS]
        item = c.publish(org, "prices", f"{c.name}重点批发市场价格信息（{p.label}）",
                         p.end + dt.timedelta(days=2), f"价格监测{p.key}.xlsx",
                         _xlsx(f"{c.name}重点批发市场价格（{p.label}）", _header(PRICES), [row]))  # fmt: skip
        if i == 12:
            fix = (item, p, row)
    item, p, row = fix
    row = row[:1] + [round(row[1] - 0.6, 2)] + row[2:]  # 猪肉 price keyed in wrongly
    c.correct(item, f"价格监测{p.key}（更正）.xlsx",
              _xlsx(f"{c.name}重点批发市场价格（{p.label}）", _header(PRICES), [row]),
              note="更正猪肉价格")  # fmt: skip
    ds.save()


def _grain(c: _City):
    rng = random.Random(f"grain-{c.name}")
    today = c.ctx.today
    year = today.year if today >= dt.date(today.year, 8, 1) else today.year - 1
    rule = period_rules.Rule("5_days", "夏粮收购旺季", "06-01", "07-20")
    org = c.orgs["市粮食局"]
    c.dataset(
        org, "news", "grain", "夏粮收购进度（收购旺季每五日）", "5_days", dt.date(year, 6, 1),
        GRAIN, season_name="夏粮收购旺季", season_start="06-01", season_end="07-20",
        description="夏粮收购旺季（6月1日至7月20日）每五日发布小麦收购进度。", theme="粮食",
        chart_fields=["小麦收购量"], lag_workdays=5,
    )  # fmt: skip
    total, fix = 0.0, None
    for i, p in enumerate(period_rules.year_periods(rule, year)):
        bought = round(rng.uniform(3, 9) * (1.6 if 2 <= i <= 5 else 0.8), 2)
        state = round(bought * rng.uniform(0.35, 0.6), 2)
        total = round(total + bought, 2)
        if i == 6:
            continue  # the missing window (its figures still count in the cumulative)
        row = [p.start.isoformat(), bought, state, total, 1.19]
        title = f"{c.name}{year}年夏粮收购进度（{p.label.removeprefix(f'{year}年')}）"
        item = c.publish(org, "news", title, p.end + dt.timedelta(days=1),
                         f"收购进度{p.key}.xlsx", _xlsx(title, _header(GRAIN), [row]))  # fmt: skip
        if i == 3:
            fix = (item, p, row, title)
    item, p, row, title = fix
    row = [row[0], row[1], round(row[2] - 0.3, 2), row[3], row[4]]
    c.correct(item, f"收购进度{p.key}（更正）.xlsx", _xlsx(title, _header(GRAIN), [row]),
              note="更正国有企业收购量")  # fmt: skip


def _quarters(today: dt.date, n: int) -> list[period_rules.P]:
    rule = period_rules.Rule("quarter")
    qs = [
        p for y in range(today.year - 3, today.year + 1) for p in period_rules.year_periods(rule, y)
    ]
    return [p for p in qs if p.end + dt.timedelta(days=20) < today][-n:]


def _water(c: _City):
    rng = random.Random(f"water-{c.name}")
    quarters = _quarters(c.ctx.today, 8)
    org = c.orgs["市环保局"]
    c.dataset(
        org, "environment", "water", "饮用水水源水质（季度，分县市区）", "quarter", quarters[0].start,
        WATER, description="各县市区集中式饮用水水源、供水厂出水和用户水龙头水质监测达标情况，"
        "每季度发布，并按达标率排名。", theme="生态环境", chart_fields=["达标率"],
        rank_field="达标率",
    )  # fmt: skip
    counties = COUNTIES.get(c.name) or [o.name for o in c.orgs.values()][:4]
    fix = None
    for i, p in enumerate(quarters):
        rows = []
        for county in counties:
            points = rng.randint(12, 30)
            ok = points - rng.choice([0, 0, 0, 1, 1, 2])
            rows.append([p.label, county, points, ok, round(ok / points * 100, 1)])
        if i == 2:
            continue  # the missing quarter
        title = f"{c.name}{p.label}饮用水水质状况"
        item = c.publish(org, "environment", title, p.end + dt.timedelta(days=15),
                         f"饮用水水质{p.key}.xlsx", _xlsx(title, _header(WATER), rows))  # fmt: skip
        if i == 5:
            fix = (item, p, rows, title)
    item, p, rows, title = fix
    rows = [list(r) for r in rows]
    rows[0][3] -= 1  # one more sampling point failed than first reported
    rows[0][4] = round(rows[0][3] / rows[0][2] * 100, 1)
    c.correct(item, f"饮用水水质{p.key}（更正）.xlsx", _xlsx(title, _header(WATER), rows),
              note="更正达标点位数")  # fmt: skip


def _assistance(c: _City):
    rng = random.Random(f"assistance-{c.name}")
    quarters = _quarters(c.ctx.today, 8)
    org = c.orgs["市民政局"]
    c.dataset(
        org, "assistance", "assistance", "社会救助（季度）", "quarter", quarters[0].start,
        ASSISTANCE, description="城乡低保人数、特困人员供养人数、低保标准和救助资金支出，"
        "按季度发布（只含汇总数，不含个人名单）。", theme="社会救助",
        chart_fields=["城市低保人数", "农村低保人数"],
    )  # fmt: skip
    urban, rural, poor = (
        rng.randint(9000, 14000),
        rng.randint(60000, 90000),
        rng.randint(8000, 12000),
    )
    from gongkai.catalog.demo_texts import dibao_standard

    dibao = dibao_standard(c.name)
    fix = None
    for i, p in enumerate(quarters):
        urban = int(urban * rng.uniform(0.97, 1.01))
        rural = int(rural * rng.uniform(0.97, 1.005))
        poor = int(poor * rng.uniform(0.99, 1.01))
        # the standards of the catalog's 低保 policy this year, raised once a year before
        back = quarters[-1].start.year - p.start.year
        standard = dibao["urban"] - 40 * back  # 元/人·月
        rural_year = (dibao["rural"] - 30 * back) * 12  # 元/人·年
        spending = round((urban * standard + rural * rural_year / 12 + poor * 1200) * 3 / 10000, 1)
        row = [p.label, urban, rural, poor, standard, rural_year, spending]
        if i == 4:
            continue  # the missing quarter
        title = f"{c.name}{p.label}社会救助情况"
        if i == len(quarters) - 1:  # the latest quarter: its table written in the text
            item = c.publish(org, "assistance", title, p.end + dt.timedelta(days=12), "", None,
                             body=_body_table(title, _header(ASSISTANCE), [row]))  # fmt: skip
            continue
        item = c.publish(org, "assistance", title, p.end + dt.timedelta(days=12),
                         f"社会救助{p.key}.xlsx", _xlsx(title, _header(ASSISTANCE), [row]))  # fmt: skip
        if i == 6:
            fix = (item, p, row, title)
    item, p, row, title = fix
    row = list(row)
    row[1] -= 37  # 37 people counted twice
    c.correct(item, f"社会救助{p.key}（更正）.xlsx", _xlsx(title, _header(ASSISTANCE), [row]),
              c.user("mz-editor"), c.user("mz-reviewer"), note="更正城市低保人数（重复统计）")  # fmt: skip
