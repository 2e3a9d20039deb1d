"""Long work of the annual report area (issue #16.6, /staff/work/): a city's reports of one year
in one go.

For every organisation on the filing board of the city (``services.board``) the job makes sure
the year's report exists and its figures come from today's data, through the area's own
actions and as the person who started it: no report yet → ``actions.generate`` (a summary
report for a government, with every 汇总范围); a draft → ``actions.refresh`` (what staff typed
is kept); a report submitted, approved or published is left exactly as it is. Each report is
rendered with the area's renderer (a published one as its current published version) and the
result is one .zip: one .docx per organisation and a summary .xlsx of the board.

Drafts created or refreshed are real changes, each committed by its action with its audit
entry; should the job fail half-way they stay (the next run refreshes them), only the .zip is
not kept.
"""

from __future__ import annotations

import io
import zipfile

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.longwork.registry import Field, Result
from gongkai.rules import dates

from . import actions, services
from . import render as R
from .models import AnnualReport

KIND = "annualreport_city_year"
LABEL = "生成全市政府信息公开工作年度报告（.zip）"
ABILITY = "edit"  # who may draft the city's summary on the filing board (views.staff)
FIRST_YEAR = 2008
E_YEAR = "请填写 {first} 年至 {last} 年之间的年份（年度报告在次年编制）。"
DRAFT_LINE = "（草稿）"
CREATED, REFRESHED, FILED = "新建草稿", "按最新数据更新", "已报送，未改动"
BOARD_COLUMNS = ["机关", "状态", "本次处理", "期限", "发布日期", "版本", "核对未通过",
                 "新收申请", "上年结转", "结转下年度", "现行有效规章", "现行有效规范性文件",
                 "行政复议", "行政诉讼"]  # fmt: skip


def last_year() -> int:
    return dates.today().year - 1


def clean(data: dict, org) -> dict:
    """The start form's year: 2008 … last year (this year's report is written next year)."""
    raw = str(data.get("year", "")).strip()
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= last_year():
        raise Invalid(errors={"year": E_YEAR.format(first=FIRST_YEAR, last=last_year())})
    return {"year": int(raw)}


def file_name(org, year: int) -> str:
    name = org.name.replace("/", "／").replace("\\", "＼")
    return f"{year}年{name}政府信息公开工作年度报告.docx"


def _actor(job):
    """The person who started the job (their permission is checked again by every action)."""
    return job.actor if job.actor_id else SYSTEM(f"longwork {job.kind}")


def _make_current(actor, org, report: AnnualReport | None, year: int):
    """(report, what was done): create the draft, refresh a draft, or leave a filed report."""
    if report is None:
        government = org.level in org.GOVERNMENT_LEVELS
        parts = [p for p, _ in AnnualReport.PART_CHOICES] if government else []
        kind = "summary" if government else "own"
        return actions.generate(actor, org, year, kind=kind, parts=parts), CREATED
    if report.state == AnnualReport.STATE_DRAFT:
        return actions.refresh(actor, report), REFRESHED
    return report, FILED


def _docx(report: AnnualReport) -> bytes:
    if report.state == AnnualReport.STATE_PUBLISHED:
        v = services.current_version(report.organisation, report.year)
        if v is not None:
            line = dates.zh_date(dates.local(v.published_at))
            return R.docx_bytes(report.title, v.figures, v.texts, line)
    return R.docx_bytes(report.title, report.figures, report.texts(), DRAFT_LINE)


def _figures(report: AnnualReport) -> list:
    f = report.figures or {}
    t2, t3, t4 = f.get("table2", {}), f.get("table3", {}), f.get("table4", {})

    def total(table, code):
        return (table.get(code) or {}).get("total")

    litigation = [total(t4, "litigation_direct"), total(t4, "litigation_after_review")]
    return [
        total(t3, "new"),
        total(t3, "carried_in"),
        total(t3, "carry_out"),
        (t2.get("regulation") or {}).get("in_force"),
        (t2.get("normative") or {}).get("in_force"),
        total(t4, "review"),
        sum(n for n in litigation if n is not None) if any(n is not None for n in litigation)
        else None,
    ]  # fmt: skip


def _summary_sheet(city, year: int, done: dict[int, str]) -> bytes:
    rows = []
    for row in services.board(city, year, dates.today()):
        r = row.report
        failing = [c.get("label", c.get("name", "")) for c in (r.checks if r else [])
                   if not c.get("ok") and c.get("level") == "error"]  # fmt: skip
        rows.append([
            row.organisation.name, row.status, done.get(row.organisation.pk, ""), row.deadline,
            row.published_on, f"第{r.version}版" if r else "", "、".join(failing),
            *(_figures(r) if r else [None] * 7),
        ])  # fmt: skip
    sheet = Sheet.simple(
        f"{year}年",
        BOARD_COLUMNS,
        rows,
        caption=f"{city.name}{year}年度政府信息公开工作年度报告报送情况"
        f"（{dates.zh_date(dates.today())}生成）",
        widths=[30, 16, 14, 12, 12, 8, 24, 10, 10, 10, 12, 14, 10, 10],
    )
    return xlsx_bytes([sheet])


def generate_city(job, report) -> Result:
    """The job: every organisation of the city's filing board, in the board's order."""
    city, year = job.organisation, int(job.params["year"])
    actor = _actor(job)
    rows = services.board(city, year, dates.today())
    total = len(rows)
    report(0, total, f"共 {total} 个机关")
    done: dict[int, str] = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        used: set[str] = set()
        for n, row in enumerate(rows, start=1):
            org = row.organisation
            current, what = _make_current(actor, org, row.report, year)
            done[org.pk] = what
            name = file_name(org, year)
            if name in used:  # two organisations of the same name: keep both
                name = name.replace(".docx", f"（{org.code}）.docx")
            used.add(name)
            zf.writestr(name, _docx(current))
            report(n, total, f"{n} / {total}：{org.name}（{what}）")
        zf.writestr(f"{year}年{city.name}年度报告报送情况.xlsx", _summary_sheet(city, year, done))
    counts = {w: sum(1 for v in done.values() if v == w) for w in (CREATED, REFRESHED, FILED)}
    return Result(
        name=f"{year}年{city.name}政府信息公开工作年度报告.zip",
        data=buf.getvalue(),
        summary=f"{city.name}{year}年度报告 {total} 份：新建草稿 {counts[CREATED]} 份，"
        f"按最新数据更新 {counts[REFRESHED]} 份，已报送未改动 {counts[FILED]} 份。",
    )


def register() -> None:
    from gongkai import longwork

    longwork.register(
        KIND,
        LABEL,
        generate_city,
        ABILITY,
        scope="city",
        clean=clean,
        fields=[Field("year", "年度", default=last_year, help="2008 年至上一年")],
        describe=lambda p: f"{p.get('year')}年",
        description="为报送情况表上的每个机关起草或按最新数据更新该年度的年度报告（已报送、"
        "已发布的不改动），打包下载各机关的 .docx 和报送情况表。",
    )
