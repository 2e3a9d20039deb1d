"""Importing a whole issue in the background: the PDF is uploaded on /staff/work/ (or from the
gazette page's "在后台导入"), the job reads it page by page through the gazette's importer and
finishes with a summary; a file that cannot be read fails the job with its reason."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.gazette.longwork import KIND
from gongkai.gazette.models import Article, Issue, ProofTask
from gongkai.longwork.models import Job, JobInput
from tests.browser import sign_in

from .conftest import make_issue
from .test_ocr import _scan, needs_ocr

START = f"/staff/work/start/{KIND}/"


@pytest.fixture(autouse=True)
def _every_report(settings):
    settings.GONGKAI_LONGWORK_PROGRESS_SECONDS = 0  # every page's report is written


@pytest.fixture
def start(client, django_capture_on_commit_callbacks):
    """POST the start form as the immediate backend's request does: the job runs after the
    commit."""

    def go(org, name, data, user=None):
        if user is not None:
            client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(START, {"organisation": org.pk,
                                       "file": SimpleUploadedFile(name, data, "application/pdf")})  # fmt: skip

    return go


def progress_of(job) -> list[tuple[int, int]]:
    entries = AuditEntry.objects.filter(
        content_type__model="job", object_id=str(job.pk), action="change"
    ).order_by("pk")
    return [(e.changes["done"], e.changes["total"]) for e in entries]


def test_an_issue_imported_through_the_work_page(client, staff, gazette, policies, start):
    admin = staff["lc-admin"]
    client.force_login(admin)
    page = client.get("/staff/work/").content.decode()
    assert (
        "导入政府公报（整期 PDF）" in page
        and f'action="{START}" enctype="multipart/form-data"' in page
    )

    pdf = make_issue(2, policies)
    r = start(gazette.organisation, "2026-02.pdf", pdf)
    assert r.status_code == 302
    job = Job.objects.get(kind=KIND)
    assert job.state == Job.DONE, job.error
    assert job.params["gazette"] == gazette.pk and job.params["file"]["name"] == "2026-02.pdf"
    assert JobInput.objects.get(job=job).content_type == "application/pdf"

    issue = Issue.objects.get(gazette=gazette)
    assert issue.label == "2026年第2期（总第102期）" and issue.source.name == "2026-02.pdf"
    titles = list(issue.articles.order_by("order").values_list("title", flat=True))
    assert titles[:2] == [p.title for p in policies]
    assert [a.item for a in Article.objects.filter(issue=issue, item__isnull=False)] == policies

    n = issue.page_count
    assert n >= 2 and (job.done, job.total) == (n, n)
    assert [p for p in progress_of(job) if p[0]] == [(i, n) for i in range(1, n + 1)]

    summary = f"已导入2026年第2期（总第102期）：共 {n} 页，识别出 3 篇文章（关联公开信息 2 篇"
    assert job.summary.startswith(summary) and "0 页送校对" in job.summary
    page = client.get("/staff/work/").content.decode()
    assert summary in page and "2026-02.pdf" in page  # the job's line names its file

    # who did what: the job by the person and the worker, the import by the person
    states = list(
        AuditEntry.objects.filter(content_type__model="job", object_id=str(job.pk))
        .exclude(action="change")
        .order_by("pk")
        .values_list("action", "to_state", "actor_name")
    )
    assert states[0] == ("create", "queued", admin.get_full_name() or admin.get_username())
    assert states[-1][:2] == ("transition", "done") and "longwork" in states[-1][2]
    imported = AuditEntry.objects.get(action="import", object_id=str(issue.pk))
    assert imported.actor_name == states[0][2] and imported.changes["articles"] == 3

    # the same file again: a job that changes nothing and says so
    r = start(gazette.organisation, "2026-02.pdf", pdf)
    again = Job.objects.filter(kind=KIND).order_by("pk").last()
    assert again.pk != job.pk and again.state == Job.DONE
    assert again.summary == "该文件已导入过（2026年第2期（总第102期）），没有变化。"
    assert Issue.objects.count() == 1


def test_the_gazette_page_offers_the_background_import(client, staff, gazette):
    client.force_login(staff["lc-admin"])
    page = client.get(reverse("gazette:staff_home")).content.decode()
    assert f'formaction="{START}">在后台导入</button>' in page
    assert f'name="organisation" value="{gazette.organisation.pk}"' in page


def test_a_file_that_cannot_be_read_fails_the_job_and_stores_no_issue(staff, gazette, start):
    import io

    import pypdf

    writer = pypdf.PdfWriter()  # a PDF, but no issue: no masthead, no text
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    from gongkai.gazette import ocr

    r = start(gazette.organisation, "说明.pdf", buf.getvalue(), user=staff["lc-admin"])
    assert r.status_code == 302
    job = Job.objects.get(kind=KIND)
    assert job.state == Job.FAILED and job.error.startswith("“说明.pdf”未导入：")
    if not ocr.can_ocr():
        assert "tesseract-ocr" in job.error
    assert not Issue.objects.exists() and not ProofTask.objects.exists()


def test_who_may_import_in_the_background(client, staff, gazette, policies, start):
    pdf = make_issue(2, policies)
    for who in ("lc-auditor", "lc-editor", "lc-mz-editor"):  # views / edits a department
        r = start(gazette.organisation, "2026-02.pdf", pdf, user=staff[who])
        assert r.status_code == 400 and "请选择您有权限的机构" in r.content.decode()
        assert "导入政府公报（整期 PDF）</h3>" not in client.get("/staff/work/").content.decode()
    assert not Job.objects.exists() and not Issue.objects.exists()
    assert not JobInput.objects.exists()
    # the office admin, who edits every organisation of the city, is offered the city only:
    # the organisation with a gazette
    client.force_login(staff["lc-admin"])
    page = client.get("/staff/work/").content.decode()
    form = page[page.index(f'action="{START}"') :]
    form = form[: form.index("</form>")]
    assert form.count("<option") == 1 and f">{gazette.organisation.name}</option>" in form


@needs_ocr
def test_a_scanned_issue_is_recognised_page_by_page(client, staff, gazette, policies, settings,
                                                    start):  # fmt: skip
    settings.GONGKAI_GAZETTE_OCR_DPI = 150
    settings.GONGKAI_GAZETTE_OCR_MIN_CONFIDENCE = 101  # every page goes to proofreading
    scan = _scan(make_issue(2, policies[1:]))
    assert (
        start(gazette.organisation, "2026-02.pdf", scan, user=staff["lc-admin"]).status_code == 302
    )
    job = Job.objects.get(kind=KIND)
    assert job.state == Job.DONE, job.error
    issue = Issue.objects.get()
    n = issue.page_count
    assert issue.source_kind == "ocr" and (job.done, job.total) == (n, n)
    assert progress_of(job)[-n:] == [(i, n) for i in range(1, n + 1)]
    assert f"{n} 页送校对" in job.summary


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_admin_imports_in_the_background(live_server, page, staff, gazette,
                                                          policies, tmp_path):  # fmt: skip

    pdf = tmp_path / "2026-03.pdf"
    pdf.write_bytes(make_issue(3, policies))
    sign_in(page, live_server.url, "lc-admin")

    page.goto(live_server.url + "/staff/gazette/")
    form = page.locator("form", has_text="在后台导入")
    form.locator("input[type=file]").set_input_files(str(pdf))
    with page.expect_navigation():
        form.get_by_role("button", name="在后台导入").click()
    assert "/staff/work/" in page.url
    row = page.locator("tr", has_text="导入政府公报（整期 PDF）")
    text = row.inner_text()
    assert "已完成" in text and "2026-03.pdf" in text, text
    assert "已导入2026年第3期（总第103期）" in text
    n = Issue.objects.get().page_count
    assert f"{n} / {n}" in text


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_imports_a_queued_issue(client, staff, gazette, policies, settings):
    """The database backend: the upload waits with the job until `gongkai longwork worker`
    (another process, PostgreSQL only) reads it from the media folder and imports it."""
    from tests.longwork.test_worker import _database_url, worker

    if _database_url() is None:
        pytest.skip("the SQLite test database is in memory: a worker process cannot reach it")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(staff["lc-admin"])
    upload = SimpleUploadedFile("2026-04.pdf", make_issue(4, policies), "application/pdf")
    r = client.post(START, {"organisation": gazette.organisation.pk, "file": upload})
    assert r.status_code == 302
    job = Job.objects.get(kind=KIND)
    assert job.state == Job.QUEUED and not Issue.objects.exists()

    out = worker("--batch", "--interval", "0")
    assert out.returncode == 0, out.stdout + out.stderr
    job.refresh_from_db()
    assert job.state == Job.DONE, job.error
    issue = Issue.objects.get()
    assert (
        issue.label == "2026年第4期（总第104期）"
        and (job.done, job.total) == (issue.page_count,) * 2
    )
    assert job.summary.startswith("已导入2026年第4期（总第104期）")
