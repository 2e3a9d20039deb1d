"""The demo as a clerk sees it: a monthly gazette per city imported from real PDFs, linked to the
catalog, with the planted gap, the unpublished policy and the differing website copy."""

from gongkai.gazette import queries
from gongkai.gazette.models import Article, Gazette, Issue
from gongkai.rules import dates
from gongkai.rules.gazette.compare import compare


def test_demo_gazettes_are_imported_from_pdfs_and_linked(gazette_demo, liaocheng):
    gazette = Gazette.objects.get(organisation=liaocheng)
    assert "gazette 聊城市: 22 imported, 0 unchanged, 0 failed" in gazette_demo.stdout.getvalue()
    issues = Issue.objects.filter(gazette=gazette)
    assert 20 <= issues.count() <= 24
    assert all(i.source_kind == "pdf" and i.source.name.endswith(".pdf") for i in issues)
    # the one gap in the sequence is reported
    report = queries.numbering(liaocheng)
    start = dates.today().year - 1
    assert report.missing == {start: [7]}
    assert not report.duplicated
    # every article has a title and a page range; policies are linked to their catalog items
    articles = Article.objects.filter(issue__gazette=gazette)
    assert articles.filter(page_start__isnull=True).count() == 0
    linked = articles.filter(link_state=Article.LINK_CONFIRMED)
    assert linked.count() >= 4
    assert all(a.item.doc_number == a.doc_number for a in linked if a.kind == "normative")
    # exactly one policy published long enough ago is in no issue
    missing = queries.missing_items(liaocheng, dates.today())
    assert [i.title for i in missing] == ["聊城市行政规范性文件合法性审核办法"]
    assert queries.missing_count(liaocheng, dates.today()) == 1
    # one website copy differs from the gazette text, the others agree
    differing = [a for a in linked if compare(a.item.body_text, a.text)]
    assert [a.item.title for a in differing] == ["聊城市临时救助实施细则"], [
        (a.title, compare(a.item.body_text, a.text)) for a in differing
    ]
    # the latest issue's misprinted 目录 page is waiting for proofreading
    from gongkai.gazette.models import ProofTask

    tasks = ProofTask.objects.filter(issue__gazette=gazette, state=ProofTask.OPEN)
    assert tasks.count() == 1 and "目录标注第" in tasks[0].reason
    assert tasks[0].issue == issues.order_by("-year", "-number").first()
    # the 规章 (no 文号 on the website) was a suggestion, confirmed by the office admin
    reg = linked.get(kind="regulation")
    assert reg.link_reason.startswith("人工确认") and reg.doc_number.endswith("人民政府令第10号")
    # in 东营 the same suggestion waits for staff
    dongying = Gazette.objects.get(organisation__name__startswith="东营")
    assert (
        Article.objects.filter(issue__gazette=dongying, link_state=Article.LINK_SUGGESTED).count()
        == 1
    )
