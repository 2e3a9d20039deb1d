"""Demo data of the catalog.

- every organisation gets its legal catalog structure;
- the two seed documents published as items of the two city offices (metadata read from their
  headers), each with an interpretation;
- a few hundred generated items over columns and months in both cities (2026 monthly 财政收支
  in 市财政局 › 财政预决算 › 财政收支月报 for the walkthrough), some withdrawn, expired, replaced;
- items in the workflow for the 工作台: drafts, a review queue (including a 低保 list whose
  attachment the privacy guard catches), a scheduled publication, items expiring soon.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation
from gongkai.rules.catalog_header import parse_header
from gongkai.rules.idcard import check_char
from gongkai.rules.sanitize import text_to_html

from . import actions, services
from . import demo_texts as texts
from .models import CatalogEntry, Item

log = logging.getLogger(__name__)

from gongkai.core.seeds import SEEDS_DIR as SEEDS  # noqa: E402

SEED_FILES = [("聊城市", "000_ce6ae8f612e35b9c.txt"), ("东营市", "001_c56c3127088352aa.txt")]
DOC_PREFIX = {"聊城市": "聊", "东营市": "东"}

# department short name → [(column slug, title template, genre, kind, months apart)]
SAMPLES = {
    "市财政局": [
        ("czyjs", "{year}年{org}部门预算", "报告", "document", 12),
        ("czyjs", "{year}年{city}“三公”经费预算情况说明", "说明", "document", 12),
        ("fees", "{city}行政事业性收费目录清单（{year}年第{q}次调整）", "清单", "document", 6),
        ("procurement", "{year}年{m}月政府采购意向公开", "公告", "document", 2),
    ],
    "市民政局": [
        ("assistance", "{year}年第{q}季度城乡低保保障情况", "报告", "document", 3),
        ("assistance", "{city}临时救助政策问答（{year}年）", "问答", "document", 12),
        ("assistance", "关于提高{year}年{city}城乡低保标准的通知", "通知", "document", 12),
    ],
    "市环保局": [
        ("environment", "{year}年{m}月{city}环境空气质量状况", "公告", "document", 2),
        ("environment", "关于{year}年{m}月建设项目环评审批的公示", "公示", "document", 2),
    ],
    "市教育局": [("education", "{year}年{city}义务教育阶段招生工作方案", "方案", "document", 12)],
    "市卫生计生委": [("health", "{year}年{m}月{city}法定传染病疫情概况", "公告", "document", 2)],
    "市食品药品监管局": [
        ("food-drug", "{year}年第{q}期食品安全监督抽检信息", "公告", "document", 3)
    ],
    "市安监局": [("safety", "{year}年{m}月{city}安全生产执法检查情况", "通报", "document", 2)],
    "市扶贫办": [("poverty", "{year}年{city}扶贫资金分配情况公告", "公告", "document", 6)],
    "市发展改革委": [
        ("projects", "{year}年{city}重点建设项目进展情况（第{q}季度）", "报告", "document", 3),
        ("plans", "{city}{year}年国民经济和社会发展计划", "计划", "document", 12),
    ],
    "市物价局": [("prices", "{year}年{m}月主要农产品和生活必需品价格监测", "公告", "document", 2)],
    "市住房城乡建设局": [
        ("housing", "{year}年第{q}季度保障性安居工程建设进展", "报告", "document", 3)
    ],
    "市人力资源社会保障局": [
        ("employment", "{year}年第{q}季度社会保险参保和基金收支情况", "报告", "document", 3),
    ],
    "市国资委": [("soe", "{year}年第{q}季度市属国有企业经营情况", "报告", "document", 3)],
    "市统计局": [("statistics", "{year}年{m}月{city}国民经济主要指标", "公告", "document", 2)],
    "市国土资源局": [
        ("expropriation", "{city}{year}年第{q}批次征收土地补偿安置方案公告", "公告", "document", 4)
    ],
    "市政府办公室": [("news", "{city}召开{year}年{m}月政务公开工作推进会", "动态", "news", 2)],
}
NORMATIVE = [
    # (title, theme, effective years ago) – 行政规范性文件 of the city government office
    ("{city}城乡居民最低生活保障实施办法", "社会救助", 2019),
    ("{city}政府信息公开保密审查办法", "政务公开", 2020),
    ("{city}重大行政决策公众参与办法", "政务公开", 2021),
]


def _fake_id(rng, born: dt.date) -> str:
    first17 = f"3715{rng.randint(2, 26):02d}{born:%Y%m%d}{rng.randint(1, 999):03d}"
    return first17 + check_char(first17)


def low_income_list_xlsx(rng, city: str) -> bytes:
    """A 低保 list as departments wrongly publish it: full ID numbers and phone numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "低保名单"
    ws.append([f"{city}2026年第三季度城乡最低生活保障对象名单"])
    ws.append(["序号", "户主姓名", "身份证号码", "联系电话", "保障人数", "月保障金（元）"])
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    for n in range(1, 21):
        born = dt.date(rng.randint(1940, 1990), rng.randint(1, 12), rng.randint(1, 28))
        phone = f"13{rng.randint(5, 9)}{rng.randint(10000000, 99999999)}"
        ws.append([n, rng.choice(surnames) + "某某", _fake_id(rng, born), phone,
                   rng.randint(1, 4), rng.choice([410, 620, 820, 1030])])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


try:  # the departments whose 年报 the annual-report app generates (not published here too)
    from gongkai.annualreport.demo import DEPTS as _AR_DEPTS

    _ANNUAL_REPORT_APP = {d[0] for d in _AR_DEPTS}
except ImportError:  # pragma: no cover - the app is always installed
    _ANNUAL_REPORT_APP = set()

FINANCE_COLUMNS = [
    "统计期",
    "一般公共预算收入（万元）",
    "其中：税收收入（万元）",
    "非税收入（万元）",
    "一般公共预算支出（万元）",
    "其中：民生支出（万元）",
    "一般公共预算收入累计（万元）",
    "一般公共预算支出累计（万元）",
]
FINANCE_BASE = {"聊城市": 190000, "东营市": 240000}  # monthly revenue a clerk would believe (万元)


def finance_month(city: str, year: int, month: int) -> dict:
    """One month's figures, the same whatever order they are asked in (seeded by the month):
    tax + non-tax = revenue, 民生 within spending, cumulative = the sum of the months."""
    import random

    def one(y: int, m: int) -> tuple[int, int, int, int, int]:
        r = random.Random(f"finance-{city}-{y}-{m}")
        trend = 1 + 0.045 * (y - 2020) + 0.004 * m
        season = 1.18 if m in (1, 3, 6, 12) else 0.92 if m in (2, 8) else 1.0
        revenue = int(FINANCE_BASE.get(city, 200000) * trend * season * r.uniform(0.93, 1.07))
        tax = int(revenue * r.uniform(0.68, 0.78))
        spending = int(revenue * r.uniform(1.35, 1.75))
        welfare = int(spending * r.uniform(0.74, 0.82))
        return revenue, tax, revenue - tax, spending, welfare

    revenue, tax, non_tax, spending, welfare = one(year, month)
    months = [one(year, k) for k in range(1, month + 1)]
    return {
        "revenue": revenue,
        "tax": tax,
        "non_tax": non_tax,
        "spending": spending,
        "welfare": welfare,
        "revenue_total": sum(x[0] for x in months),
        "spending_total": sum(x[3] for x in months),
    }


def monthly_finance_xlsx(
    rng, city: str, year: int, month: int, figures: dict | None = None
) -> bytes:
    """The 财政收支 table in the 数据开放 schema (one row per month; see docs/open-data.md)."""
    import openpyxl

    f = figures or finance_month(city, year, month)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "财政收支"
    ws.append([f"{city}{year}年{month}月一般公共预算收支情况表"])
    ws.append(FINANCE_COLUMNS)
    ws.append([f"{year}年{month}月", f["revenue"], f["tax"], f["non_tax"], f["spending"],
               f["welfare"], f["revenue_total"], f["spending_total"]])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FINANCE_MONTHS = 36  # three years of monthly reports
FINANCE_GAP = 13  # the month this many months back is never published (a missing period)


def _finance_reports(loader, city, city_name) -> int:
    """Monthly 财政收支 in 市财政局 › 财政预决算 › 财政收支月报 (the walkthrough's column), each
    with its table: three years up to the month before last (last month's is the editor's
    walkthrough task); one month is missing. Publishing feeds the 数据开放 series."""
    today = loader.today
    finance = Organisation.objects.get(city=city, short_name="市财政局")
    last = today.replace(day=1) - dt.timedelta(days=1)
    y, m = last.year, last.month
    months = []
    for _ in range(FINANCE_MONTHS):
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        months.append((y, m))
    count = 0
    for back, (y, m) in enumerate(months, start=1):
        if back == FINANCE_GAP:
            continue
        pub = dt.date(y + (m == 12), m % 12 + 1, 15)
        if pub > today:
            continue
        f = finance_month(city_name, y, m)
        before = finance_month(city_name, y - 1, m)
        growth = (f["revenue_total"] - before["revenue_total"]) / before["revenue_total"] * 100
        loader.later(
            finance, "czsz", f"{y}年{m}月{city_name}财政收支情况",
            f"<p>{y}年1—{m}月，全市一般公共预算收入完成{f['revenue_total']}万元，"
            f"同比增长{growth:.1f}%；一般公共预算支出完成{f['spending_total']}万元。</p>"
            "<p>收支增减变化的主要原因：税收收入平稳增长，民生支出保持较高强度。</p>",
            _at(pub, 9), genre="报告", theme="财政", keywords="财政收支 月报",
            five_category="result",
            attachments=[(f"{y}年{m}月财政收支情况表.xlsx",
                          monthly_finance_xlsx(None, city_name, y, m, f))],
        )  # fmt: skip
        count += 1
    loader.flush()
    return count


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class _Loader:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.random
        self.today = ctx.today
        self.entries: dict[tuple[int, str], CatalogEntry] = {}
        self.pending: list[dict] = []

    def col(self, org, slug) -> CatalogEntry:
        key = (org.pk, slug)
        if key not in self.entries:
            self.entries[key] = CatalogEntry.objects.get(organisation=org, slug=slug)
        return self.entries[key]

    def later(self, org, slug, title, body, when, **fields) -> None:
        """An item for the next ``flush``: runs of items are published in one batch
        (``publish_many``: the same items, numbers and audit entries, in the same order, as one
        ``publish_item_now`` each)."""
        self.pending.append(
            dict(
                organisation=org,
                title=title,
                body=body,
                entries=[self.col(org, slug)],
                published_at=when,
                **fields,
            )
        )

    def flush(self) -> list[Item]:
        rows, self.pending = self.pending, []
        return actions.publish_many(rows, actor=SYSTEM("catalog demo"), reason="演示数据")

    def publish(self, org, slug, title, body, when, **fields) -> Item:
        """One item now (after the pending ones)."""
        self.later(org, slug, title, body, when, **fields)
        return self.flush()[-1]


def load(ctx):
    cities = ctx.shared.get("cities") or {
        o.name[:3]: o for o in Organisation.objects.filter(parent__isnull=True)
    }
    created = services.ensure_legal_structure_many(Organisation.objects.all())
    ctx.log(f"  {created} catalog columns")
    loader = _Loader(ctx)
    counts = {"seed": 0, "generated": 0}
    for city_name, filename in SEED_FILES:
        city = cities.get(city_name)
        if city is not None and _seed(loader, city, city_name, filename):
            counts["seed"] += 1
    for city_name, city in cities.items():
        counts["generated"] += _generate(loader, city, city_name)
        _workflow(loader, city, city_name)
    result = actions.expire_due(_at(ctx.today))
    ctx.log(
        f"  {Item.objects.count()} catalog items ({counts['seed']} seed documents, "
        f"{counts['generated']} generated; {result})"
    )


def _seed(loader, city, city_name, filename) -> bool:
    path = SEEDS / filename
    if not path.exists():
        loader.ctx.log(f"  seed document {path} not found: skipped")
        return False
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    office = Organisation.objects.get(city=city, short_name="市政府办公室")
    issuer = Organisation.objects.filter(name=header.issuer).first() or office
    signed = header.signed_on or dt.date(2017, 6, 1)
    published = signed + dt.timedelta(days=4)
    policy = loader.publish(
        office,
        "normative",
        header.title or filename,
        text_to_html(text),
        _at(published, 9),
        kind="policy",
        doc_number=header.doc_number,
        signed_on=signed,
        issuers=[issuer],
        theme="政务公开",
        genre="通知",
        keywords="政务公开 工作要点",
        five_category="execution",
    )
    policy.entries.add(loader.col(office, "plans"))
    year = signed.year
    loader.publish(
        office,
        "interpretation",
        f"《{year}年{city_name}政务公开工作要点》解读",
        _interpretation_body(city_name, header.doc_number, year),
        _at(published, 9),
        kind="interpretation",
        interpretation_form="qa",
        interprets=[policy],
        issuers=[issuer],
        theme="政务公开",
        genre="解读",
    )
    return True


def _interpretation_body(city_name, doc_number, year) -> str:
    qa = [
        ("为什么要制定《工作要点》？",
         f"为贯彻落实国家和省关于全面推进政务公开工作的部署，{city_name}人民政府办公室印发了"
         f"{doc_number}，明确{year}年全市政务公开工作的任务和责任单位。"),
        ("主要内容有哪些？",
         "以政务公开助力稳增长、促改革、调结构、惠民生、防风险，加强解读回应，扩大公众参与，"
         "强化制度和平台建设，并将政务公开纳入绩效考核。"),
        ("群众如何获取政府信息？",
         "可通过政府网站政府信息公开专栏查询主动公开的信息，也可依法提出政府信息公开申请，"
         "行政机关应在收到申请之日起20个工作日内予以答复。"),
    ]  # fmt: skip
    return "".join(f"<h3>问：{q}</h3><p>答：{a}</p>" for q, a in qa)


def _months(start: dt.date, end: dt.date, step: int):
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield y, m
        m += step
        while m > 12:
            y, m = y + 1, m - 12


# A report on a period is published after the period ends (a clerk never dates the Q4 report in
# October): these templates name a month or a quarter that is over by the publication day.
MONTH_REPORTS = ("环境空气质量状况", "法定传染病疫情概况", "安全生产执法检查情况", "价格监测",
                 "国民经济主要指标", "环评审批")  # fmt: skip


def _period_of(template: str) -> str:
    if "季度" in template:
        return "quarter"
    if "{m}月" in template and any(w in template for w in MONTH_REPORTS):
        return "month"
    return ""


def _reported(day: dt.date, period: str) -> tuple[int, int, int]:
    """(year, month, quarter) a title names when published on ``day``: the last finished month
    or quarter for reports on a period, else the publication's own month and quarter."""
    y, m = day.year, day.month
    if period == "month":
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return y, m, (m - 1) // 3 + 1
    if period == "quarter":
        q = (m - 1) // 3  # quarters finished this year
        if q == 0:
            return y - 1, 12, 4
        return y, q * 3, q
    return y, m, (m - 1) // 3 + 1


def _generate(loader, city, city_name) -> int:
    rng, today = loader.rng, loader.today
    prefix = DOC_PREFIX.get(city_name, city_name[:1])
    count = 0
    start = dt.date(today.year - 1, 1, 1)
    count += _finance_reports(loader, city, city_name)
    # Sample items over columns and months.
    by_short = {o.short_name: o for o in Organisation.objects.filter(city=city)}
    for short, templates in SAMPLES.items():
        org = by_short.get(short)
        if org is None:
            continue
        for slug, template, genre, kind, step in templates:
            period = _period_of(template)
            first = 1 if period == "quarter" else rng.randint(1, step)  # quarterly: Jan/Apr/Jul/Oct
            for y, m in _months(dt.date(start.year, first, 1), today, step):
                day = dt.date(y, m, rng.randint(3, 25))
                if day >= today:
                    break
                ty, tm, q = _reported(day, period)
                title = template.format(year=ty, m=tm, q=q, city=city_name, org=org.name)
                expires = None
                if slug in ("procurement", "projects") and rng.random() < 0.3:
                    expires = day + dt.timedelta(days=rng.randint(60, 400))
                loader.later(
                    org, slug, title,
                    f"<p>{title}。</p><p>{org.name}根据有关规定，现将{title}予以公开。"
                    f"联系电话：{org.phone or '12345'}。</p>",
                    _at(day, rng.randint(8, 17)), genre=genre, kind=kind,
                    issuers=[org], five_category=rng.choice(["execution", "result", "service"]),
                    expires_on=expires, keywords=title[:20],
                )  # fmt: skip
                count += 1
                if rng.random() < 0.03:
                    item = loader.flush()[-1]
                    actions.withdraw(item, actor=loader_admin(city), reason="内容有误，已重新发布")
    # Each department's guide and last year's annual report.
    for short in list(SAMPLES)[:10]:
        org = by_short.get(short)
        if org is None:
            continue
        loader.later(
            org, "guide", f"{org.name}政府信息公开指南",
            f"<h3>一、主动公开</h3><p>{org.name}主动公开的政府信息通过政府网站、政务新媒体等渠道发布。</p>"
            f"<h3>二、依申请公开</h3><p>{org.how_to_apply}</p><h3>三、联系方式</h3>"
            f"<p>办公地址：{org.address}；邮编：{org.postcode}；电话：{org.phone}；{org.office_hours}</p>",
            _at(dt.date(today.year, 1, 10)), genre="指南",
        )  # fmt: skip
        count += 1
        if short in _ANNUAL_REPORT_APP:  # generated and published by the annual-report app
            continue
        last = today.year - 1
        loader.flush()  # the report counts what was published
        published = Item.objects.public().filter(organisation=org, published_at__year=last)
        loader.later(
            org, "annual-report", f"{org.name}{last}年政府信息公开工作年度报告",
            texts.annual_report_body(rng, org.name, last, published.count(), 0),
            _at(dt.date(today.year, 1, 20)), genre="报告", issuers=[org],
        )  # fmt: skip
        count += 1
    # 行政规范性文件 of the city office, each with its interpretation; the oldest repealed and
    # replaced by a newer version.
    office = by_short["市政府办公室"]
    older = None
    for n, (template, theme, year) in enumerate(NORMATIVE, start=1):
        title = template.format(city=city_name)
        day = dt.date(year, 3 + n, 10)
        files = [(f"{city_name}政府信息公开保密审查表.docx", texts.review_form_docx(city_name))]
        policy = loader.publish(
            office, "normative", title,
            f"<p>第一条 为规范{theme}工作，根据有关法律法规，结合本市实际，制定本办法。</p>"
            "<p>第二条 本办法适用于本市行政区域内的相关工作。</p>"
            f"<p>第三条 本办法自{day.year}年{day.month}月{day.day}日起施行，有效期5年。</p>",
            _at(day), kind="normative", doc_number=f"{prefix}政办发〔{year}〕{n * 3}号",
            signed_on=day - dt.timedelta(days=5), effective_on=day,
            expires_on=day.replace(year=day.year + 5), issuers=[office], theme=theme, genre="办法",
            five_category="decision", attachments=files if "保密审查" in title else (),
        )  # fmt: skip
        loader.publish(
            office, "interpretation", f"《{title}》政策解读",
            f"<p>一、制定背景：……</p><p>二、主要内容：{title}共三条……</p>",
            _at(day), kind="interpretation", interpretation_form="text", interprets=[policy],
        )  # fmt: skip
        count += 2
        if older is None:
            older = policy
    # the current 低保 policy: real articles, its application form attached, a 解读 with substance
    rev = today.year - 1
    title = f"{city_name}城乡居民最低生活保障实施办法（{rev}年修订）"
    newer = loader.publish(
        office, "normative", title,
        texts.dibao_policy_body(city_name, rev, f"{older.doc_number}印发的实施办法"),
        _at(dt.date(rev, 9, 1)), kind="normative", doc_number=f"{prefix}政办发〔{rev}〕21号",
        signed_on=dt.date(rev, 8, 25), effective_on=dt.date(rev, 10, 1), issuers=[office],
        theme="社会救助", genre="办法", keywords="低保 最低生活保障 社会救助",
        attachments=[(f"{city_name}最低生活保障申请审批表.docx", texts.dibao_form_docx(city_name))],
    )  # fmt: skip
    loader.publish(
        office, "interpretation", f"《{title}》政策解读",
        texts.dibao_interpretation_body(city_name, rev, title), _at(dt.date(rev, 9, 1)),
        kind="interpretation", interpretation_form="qa", interprets=[newer], issuers=[office],
        theme="社会救助", genre="解读", keywords="低保标准 低保申请",
    )  # fmt: skip
    count += 1
    actions.set_validity(
        older, actor=loader_admin(city), validity="repealed",
        changed_on=dt.date(today.year - 1, 9, 1), replaced_by=newer,
        note=f"由{newer.doc_number}废止",
    )  # fmt: skip
    return count + 1


def loader_admin(city) -> User | None:
    prefix = "lc" if city.name.startswith("聊城") else "dy"
    return User.objects.filter(username=f"{prefix}-admin").first()


def _workflow(loader, city, city_name) -> None:
    """Items on their way through the workflow, so the 工作台 has something to show."""
    prefix = "lc" if city_name.startswith("聊城") else "dy"
    users = {u.username: u for u in User.objects.filter(username__startswith=f"{prefix}-")}
    editor, reviewer = users.get(f"{prefix}-editor"), users.get(f"{prefix}-reviewer")
    mz_editor = users.get(f"{prefix}-mz-editor")
    if not (editor and reviewer and mz_editor):
        return
    today = loader.today
    finance = Organisation.objects.get(city=city, short_name="市财政局")
    civil = Organisation.objects.get(city=city, short_name="市民政局")
    actions.create_item(
        organisation=finance, actor=editor, title=f"{today.year}年政府采购领域专项检查情况（草稿）",
        entries=[loader.col(finance, "procurement")], body="<p>待完善。</p>", genre="通报",
    )  # fmt: skip
    waiting = actions.create_item(
        organisation=finance, actor=editor,
        title=f"{today.year}年{city_name}市级预算调整方案",
        entries=[loader.col(finance, "czyjs")], genre="方案", five_category="decision",
        body="<p>根据预算法有关规定，现将预算调整方案公开如下……</p>",
    )  # fmt: skip
    actions.submit(waiting, actor=editor)
    nq_year, nq = (
        (today.year, (today.month - 1) // 3 + 2) if today.month < 10 else (today.year + 1, 1)
    )
    scheduled = actions.create_item(
        organisation=finance, actor=editor,
        title=f"{nq_year}年{'一二三四'[nq - 1]}季度政府采购意向公开",
        entries=[loader.col(finance, "procurement")], genre="公告",
        body="<p>为便于供应商及时了解政府采购信息，现将采购意向公开如下……</p>",
    )  # fmt: skip
    actions.submit(scheduled, actor=editor)
    actions.approve(scheduled, actor=reviewer, publish_at=_at(today + dt.timedelta(days=1), 9))
    expiring = actions.create_item(
        organisation=finance, actor=editor, title=f"关于{today.year}年度财政专项资金申报的通知",
        entries=[loader.col(finance, "czyjs")], genre="通知",
        body="<p>申报截止后本通知自动失效。</p>", expires_on=today + dt.timedelta(days=10),
    )  # fmt: skip
    actions.approve(actions.submit(expiring, actor=editor), actor=reviewer)
    # The 低保 list with full ID numbers: the guard catches it in lc-mz-reviewer's queue.
    ly, _, lq = _reported(today, "quarter")  # the last quarter that is over
    dibao = actions.create_item(
        organisation=civil, actor=mz_editor,
        title=f"{city_name}{ly}年第{'一二三四'[lq - 1]}季度城乡最低生活保障对象名单公示",
        entries=[loader.col(civil, "assistance")], genre="公示", five_category="result",
        body="<p>根据《社会救助暂行办法》，现将本季度城乡低保对象名单予以公示，公示期7天。</p>"
        "<p>如有异议，请拨打监督电话反映。</p>",
    )  # fmt: skip
    actions.add_attachment(
        dibao, actor=mz_editor, name="低保对象名单.xlsx",
        data=low_income_list_xlsx(loader.rng, city_name),
    )  # fmt: skip
    actions.submit(dibao, actor=mz_editor)
