"""Demo: one gazette per city, a monthly issue for two years generated as real PDFs with a text
layer and imported through the importer itself, linked to the demo's policies.

Planted for the walkthrough: last year's 第7期 is missing from the sequence; the latest
issue's 目录 misprints a page number (a proofreading task); one 行政规范性文件
published in the catalog is in no issue (应登尽登); the website's copy of the 民政局's 临时救助
细则 differs from the gazette's standard text; the 规章 has no 文号 on the website, so its link
is a suggestion, confirmed by 聊城's office admin and left waiting in 东营.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.utils import timezone

from gongkai.catalog import actions as catalog
from gongkai.catalog.models import CatalogEntry, Item
from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation

from . import actions
from .importing import import_path
from .models import Article
from .pdfgen import DemoArticle, issue_pdf

PREFIX = {"聊城市": "聊", "东营市": "东"}
MISSING_NUMBER = 7  # last year's 第7期 is not in the collection
ISSUE_DAY = 20


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _column(org, fallback):
    return CatalogEntry.objects.filter(organisation=org, slug="normative").first() or fallback


def _policies(city, name, today) -> tuple[list[Item], Item | None]:
    """The demo's extra policies (through the catalog's own action); returns (all, regulation)."""
    p, y = PREFIX.get(name, name[:1]), today.year
    by_short = {o.short_name: o for o in Organisation.objects.filter(city=city)}
    office = by_short["市政府办公室"]
    office_col = _column(office, None)
    rows = [
        (office, f"{name}政府信息公开申请办理规定", f"{p}政办发〔{y - 1}〕5号", dt.date(y - 1, 3, 12),
         "normative", ["第一条 为规范政府信息公开申请的办理，根据《中华人民共和国政府信息公开条例》，制定本规定。",
                       "第二条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。",
                       "第三条 本规定自印发之日起施行。"]),
        (by_short.get("市财政局", office), f"{name}市级财政专项资金管理办法", f"{p}财发〔{y - 1}〕7号",
         dt.date(y - 1, 5, 8), "normative",
         ["第一条 为加强市级财政专项资金管理，提高资金使用效益，制定本办法。",
          "第二条 专项资金实行预算管理，按照规定程序申报、审核和拨付。",
          "第三条 本办法由市财政局负责解释，自印发之日起施行。"]),
        (by_short.get("市民政局", office), f"{name}临时救助实施细则", f"{p}民发〔{y}〕3号",
         dt.date(y, 4, 15), "normative",
         ["第一条 为做好临时救助工作，根据《社会救助暂行办法》，制定本细则。",
          "第二条 临时救助申请由乡镇人民政府（街道办事处）受理，应当在10个工作日内完成审核。",
          "第三条 本细则自印发之日起施行。"]),
        (office, f"{name}城市绿化管理办法", "", dt.date(y, 2, 20), "regulation",
         ["第一条 为促进城市绿化事业发展，改善生态环境，根据《城市绿化条例》，制定本办法。",
          "第二条 本办法适用于本市城市规划区内的城市绿化规划、建设、保护和管理。",
          "第三条 本办法自公布之日起30日后施行。"]),
        (office, f"{name}行政规范性文件合法性审核办法", f"{p}政办发〔{y}〕9号", dt.date(y, 7, 10),
         "normative", ["第一条 为加强行政规范性文件合法性审核，制定本办法。",
                       "第二条 起草单位应当在提请审议前将文件送司法行政部门审核。"]),
    ]  # fmt: skip
    out, regulation = [], None
    for org, title, number, day, kind, paras in rows:
        item = catalog.publish_item_now(
            organisation=org, actor=SYSTEM("gazette demo"), title=title,
            body="".join(f"<p>{t}</p>" for t in paras),
            entries=[_column(org, office_col)], published_at=_at(day), kind=kind,
            doc_number=number, signed_on=day - dt.timedelta(days=4), issuers=[org],
            genre="办法" if "办法" in title else "规定", theme="政务公开",
            no_interpretation_reason="演示数据", reason="演示数据",
        )  # fmt: skip
        out.append(item)
        if kind == "regulation":
            regulation = item
    return out, regulation


def _policy_article(item: Item, name: str, n: int, today) -> DemoArticle:
    text = item.body_text or ""
    paras = [t.strip() for t in text.splitlines() if t.strip()]
    if "临时救助" in item.title:  # the website copy was edited after publication: 10 vs 7
        paras = [t.replace("10个工作日", "7个工作日") for t in paras]
    paras = [t.replace(",", "，") for t in paras]
    if item.kind == "regulation":
        return DemoArticle(item.title, f"{name}人民政府令第{n}号", "规章", paras,
                           f"{name}人民政府", item.signed_on)  # fmt: skip
    section = "市政府办公室文件" if "办公室" in item.organisation.name else "部门文件"
    return DemoArticle(item.title, item.doc_number, section, paras, item.organisation.name,
                       item.signed_on)  # fmt: skip


def _fillers(rng, name, p, y, m) -> list[DemoArticle]:
    day = dt.date(y, m, min(ISSUE_DAY - 5, 14))
    arts = [
        DemoArticle(
            f"{name}人民政府关于{y}年{m}月份重点工作安排的通知", f"{p}政字〔{y}〕{m * 2 + 1}号",
            "市政府文件",
            [f"各县（市、区）人民政府，市政府各部门：现将{y}年{m}月份全市重点工作安排通知如下。",
             "一、抓好经济运行调度，确保各项指标稳中有进。" * rng.randint(2, 4),
             "二、做好民生保障，落实各项惠民政策。" * rng.randint(2, 5),
             "三、加强安全生产，压实各方责任。" * rng.randint(1, 3)],
            f"{name}人民政府", day,
        ),
        DemoArticle(
            f"{name}人民政府办公室关于同意设立{name}第{m}批市级示范项目的批复",
            f"{p}政办字〔{y}〕{m + 10}号", "市政府办公室文件",
            ["你单位关于设立市级示范项目的请示收悉。经市政府同意，现批复如下。" * 2,
             "请按照有关规定做好项目实施和管理工作。"],
            f"{name}人民政府办公室", day,
        ),
    ]  # fmt: skip
    if m % 3 == 0:
        arts.append(
            DemoArticle(
                f"{name}人民政府关于市直有关部门领导职务任免的通知",
                "",
                "人事任免",
                ["经市政府研究决定，对市直有关部门领导职务予以任免（任免名单详见纸质公报）。"],
                f"{name}人民政府",
                day,
            )  # fmt: skip
        )
    return arts


def _placement(policies: list[Item], issues: list[tuple[int, int, dt.date]], skip) -> dict:
    """Which issue carries which policy: the first one after its publication."""
    out: dict[tuple[int, int], list[Item]] = {}
    for item in policies:
        if item in skip:
            continue
        day = item.published_at.date()
        for y, m, pub in issues:
            if pub > day:
                out.setdefault((y, m), []).append(item)
                break
    return out


def load(ctx):
    cities = ctx.shared.get("cities") or {}
    today = ctx.today
    made = 0
    for name, city in cities.items():
        p = PREFIX.get(name, name[:1])
        extra, regulation = _policies(city, name, today)
        not_published = extra[-1]  # 合法性审核办法: planted as 应登未登
        start = today.year - 1
        issues = []
        for y in (start, start + 1):
            for m in range(1, 13):
                pub = dt.date(y, m, ISSUE_DAY)
                if pub <= today:
                    issues.append((y, m, pub))
        window = _at(dt.date(start, 1, 1))
        policies = list(
            Item.objects.public()
            .filter(kind__in=["normative", "regulation"], organisation__in=Organisation.objects.filter(city=city),
                    published_at__gte=window)
            .order_by("published_at")
        )  # fmt: skip
        placed = _placement(policies, issues, {not_published})
        gazette = actions.ensure_gazette(
            SYSTEM("gazette demo"), city, name=f"{name}人民政府公报", founded_year=start,
            issues_per_year=12,
        )  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="gk-gazette-demo-") as tmp:
            for y, m, pub in issues:
                if (y, m) == (start, MISSING_NUMBER):
                    continue
                arts = [
                    _policy_article(item, name, 10 + n, today)
                    for n, item in enumerate(placed.get((y, m), []))
                ]
                arts += _fillers(ctx.random, name, p, y, m)
                arts.sort(
                    key=lambda a: [
                        "规章",
                        "市政府文件",
                        "市政府办公室文件",
                        "部门文件",
                        "人事任免",
                    ].index(a.section)
                )
                if (y, m) == issues[-1][:2]:  # a misprint in the latest 目录: to proofread
                    arts[-1].toc_page_error = 1
                total = 200 + (y - start) * 12 + m
                data = issue_pdf(f"{name}人民政府公报", y, m, total, pub, arts)
                Path(tmp, f"{y}-{m:02d}.pdf").write_bytes(data)
            report = import_path(SYSTEM("gazette import"), gazette, Path(tmp))
        made += report.imported
        ctx.log(f"    gazette {name}: {report.summary()}")
        admin = ctx.shared.get("users", {}).get(f"{'lc' if name == '聊城市' else 'dy'}-admin")
        if admin is None:
            from gongkai.accounts.models import User

            admin = User.objects.filter(
                username=f"{'lc' if name == '聊城市' else 'dy'}-admin"
            ).first()
        if name == "聊城市" and admin is not None and regulation is not None:
            for article in Article.objects.filter(
                item=regulation, link_state=Article.LINK_SUGGESTED
            ):
                actions.confirm_link(admin, article, reason="标题一致，网站版未录入政府令号")
    return made
