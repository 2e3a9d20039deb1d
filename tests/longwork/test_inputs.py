"""Long work that starts from an upload: the file is checked by the shared upload check, stored
with the job as its input and handed to the work; a missing or wrong file is shown on the form
(400) and nothing is stored; who may start it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import Forbidden, Invalid
from gongkai.longwork import actions
from gongkai.longwork.models import Job, JobInput
from gongkai.longwork.registry import Field, Result

pytestmark = pytest.mark.django_db
URL = "/staff/work/start/upload/"


def pdf_bytes(pages: int = 1) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def upload_kind(kinds):
    """A kind whose start form takes one PDF; the work records what it was handed."""
    seen = []

    def work(job, report):
        given = job.input("file")
        seen.append((given.name, given.content_type, given.read()))
        report(1, 1, "已读取")
        return Result(summary=f"收到“{given.name}”，共 {given.size} 字节。")

    kinds("upload", work, fields=[Field("file", "上传文件", kind="file", accept=".pdf")])
    return seen


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_job_with_an_upload_keeps_it_and_hands_it_to_the_work(
    client, staff, finance, upload_kind, run_commits
):
    client.force_login(staff["lc-editor"])
    page = client.get("/staff/work/").content.decode()
    assert f'action="{URL}" enctype="multipart/form-data">' in page
    assert 'type="file" name="file" accept=".pdf"' in page
    # a kind without a file field keeps its plain form
    assert 'action="/staff/work/start/catalog_year_export/">' in page

    data = pdf_bytes(2)
    upload = SimpleUploadedFile("2026年预算报告.pdf", data, content_type="application/pdf")
    r = run_commits(client.post, URL, {"organisation": finance.pk, "file": upload})
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.DONE, job.error
    stored = JobInput.objects.get(job=job)
    assert (stored.name, stored.content_type, stored.size) == (
        "2026年预算报告.pdf", "application/pdf", len(data),
    )  # fmt: skip
    assert stored.read() == data and stored.field == "file"
    assert upload_kind == [("2026年预算报告.pdf", "application/pdf", data)]
    assert job.params["file"]["name"] == "2026年预算报告.pdf"
    assert len(job.params["file"]["sha256"]) == 64

    page = client.get("/staff/work/").content.decode()
    assert f"收到“2026年预算报告.pdf”，共 {len(data)} 字节。" in page
    created = AuditEntry.objects.get(content_type__model="job", action="create")
    assert created.changes["params"]["file"]["name"] == "2026年预算报告.pdf"


@pytest.mark.parametrize(
    "upload, message",
    [
        (None, "请选择要上传的文件（PDF）。"),
        (("说明.docx", b"PK\x03\x04 not really"), "“说明.docx”：只能上传 PDF 文件。"),
        (("假的.pdf", b"hello, not a pdf"), "“假的.pdf”：文件内容与扩展名“.pdf”不符"),
        (("空的.pdf", b""), "“空的.pdf”："),
    ],
)
def test_a_missing_or_wrong_file_is_shown_on_the_form_and_nothing_is_stored(
    client, staff, finance, upload_kind, run_commits, settings, upload, message
):
    client.force_login(staff["lc-editor"])
    data = {"organisation": finance.pk}
    if upload is not None:
        data["file"] = SimpleUploadedFile(*upload)
    r = run_commits(client.post, URL, data)
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body and 'aria-invalid="true"' in body
    assert not Job.objects.exists() and not JobInput.objects.exists()
    assert media_files(settings) == [] and upload_kind == []


def test_who_may_start_a_job_with_an_upload(client, staff, finance, upload_kind, settings):
    pdf = ("a.pdf", pdf_bytes())
    for who in ("lc-auditor", "lc-mz-editor"):  # may view / edits another organisation
        with pytest.raises(Forbidden):
            actions.start_job(staff[who], "upload", finance, uploads={"file": pdf})
    with pytest.raises(Forbidden):  # refused before the upload is looked at
        actions.start_job(staff["lc-auditor"], "upload", finance, uploads={})
    client.force_login(staff["lc-mz-editor"])
    r = client.post(URL, {"organisation": finance.pk, "file": SimpleUploadedFile(*pdf)})
    assert r.status_code == 400 and "请选择您有权限的机构" in r.content.decode()
    assert not Job.objects.exists() and media_files(settings) == []


def test_the_same_file_is_not_queued_twice_but_another_file_is(staff, finance, upload_kind):
    editor = staff["lc-editor"]
    first = actions.start_job(editor, "upload", finance, uploads={"file": ("a.pdf", pdf_bytes())})
    with pytest.raises(Invalid, match="正在进行中"):  # the same file again
        actions.start_job(editor, "upload", finance, uploads={"file": ("a.pdf", pdf_bytes())})
    other = actions.start_job(editor, "upload", finance,
                              uploads={"file": ("a.pdf", pdf_bytes(3))})  # fmt: skip
    assert first.state == other.state == Job.QUEUED
    assert JobInput.objects.count() == 2


def test_a_job_whose_input_is_gone_fails_with_a_message(staff, finance, kinds, run_commits):
    def work(job, report):
        job.input("file")
        return Result(summary="不应完成")

    kinds("noinput", work)  # no file field: nothing is uploaded, the work asks for one
    job = run_commits(actions.start_job, staff["lc-editor"], "noinput", finance)
    job.refresh_from_db()
    assert job.state == Job.FAILED and job.error == "该任务的上传文件已不存在，请重新发起。"
