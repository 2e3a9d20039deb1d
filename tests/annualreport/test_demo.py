"""The demo: 2025 reports published for both city governments and two departments each, their
figures equal to what the demo applications give; 2026 drafts; one draft caught by a check."""

import pytest


@pytest.mark.django_db
def test_demo_reports(demo_ctx, orgs, staff):
    from gongkai.annualreport import demo, services
    from gongkai.annualreport.models import AnnualReport
    from gongkai.applications import demo as apps_demo
    from gongkai.catalog import demo as catalog_demo
    from gongkai.remedies import demo as remedies_demo

    for loader in (catalog_demo, apps_demo, remedies_demo, demo):
        loader.load(demo_ctx)
    year = demo_ctx.today.year - 1
    published = AnnualReport.objects.filter(year=year, state="published")
    assert {r.organisation.short_name for r in published} >= {"市财政局", "市民政局"}
    cities = {r.organisation.name for r in published if r.kind == "summary"}
    assert cities == {o.name for o in orgs.values()}
    for r in published.filter(kind="own"):
        assert r.item.state == "published" and r.item.index_no
        assert r.figures["table3"] == services.application_table([r.organisation.pk], year)
        assert all(c["ok"] for c in r.checks if c["level"] == "error"), r
    drafts = AnnualReport.objects.filter(year=year + 1, state="draft")
    assert drafts.count() == 4
    caught = [r for r in drafts if any(not c["ok"] and c["level"] == "error" for c in r.checks)]
    assert len(caught) == 1
    failing = {c["name"] for c in caught[0].checks if not c["ok"] and c["level"] == "error"}
    assert failing == {"table2_continuity"}
    board = {
        row.organisation.short_name: row
        for row in services.board(orgs["聊城市"], year, demo_ctx.today)
    }
    assert board["市财政局"].status == "按时发布" and not board["市财政局"].late
    assert board["市民政局"].status == "逾期发布" and board["市民政局"].late
    assert board["市教育局"].status == "未起草（已逾期）"
    from gongkai.remedies.models import RemedyCase

    assert RemedyCase.objects.exclude(result="pending").exists()
    assert RemedyCase.objects.filter(past_window=True).exists()
