"""The back-catalogue importer: PDFs with a text layer, .txt and .docx issues, a corrupt file
among good ones, re-imports that change nothing, the command and its progress output."""

import io

import pytest
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.core.actors import SYSTEM
from gongkai.gazette.importing import import_path
from gongkai.gazette.models import Article, Issue, IssuePage, ProofTask

from .conftest import make_issue


@pytest.fixture
def src(tmp_path):
    folder = tmp_path / "issues"
    folder.mkdir()
    return folder


def _counts():
    return (Issue.objects.count(), Article.objects.count(), IssuePage.objects.count(),
            ProofTask.objects.count(), AuditEntry.objects.count())  # fmt: skip


def test_folder_import_links_policies_and_a_corrupt_pdf_does_not_stop_it(gazette, policies, src):
    (src / "2026-01.pdf").write_bytes(make_issue(1, policies))
    (src / "2026-02.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF garbage")
    (src / "2026-03.pdf").write_bytes(make_issue(3))
    (src / "readme.md").write_text("not an issue")
    lines = []
    report = import_path(SYSTEM("gazette import"), gazette, src, progress=lines.append)
    assert (report.imported, report.unchanged) == (2, 0)
    assert [f for f, _ in report.failed] == ["2026-02.pdf"]
    assert "PDF" in report.failed[0][1]
    assert any(line.startswith("[2/3] 2026-02.pdf: FAILED") for line in lines)
    issue = Issue.objects.get(number=1)
    assert issue.label == "2026年第1期（总第101期）" and issue.source.name == "2026-01.pdf"
    arts = list(issue.articles.order_by("order"))
    assert [a.title for a in arts][:2] == [p.title for p in policies]
    assert all(a.page_start and a.page_end >= a.page_start for a in arts)
    linked = [a for a in arts if a.linked]
    assert [a.item for a in linked] == policies
    assert linked[1].issuer.short_name == "市民政局"  # resolved from the signature
    entry = AuditEntry.objects.filter(action="import").first()
    assert entry.actor_name == "系统（gazette import）"


def test_reimporting_the_same_files_changes_nothing(gazette, policies, src):
    (src / "2026-01.pdf").write_bytes(make_issue(1, policies))
    import_path(SYSTEM("gazette import"), gazette, src)
    before = _counts()
    report = import_path(SYSTEM("gazette import"), gazette, src)
    assert (report.imported, report.unchanged) == (0, 1)
    assert _counts() == before


def test_text_and_docx_issues(gazette, policies, src):
    import docx

    toc = (
        "聊城市人民政府公报\n2026年第4期（总第104期）\n目　录\n"
        f"{policies[0].title}（{policies[0].doc_number}）……………1\n"
        "聊城市人民政府关于春季植树的通知（聊政字〔2026〕9号）……………2\n"
    )
    body = (
        f"{policies[0].title}\n{policies[0].doc_number}\n{policies[0].body_text}\n"
        "聊城市人民政府办公室\n2026年2月26日\n"
        "聊城市人民政府关于春季植树的通知\n各县（市、区）人民政府：请做好春季植树工作。\n"
        "聊城市人民政府\n2026年3月1日\n"
    )
    (src / "2026-04.txt").write_bytes((toc + body).encode("gb18030"))
    document = docx.Document()
    for line in (toc.replace("第4期（总第104期）", "第5期（总第105期）") + body).splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    (src / "2026-05.docx").write_bytes(buf.getvalue())
    report = import_path(SYSTEM("gazette import"), gazette, src)
    assert report.imported == 2 and not report.failed
    for issue in Issue.objects.all():
        titles = list(issue.articles.order_by("order").values_list("title", flat=True))
        assert titles == [policies[0].title, "聊城市人民政府关于春季植树的通知"]
        first = issue.articles.get(order=1)
        assert first.page_start == 1 and first.page_end == 1
        assert "当场答复" in first.text and "春季植树" not in first.text
    # the policy is linked once, to the earlier issue (the .docx one repeats it)
    linked = Article.objects.filter(item=policies[0], link_state=Article.LINK_CONFIRMED)
    assert [a.issue.number for a in linked] == [4]


def test_command_prints_progress_and_reports_bad_files(gazette, policies, src):
    (src / "2026-01.pdf").write_bytes(make_issue(1, policies))
    (src / "2026-02.pdf").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    call_command("gazette", "import", str(src), "--gazette", gazette.organisation.code,
                 stdout=out, stderr=err)  # fmt: skip
    assert "[1/2] 2026-01.pdf: 2026年第1期（总第101期）, 3 articles, 2 linked" in out.getvalue()
    assert "1 imported, 0 unchanged, 1 failed" in out.getvalue()
    assert "2026-02.pdf: 文件为空" in err.getvalue()
    out = io.StringIO()
    call_command("gazette", "check", "--gazette", gazette.organisation.code, stdout=out)
    assert "numbering OK" in out.getvalue()


@pytest.mark.django_db
def test_an_unknown_gazette_code_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no organisation"):
        call_command("gazette", "import", str(tmp_path), "--gazette", "nope")


def test_a_policy_published_after_its_issue_is_linked_when_published(
    gazette, policies, src, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from gongkai.catalog import actions as catalog
    from gongkai.catalog.models import CatalogEntry

    (src / "2026-01.pdf").write_bytes(make_issue(1, policies))
    first = policies[0]
    for p in policies:  # the items are not there yet when the issue is imported
        p.state = "draft"
        p.save(update_fields=["state"])
    import_path(SYSTEM("gazette import"), gazette, src)
    article = Article.objects.get(title=first.title)
    assert article.item is None
    with django_capture_on_commit_callbacks(execute=True):
        item = catalog.publish_item_now(
            organisation=first.organisation, actor=SYSTEM("test"), title=first.title,
            body=first.body, entries=[CatalogEntry.objects.get(organisation=first.organisation, slug="normative")],
            published_at=timezone.make_aware(dt.datetime(2026, 3, 9, 10)), kind="normative",
            doc_number=first.doc_number, no_interpretation_reason="测试",
        )  # fmt: skip
    article.refresh_from_db()
    assert article.item == item and article.linked
    assert AuditEntry.objects.filter(action="link", actor_name="系统（gazette link）").exists()


def test_two_files_claiming_the_same_number_are_both_kept_and_reported(gazette, policies, src):
    (src / "a-2026-01.pdf").write_bytes(make_issue(1, policies))
    (src / "b-2026-01.pdf").write_bytes(make_issue(1))  # another file, the same 第1期
    report = import_path(SYSTEM("gazette import"), gazette, src)
    assert report.imported == 2
    from gongkai.gazette import queries

    assert queries.numbering(gazette.organisation).messages() == [
        "2026年第1期重复",
        "总第101期重复（2026年第1期、2026年第1期）",
    ]
