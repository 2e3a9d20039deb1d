"""Staff pages: generate, the form shown again with what was typed, the checks on the page,
workflow buttons, permissions; the public page only for published reports."""

from __future__ import annotations

from .conftest import YEAR


def test_staff_generate_edit_and_submit(client, cz, staff):
    from gongkai.annualreport.models import AnnualReport

    client.force_login(staff["lc-editor"])
    r = client.post(
        "/staff/annual-reports/", {"organisation": cz.pk, "year": str(YEAR), "kind": "own"}
    )
    report = AnnualReport.objects.get(organisation=cz, year=YEAR)
    assert r.status_code == 302 and r["Location"].endswith(f"/{report.pk}/")
    page = client.get(f"/staff/annual-reports/{report.pk}/").content.decode()
    assert "发布前核对" in page and "一+二=三+四" in page and 'colspan="7"' in page
    bad = client.post(
        f"/staff/annual-reports/{report.pk}/",
        {"licensing": "十二", "fees": "1.5", "text_overview": "我写的总体情况"},
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and "请填写不小于0的整数" in html
    assert 'value="十二"' in html and "我写的总体情况" in html  # what was typed is kept
    report.refresh_from_db()
    assert report.text_overview != "我写的总体情况"
    r = client.post(f"/staff/annual-reports/{report.pk}/act/", {"action": "submit"})
    report.refresh_from_db()
    assert report.state == "review" and report.item.state == "submitted"
    assert client.get(f"/org/{cz.code}/annual-report/{YEAR}/").status_code == 404


def test_reviewer_sees_block_and_auditor_cannot_write(client, cz, staff):
    from gongkai.annualreport import actions

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    actions.save_draft(
        staff["lc-editor"],
        r,
        {"text_overview": r.text_overview.replace("主动公开政府信息0条", "主动公开政府信息9条")},
    )
    actions.submit(staff["lc-editor"], r)
    client.force_login(staff["lc-reviewer"])
    client.post(f"/staff/annual-reports/{r.pk}/act/", {"action": "approve"})
    page = client.get(f"/staff/annual-reports/{r.pk}/").content.decode()
    assert "核对未通过：正文数字与表格一致" in page
    r.refresh_from_db()
    assert r.state == "review"
    client.force_login(staff["lc-auditor"])
    assert client.get(f"/staff/annual-reports/{r.pk}/").status_code == 200
    client.post(f"/staff/annual-reports/{r.pk}/act/", {"action": "return", "reason": "x"})
    r.refresh_from_db()
    assert r.state == "review"  # refused: auditors only read
    client.force_login(staff["dy-editor"])
    assert client.get(f"/staff/annual-reports/{r.pk}/").status_code == 404
