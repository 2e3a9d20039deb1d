"""The long work gongkai offers on /staff/work/: rebuilding the search index, a year's export
of an organisation's catalog, the site-health crawl. Each calls the owning area's public
functions and reports its progress."""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from gongkai.core.errors import Invalid
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.rules import dates

from .registry import Field, Result, register

REINDEX = "search_reindex"
EXPORT = "catalog_year_export"
CRAWL = "health_crawl"


# -- (a) the search index ---------------------------------------------------------------------
class _CountingBackend:
    """The search backend, with the documents of a rebuild counted as they pass."""

    def __init__(self, inner, tick):
        self._inner = inner
        self._tick = tick

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def rebuild(self, docs, *args, **kwargs):
        def counted():
            n = 0
            for doc in docs:
                yield doc
                n += 1
                if n % 50 == 0:
                    self._tick(n)
            self._tick(n)

        return self._inner.rebuild(counted(), *args, **kwargs)


def reindex(job, report) -> Result:
    from gongkai.search import indexing
    from gongkai.search.backends import get_backend

    total = indexing.count_public()
    report(0, total, "正在重建检索索引")
    backend = _CountingBackend(
        get_backend(), lambda n: report(n, total, f"已索引 {n} / {total} 篇文档")
    )
    n = indexing.rebuild(backend)
    return Result(summary=f"检索索引已重建，共 {n} 篇公开文档（{backend.name}）。")


# -- (b) a year's catalog of one organisation ---------------------------------------------------
EXPORT_COLUMNS = ["索引号", "标题", "发文字号", "发文机关", "成文日期", "发布日期",
                  "信息类别", "主题分类", "所属栏目", "有效性", "网址"]  # fmt: skip
YEAR_RANGE = "请填写 2000 年至 {last} 年之间的年份。"


def clean_export(data: dict, org) -> dict:
    last = dates.today().year
    raw = str(data.get("year", "")).strip()
    if not raw.isdigit() or not 2000 <= int(raw) <= last:
        raise Invalid(errors={"year": YEAR_RANGE.format(last=last)})
    return {"year": int(raw)}


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    start = dates.local(dt.datetime(year, 1, 1))
    return start, dates.local(dt.datetime(year + 1, 1, 1))


def export_year(job, report) -> Result:
    from gongkai.catalog.models import Item
    from gongkai.portal.queries import item_url

    year, org = int(job.params["year"]), job.organisation
    start, end = _year_bounds(year)
    qs = (
        Item.objects.public()
        .filter(organisation=org, published_at__gte=start, published_at__lt=end)
        .prefetch_related("issuers", "entries")
        .order_by("published_at", "pk")
    )
    total = qs.count()
    report(0, total, "正在读取公开信息")
    rows = []
    for n, item in enumerate(qs.iterator(chunk_size=500), start=1):
        rows.append([
            item.index_no, item.title, item.doc_number,
            "、".join(o.name for o in item.issuers.all()) or org.name,
            item.signed_on, dates.local(item.published_at).date(),
            item.get_kind_display(), item.theme,
            "、".join(e.name for e in item.entries.all()),
            item.get_validity_display() if item.validity else "",
            item_url(item),
        ])  # fmt: skip
        if n % 200 == 0:
            report(n, total, f"已导出 {n} / {total} 条")
    report(total, total, "正在生成表格")
    sheet = Sheet.simple(
        f"{year}年",
        EXPORT_COLUMNS,
        rows,
        caption=f"{org.name}{year}年主动公开政府信息目录（{dates.zh_date(dates.today())}导出，共{total}条）",
        widths=[24, 48, 22, 24, 12, 12, 14, 14, 24, 8, 20],
    )
    return Result(
        name=f"{org.name}{year}年公开信息目录.xlsx",
        data=xlsx_bytes([sheet]),
        summary=f"{org.name}{year}年主动公开的信息共 {total} 条。",
    )


# -- (c) the site-health crawl ------------------------------------------------------------------
def clean_crawl(data: dict, org) -> dict:
    """The crawl starts at the organisation's pages on this site: GONGKAI_HEALTH_BASE_URL, or the
    address the page was opened at (never an address typed into the form)."""
    from gongkai.health.links import base_url

    base = base_url() or str(data.get("_site", "")).rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise Invalid("未配置网站地址（GONGKAI_HEALTH_BASE_URL），无法检查。")
    return {"start": f"{base}/org/{org.code}/"}


def crawl_site(job, report) -> Result:
    from gongkai.health.crawler import Checker

    start = job.params["start"]
    pages = int(getattr(settings, "GONGKAI_LONGWORK_CRAWL_PAGES", 200))
    seconds = float(getattr(settings, "GONGKAI_LONGWORK_CRAWL_SECONDS", 600))
    checker = Checker(slow_seconds=float(getattr(settings, "GONGKAI_HEALTH_SLOW_SECONDS", 5.0)))
    report(0, 0, f"正在检查 {start}")
    with ThreadPoolExecutor(max_workers=1) as pool:  # the crawl has its own threads; no database
        running = pool.submit(checker.crawl, start, max_pages=pages, max_seconds=seconds)
        while not running.done():
            time.sleep(0.5)
            report(checker.requests, 0, f"已请求 {checker.requests} 个网址")
        rep = running.result()
    report(rep.checked, rep.checked, "正在生成表格")

    def rows(results):
        return [[r.url, r.status, r.error or ("较慢" if r.ok else ""),
                 None if r.seconds is None else round(r.seconds, 2), "\n".join(r.found_on[:5])]
                for r in results]  # fmt: skip

    cols = ["网址", "状态码", "情况", "用时（秒）", "所在页面"]
    overview = [
        ["起始页", rep.base],
        ["检查页面数", rep.pages],
        ["检查网址数", rep.checked],
        ["失效链接", len(rep.broken)],
        ["慢页面", len(rep.slow)],
        ["未检查（robots.txt 或时间用完）", len(rep.skipped)],
        ["未访问的站内页面", rep.unvisited],
        ["是否超时", "是" if rep.timed_out else "否"],
    ]
    day = dates.today()
    book = xlsx_bytes([
        Sheet.simple("概况", ["项目", "结果"], overview, widths=[30, 60],
                     caption=f"{job.organisation.name}网站链接检查（{dates.zh_date(day)}）"),
        Sheet.simple("失效链接", cols, rows(rep.broken), widths=[60, 8, 24, 10, 60]),
        Sheet.simple("慢页面", cols, rows(rep.slow), widths=[60, 8, 24, 10, 60]),
        Sheet.simple("未检查", cols, rows(rep.skipped), widths=[60, 8, 24, 10, 60]),
    ])  # fmt: skip
    return Result(
        name=f"{job.organisation.name}网站链接检查{day:%Y%m%d}.xlsx",
        data=book,
        summary=f"检查 {rep.pages} 个页面、{rep.checked} 个网址：失效 {len(rep.broken)} 个，"
        f"慢页面 {len(rep.slow)} 个。",
    )


def register_all() -> None:
    register(REINDEX, "重建检索索引", reindex, "administer", scope="city",
             description="从全部公开文档重建本节点的检索索引（全站）。")  # fmt: skip
    register(
        EXPORT, "导出全年公开信息目录（.xlsx）", export_year, "edit",
        clean=clean_export,
        fields=[Field("year", "年度", default=lambda: dates.today().year)],
        describe=lambda p: f"{p.get('year')}年",
        description="本机构一年中主动公开的全部信息，一行一条。",
    )  # fmt: skip
    register(CRAWL, "网站链接检查", crawl_site, "administer", scope="city", clean=clean_crawl,
             description="从本市的政府信息公开页面出发，检查站内页面和其中的链接、附件。")  # fmt: skip
