"""A city's annual reports of one year in one go, as long work on /staff/work/ (issue #16.6):
started from the filing board's form, run by the queue (the immediate backend here), progress
N of N, one .zip with a .docx per organisation of the board and the board as .xlsx; a filed
report is left as it is; a year out of range and a department editor are refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from gongkai.annualreport import longwork as work
from gongkai.annualreport.models import AnnualReport
from gongkai.core.errors import Forbidden
from gongkai.longwork.models import Job
from gongkai.rules import dates

pytestmark = pytest.mark.django_db
START = f"/staff/work/start/{work.KIND}/"
BOARD = "/staff/annual-reports/board/"


@pytest.fixture
def city(orgs):
    return orgs["聊城市"]


@pytest.fixture
def year():
    return dates.today().year - 1


@pytest.fixture
def filed(cz, staff, year, make_app):
    """市财政局's report of the year submitted for review, then an application of the year
    that arrived later: a refresh would change its table 三, the job must not."""
    from gongkai.annualreport import actions

    report = actions.generate(staff["lc-editor"], cz, year)
    actions.submit(staff["lc-editor"], report)
    make_app(dt.date(year, 3, 2), "disclosed")
    report.refresh_from_db()
    return report


@pytest.fixture
def draft(org, staff, year):
    """市民政局's draft, with a text staff wrote: refreshed, the text kept."""
    from gongkai.annualreport import actions

    mz = org("聊城市", "市民政局")
    report = actions.generate(staff["lc-mz-editor"], mz, year)
    actions.save_draft(staff["lc-mz-editor"], report, {"text_problems": "民政局自己写的问题"})
    return report


def start(client, user, city, year, run_commits):
    client.force_login(user)
    return run_commits(client.post, START, {"organisation": city.pk, "year": str(year)})


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_job_makes_and_renders_every_report_of_the_city(staff, city, year, filed, draft):
    """The work itself, on a job queued as the board's form queues it."""
    from gongkai.annualreport import services
    from gongkai.longwork import actions

    board = services.board(city, year, dates.today())
    n = len(board)
    before = (filed.state, filed.figures, filed.generated_at)
    job = actions.start_job(staff["lc-admin"], work.KIND, city, {"year": str(year)})
    assert job.params == {"year": year}
    progress = []
    result = work.generate_city(
        job, lambda done, total, msg="": progress.append((done, total, msg))
    )

    assert progress[0][:2] == (0, n) and progress[-1][:2] == (n, n)
    assert [p[0] for p in progress[1:]] == list(range(1, n + 1))
    assert board[0].organisation.name in progress[1][2]
    assert result.summary.endswith(f"新建草稿 {n - 2} 份，按最新数据更新 1 份，已报送未改动 1 份。")
    assert result.name == f"{year}年{city.name}政府信息公开工作年度报告.zip"
    files = members(result.data)
    docs = {k: v for k, v in files.items() if k.endswith(".docx")}
    assert set(docs) == {f"{year}年{row.organisation.name}政府信息公开工作年度报告.docx"
                         for row in board}  # fmt: skip
    for row in board[:2] + [b for b in board if b.organisation.pk == filed.organisation_id]:
        text = docx_text(docs[f"{year}年{row.organisation.name}政府信息公开工作年度报告.docx"])
        assert f"{row.organisation.name}{year}年政府信息公开工作年度报告" in text
        assert "一、总体情况" in text

    # every organisation now has its report; the filed one untouched, the draft refreshed
    reports = AnnualReport.objects.filter(
        year=year, organisation__in=[b.organisation for b in board]
    )
    assert reports.count() == n
    filed.refresh_from_db()
    assert (filed.state, filed.figures, filed.generated_at) == before
    assert filed.figures["table3"]["new"]["total"] == 0  # the later application not counted
    draft.refresh_from_db()
    assert draft.figures["table3"] == services.application_table([draft.organisation_id], year)
    assert draft.generated_at > job.created_at and draft.text_problems == "民政局自己写的问题"
    government = AnnualReport.objects.get(organisation=city, year=year)
    assert government.kind == "summary" and government.drafted_by == staff["lc-admin"]

    sheet = [f for f in files if f.endswith(".xlsx")]
    assert sheet == [f"{year}年{city.name}年度报告报送情况.xlsx"]
    ws = openpyxl.load_workbook(io.BytesIO(files[sheet[0]])).worksheets[0]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0]}
    assert rows["机关"][:3] == ("机关", "状态", "本次处理")
    assert rows[filed.organisation.name][1].startswith("待审核")
    assert rows[filed.organisation.name][2] == "已报送，未改动"
    assert rows[draft.organisation.name][2] == "按最新数据更新"


def test_started_from_the_filing_board_it_runs_and_the_zip_downloads(
    client, staff, city, year, run_commits
):
    from gongkai.annualreport import services

    n = len(services.board(city, year, dates.today()))
    r = start(client, staff["lc-admin"], city, year, run_commits)
    assert r.status_code == 302 and r["Location"].startswith("/staff/work/")
    job = Job.objects.get(kind=work.KIND)
    assert (job.done, job.total) == (n, n)
    assert job.state == Job.DONE, job.error
    dl = client.get(f"/staff/work/{job.pk}/result")
    assert dl.status_code == 200
    files = members(b"".join(dl.streaming_content))
    assert sum(1 for f in files if f.endswith(".docx")) == n


def test_the_filing_board_offers_it_to_the_office_and_queues_it(client, staff, city, year):
    client.force_login(staff["lc-admin"])
    page = client.get(BOARD, {"city": city.pk, "year": dates.today().year}).content.decode()
    assert f'<form method="post" action="{START}" id="generate-all">' in page
    assert f'name="organisation" value="{city.pk}"' in page
    assert f'name="year" type="number" value="{year}"' in page  # this year: last year offered
    assert '<a href="/staff/work/">' in page
    r = client.post(START, {"organisation": city.pk, "year": str(year)})  # queued, not run
    assert r.status_code == 302 and r["Location"].startswith("/staff/work/")
    job = Job.objects.get(kind=work.KIND)
    assert (job.state, job.organisation, job.actor) == (Job.QUEUED, city, staff["lc-admin"])
    listing = client.get("/staff/work/").content.decode()
    assert work.LABEL in listing and f"{year}年" in listing and "排队中" in listing


def test_a_year_out_of_range_is_refused_on_the_form(client, staff, city, run_commits):
    this_year = dates.today().year
    for bad in (str(this_year), "2007", "去年"):
        r = start(client, staff["lc-admin"], city, bad, run_commits)
        page = r.content.decode()
        assert r.status_code == 400
        assert f"请填写 2008 年至 {this_year - 1} 年之间的年份" in page
    assert not Job.objects.filter(kind=work.KIND).exists()


def test_a_department_editor_cannot_start_it(client, staff, city, year, run_commits):
    from gongkai.longwork import actions

    client.force_login(staff["lc-editor"])
    assert work.LABEL not in client.get("/staff/work/").content.decode()
    r = start(client, staff["lc-editor"], city, year, run_commits)
    assert r.status_code == 400 and "请选择您有权限的机构" in r.content.decode()
    with pytest.raises(Forbidden):  # nor through the action itself
        actions.start_job(staff["lc-editor"], work.KIND, city, {"year": str(year)})
    assert not Job.objects.filter(kind=work.KIND).exists()
    assert not AnnualReport.objects.filter(year=year).exists()
    board = client.get(BOARD)
    assert board.status_code != 200 or f'action="{START}"' not in board.content.decode()
