"""Long work on /staff/work/: a job runs through the queue (the immediate backend here), its
progress is recorded, its result downloads; a failure is shown in Chinese and keeps nothing;
who may start what."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import Forbidden, Invalid
from gongkai.longwork import actions
from gongkai.longwork.builtin import CRAWL, EXPORT, REINDEX
from gongkai.longwork.models import Job, JobResult
from gongkai.longwork.registry import Result
from gongkai.rules import dates

pytestmark = pytest.mark.django_db
START = "/staff/work/start/{}/"


def rows_of(data: bytes, sheet=0) -> list[list]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_a_years_export_runs_and_its_result_downloads(client, staff, finance, run_commits):
    client.force_login(staff["lc-editor"])
    year = dates.today().year
    r = run_commits(client.post, START.format(EXPORT),
                    {"organisation": finance.pk, "year": str(year)})  # fmt: skip
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.DONE, job.error
    assert (job.done, job.total) == (3, 3)
    assert job.actor == staff["lc-editor"] and job.params == {"year": year}

    page = client.get("/staff/work/").content.decode()
    assert "已完成" in page and f"{finance.name}{year}年主动公开的信息共 3 条" in page
    assert f"/staff/work/{job.pk}/result" in page
    assert 'http-equiv="refresh"' not in page  # nothing running: no refresh

    dl = client.get(f"/staff/work/{job.pk}/result")
    assert dl.status_code == 200
    data = b"".join(dl.streaming_content)
    table = rows_of(data)
    titles = {row[1] for row in table}
    assert {i.title for i in finance.items_published} <= titles
    header = next(row for row in table if row[0] == "索引号")
    assert header[1] == "标题"
    assert sum(1 for row in table if row[1] in titles - {"标题"} and row[0] != "索引号") >= 3
    assert job.result.name == f"{finance.name}{year}年公开信息目录.xlsx"


def test_the_lifecycle_is_audited(staff, finance, run_commits):
    job = run_commits(actions.start_job, staff["lc-editor"], EXPORT, finance,
                      {"year": str(dates.today().year)})  # fmt: skip
    entries = AuditEntry.objects.filter(object_id=str(job.pk), content_type__model="job")
    states = [(e.action, e.from_state, e.to_state) for e in entries.order_by("pk")]
    assert states[0] == ("create", "", "queued")
    assert ("transition", "queued", "running") in states
    assert states[-1] == ("transition", "running", "done")
    progress = entries.filter(action="change").order_by("pk").last()
    assert progress.changes == {"done": 3, "total": 3}


def test_progress_is_recorded_as_the_job_goes(staff, finance, kinds, settings, run_commits):
    settings.GONGKAI_LONGWORK_PROGRESS_SECONDS = 0
    seen = []

    def work(job, report):
        for n in range(1, 4):
            report(n, 3, f"第{n}步")
            row = Job.objects.get(pk=job.pk)
            seen.append((row.state, row.done, row.total, row.message))
        return Result(summary="三步完成")

    kinds("steps", work)
    job = run_commits(actions.start_job, staff["lc-editor"], "steps", finance)
    assert seen == [("running", 1, 3, "第1步"), ("running", 2, 3, "第2步"),
                    ("running", 3, 3, "第3步")]  # fmt: skip
    job.refresh_from_db()
    assert job.state == Job.DONE and job.summary == "三步完成"
    assert job.percent == 100 and job.started_at and job.finished_at


def test_a_running_job_refreshes_its_page(client, staff, finance):
    job = actions.start_job(staff["lc-editor"], EXPORT, finance, {"year": "2025"})
    assert job.state == Job.QUEUED  # the commit has not happened: nothing ran yet
    client.force_login(staff["lc-editor"])
    page = client.get("/staff/work/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "排队中" in page


@pytest.mark.parametrize(
    "raised, shown",
    [
        (Invalid("第3行的发布日期无法识别，未导出。"), "第3行的发布日期无法识别，未导出。"),
        (RuntimeError("disk full"), "任务执行出错（RuntimeError），未保存任何结果"),
    ],
)
def test_a_failing_job_shows_its_error_in_chinese_and_keeps_nothing(
    client, staff, finance, kinds, settings, run_commits, raised, shown
):
    settings.GONGKAI_LONGWORK_PROGRESS_SECONDS = 0

    def work(job, report):
        report(1, 4, "读取中")
        raise raised

    kinds("breaks", work)
    job = run_commits(actions.start_job, staff["lc-editor"], "breaks", finance)
    job.refresh_from_db()
    assert job.state == Job.FAILED
    assert shown in job.error
    assert (job.done, job.total) == (1, 4)  # where it stopped
    assert not JobResult.objects.exists()
    client.force_login(staff["lc-editor"])
    page = client.get("/staff/work/").content.decode()
    assert "失败" in page and shown in page
    assert client.get(f"/staff/work/{job.pk}/result").status_code == 404


def test_a_result_that_cannot_be_kept_fails_the_job_and_stores_no_file(
    staff, finance, kinds, settings, run_commits
):
    kinds("exe", lambda job, report: Result(name="结果.exe", data=b"MZ\x90\x00binary"))
    job = run_commits(actions.start_job, staff["lc-editor"], "exe", finance)
    job.refresh_from_db()
    assert job.state == Job.FAILED and "结果.exe" in job.error
    assert not JobResult.objects.exists()
    folder = Path(settings.MEDIA_ROOT) / "longwork"
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def test_bad_input_shows_the_form_again_with_what_was_typed(client, staff, finance):
    client.force_login(staff["lc-editor"])
    r = client.post(START.format(EXPORT), {"organisation": finance.pk, "year": "19x6"})
    assert r.status_code == 400
    body = r.content.decode()
    assert "请填写 2000 年至" in body and 'value="19x6"' in body
    assert not Job.objects.exists()


def test_who_may_start_what(client, staff, finance, orgs, run_commits):
    city = finance.parent
    editor, admin, auditor = staff["lc-editor"], staff["lc-admin"], staff["lc-auditor"]
    with pytest.raises(Forbidden):
        actions.start_job(editor, REINDEX, city)
    with pytest.raises(Forbidden):
        actions.start_job(auditor, EXPORT, finance, {"year": "2025"})
    with pytest.raises(Forbidden):
        actions.start_job(staff["lc-mz-editor"], EXPORT, finance, {"year": "2025"})
    with pytest.raises(Forbidden):  # another city's office admin
        actions.start_job(staff["dy-admin"], CRAWL, city)
    with pytest.raises(Invalid):  # the site's index is started on a city
        actions.start_job(admin, REINDEX, finance)

    client.force_login(editor)
    page = client.get("/staff/work/").content.decode()
    assert START.format(EXPORT) in page
    assert START.format(REINDEX) not in page and START.format(CRAWL) not in page
    r = client.post(START.format(REINDEX), {"organisation": city.pk})
    assert r.status_code == 400 and "请选择您有权限的机构" in r.content.decode()
    assert not Job.objects.exists()

    client.force_login(staff["lc-mz-editor"])
    r = client.post(START.format(EXPORT), {"organisation": finance.pk, "year": "2025"})
    assert r.status_code == 400 and not Job.objects.exists()

    client.force_login(auditor)
    assert "您没有可以发起的后台任务" in client.get("/staff/work/").content.decode()

    job = run_commits(actions.start_job, editor, EXPORT, finance, {"year": "2025"})
    client.force_login(staff["lc-mz-editor"])
    assert client.get(f"/staff/work/{job.pk}/result").status_code == 403
    assert f"/staff/work/{job.pk}/" not in client.get("/staff/work/").content.decode()


def test_the_same_job_is_not_queued_twice(staff, finance):
    actions.start_job(staff["lc-editor"], EXPORT, finance, {"year": "2025"})
    with pytest.raises(Invalid, match="正在进行中"):
        actions.start_job(staff["lc-editor"], EXPORT, finance, {"year": "2025"})
    actions.start_job(staff["lc-editor"], EXPORT, finance, {"year": "2024"})  # another year


def test_reindex_rebuilds_the_search_index_with_progress(client, staff, finance, run_commits):
    from gongkai.search import indexing

    client.force_login(staff["lc-admin"])
    city = finance.parent
    r = run_commits(client.post, START.format(REINDEX), {"organisation": city.pk})
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.DONE, job.error
    total = indexing.count_public()
    assert total >= 3 and (job.done, job.total) == (total, total)
    assert f"共 {total} 篇公开文档" in job.summary
    found = client.get("/search/?q=基本公共服务补助资金").content.decode()
    assert f"/item/{finance.items_published[2].pk}/" in found


def test_the_worker_command_needs_the_database_backend():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="GONGKAI_TASKS_BACKEND=database"):
        call_command("longwork", "worker", "--batch")


def test_the_demo_leaves_a_finished_export_for_lc_editor(staff, finance, demo_ctx, run_commits):
    from gongkai.longwork import demo

    demo_ctx.shared.setdefault("cities", {"聊城市": finance.parent})
    run_commits(demo.load, demo_ctx)
    job = Job.objects.get()
    assert job.actor == staff["lc-editor"] and job.state == Job.DONE, job.error
    assert job.result.name.endswith("年公开信息目录.xlsx") and job.total >= 3
