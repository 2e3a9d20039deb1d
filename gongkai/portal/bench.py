"""The portal benchmark: many published items, then the time each public page and API call takes.

Run it on a throwaway data folder (it refuses a database that already holds items):

    GONGKAI_DATA_DIR=/tmp/bench-portal gongkai portal bench --items 100000

It migrates, loads the demo organisations and their legal catalog, bulk-inserts ``--items``
published items spread over organisations, columns, years, kinds and validities, builds the search
index, then requests each URL through Django's test client (whole stack, no network) and reports
the median and 95th percentile in milliseconds. ``write_doc`` puts the table into docs/portal.md.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
from pathlib import Path

from django.db import transaction
from django.test import Client
from django.utils import timezone

from gongkai.rules import dates

REPEAT = 7
GENRES = ["通知", "意见", "办法", "报告", "公告", "规定", "方案"]
THEMES = ["财政", "社会保障", "教育", "卫生", "城乡建设", "环境保护", "政务公开", "农业"]
WORDS = [
    "低保标准",
    "财政收支",
    "政务公开",
    "安全生产",
    "义务教育",
    "养老服务",
    "老旧小区改造",
    "精准扶贫",
    "营商环境",
    "公共资源交易",
]


def populate(n: int, seed: int = 2017, out=print) -> None:
    from gongkai.catalog.models import CatalogEntry, Item
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.core.demo import DemoContext
    from gongkai.orgs import demo as orgs_demo
    from gongkai.orgs.models import Organisation

    rnd = random.Random(seed)
    if not Organisation.objects.exists():
        orgs_demo.load(DemoContext(stdout=open("/dev/null", "w")))  # noqa: SIM115
    orgs = list(Organisation.objects.all())
    ensure_legal_structure_many(orgs)
    columns: dict[int, list[int]] = {}
    for org_id, entry_id in CatalogEntry.objects.filter(section="statutory").values_list(
        "organisation_id", "pk"
    ):
        columns.setdefault(org_id, []).append(entry_id)
    kinds = ["document"] * 6 + ["normative", "policy", "interpretation", "news"]
    validities = ["valid"] * 8 + ["expired", "repealed"]
    start = time.perf_counter()
    batch = 5000
    serial: dict[tuple[int, int], int] = {}
    for offset in range(0, n, batch):
        items, links = [], []
        for i in range(offset, min(n, offset + batch)):
            org = rnd.choice(orgs)
            published = timezone.make_aware(
                dt.datetime(2010, 1, 1) + dt.timedelta(minutes=rnd.randrange(17 * 365 * 24 * 60))
            )
            key = (org.pk, published.year)
            serial[key] = serial.get(key, 0) + 1
            word, other = rnd.sample(WORDS, 2)
            kind = rnd.choice(kinds)
            title = (
                f"关于{org.short_name}{published.year}年{word}工作的{rnd.choice(GENRES)}（第{i}号）"
            )
            text = f"{title}。为做好{word}和{other}，现将有关事项公开如下。" * 3
            items.append(
                Item(
                    organisation=org,
                    kind=kind,
                    title=title,
                    index_no=f"{org.code}/{published.year}-{serial[key]:05d}",
                    doc_number=f"{org.short_name[:2]}发〔{published.year}〕{i % 97 + 1}号"
                    if kind in Item.POLICY_KINDS
                    else "",
                    signed_on=published.date() - dt.timedelta(days=rnd.randrange(10)),
                    published_at=published,
                    theme=rnd.choice(THEMES),
                    genre=rnd.choice(GENRES),
                    body=f"<p>{text}</p>",
                    body_text=text,
                    state=Item.STATE_PUBLISHED,
                    attribute=Item.ATTR_PROACTIVE,
                    validity=rnd.choice(validities),
                )
            )
        with transaction.atomic():
            Item.objects.bulk_create(items)
            for item in items:
                choices = columns.get(item.organisation_id)
                if choices:
                    links.append(
                        Item.entries.through(item_id=item.pk, catalogentry_id=rnd.choice(choices))
                    )
            Item.entries.through.objects.bulk_create(links)
        out(f"  {min(n, offset + batch)} items ({time.perf_counter() - start:.0f} s)")


def urls() -> list[tuple[str, str]]:
    from gongkai.catalog.models import CatalogEntry, Item
    from gongkai.orgs.models import Organisation

    city = Organisation.objects.filter(parent__isnull=True).order_by("sort_order").first()
    dept = Organisation.objects.filter(parent=city).order_by("sort_order").last()
    busiest = (
        CatalogEntry.objects.filter(organisation=dept, section="statutory", parent__isnull=False)
        .order_by("-pk")
        .first()
    )
    item = Item.objects.public().filter(organisation=dept).order_by("-published_at").first()
    item = item or Item.objects.public().order_by("-published_at").first()
    return [
        ("home", "/"),
        ("city home", f"/org/{city.code}/"),
        ("政府信息公开 section", f"/org/{dept.code}/gk/"),
        ("guide", f"/org/{dept.code}/gk/guide/"),
        ("column, page 1", f"/org/{dept.code}/gk/c/{busiest.slug}/"),
        ("column, page 50", f"/org/{dept.code}/gk/c/{busiest.slug}/?page=50"),
        ("item", f"/item/{item.pk}/"),
        ("policy library", "/policies/"),
        ("library: city + year + validity", f"/policies/?org={city.code}&year=2019&validity=valid"),
        ("library: doc number", "/policies/?doc_number=发〔2019〕"),
        ("search: 低保标准", "/search/?q=低保标准"),
        ("search: 2 words + year", "/search/?q=财政收支 安全生产&year=2020"),
        ("search: page 40", "/search/?q=政务公开&page=40"),
        ("organisation feed", f"/org/{dept.code}/feed/rss/"),
        ("sitemap items p.1", "/sitemap-items.xml"),
        ("API items", "/api/v1/items?per_page=100"),
        ("API items, filtered", f"/api/v1/items?org={city.code}&theme=财政&sort=oldest"),
        ("API search", "/api/v1/search?q=养老服务&per_page=50"),
        ("API catalog", f"/api/v1/organisations/{dept.code}/catalog"),
    ]


def measure(out=print) -> list[tuple[str, str, int, float, float]]:
    from django.core.cache import cache

    client = Client()
    rows = []
    for label, url in urls():
        times = []
        status = 0
        for i in range(REPEAT + 1):  # request 0 warms caches and the index reader: not counted
            t = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - t) * 1000
            status = response.status_code
            if i:
                times.append(elapsed)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        rows.append((label, url, status, statistics.median(times), p95))
        out(f"  {label:34} {status} median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms")
    cache.clear()
    return rows


def render(n: int, rows, machine: str, database: str) -> str:
    lines = [
        f"Measured {dates.today().isoformat()} by `gongkai portal bench --items {n}` on "
        f"{machine}; database {database}; {REPEAT} timed requests per URL after one warm-up, "
        "through Django's test client (whole stack, no network).",
        "",
        "| page | status | median ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for label, url, status, median, p95 in rows:
        lines.append(f"| {label} (`{url}`) | {status} | {median:.1f} | {p95:.1f} |")
    return "\n".join(lines)


BEGIN, END = "<!-- portal-bench -->", "<!-- /portal-bench -->"


def write_doc(text: str, path: Path) -> None:
    doc = path.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in doc:
        doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: block, doc, flags=re.S)
    else:
        doc = doc.rstrip() + "\n\n## Performance\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")
