"""The filing board in a real browser: the office admin sees who filed on time and generates the
city summary from the filed reports, whose tables add up to the departments' figures."""

import datetime as dt

import pytest

from tests.browser import sign_in

from .conftest import YEAR

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_board_and_city_summary(live_server, page, staff, cz, make_app, orgs):
    from gongkai.annualreport import actions
    from gongkai.catalog import services

    make_app(dt.date(YEAR, 3, 2), "disclosed")
    make_app(dt.date(YEAR, 11, 20))
    services.ensure_legal_structure(orgs["聊城市"])
    r = actions.generate(staff["lc-editor"], cz, YEAR)
    actions.submit(staff["lc-editor"], r)
    actions.approve(staff["lc-reviewer"], r)
    actions.publish(staff["lc-reviewer"], r)

    sign_in(page, live_server.url, "lc-admin")
    page.goto(f"{live_server.url}/staff/annual-reports/board/?year={YEAR}")
    row = page.locator("#board tr", has_text="聊城市财政局")
    assert "逾期发布" in row.inner_text()  # published now, after 31 January of the next year
    mz = page.locator("#board tr", has_text="聊城市民政局")
    assert "未起草（已逾期）" in mz.inner_text()
    assert "已发布 1 /" in page.inner_text("#board-summary")
    page.uncheck("input[name=parts][value=lower]")
    with page.expect_navigation():
        page.click("main button:has-text('由已发布的报告生成汇总报告')")
    assert "聊城市人民政府2025年政府信息公开工作年度报告" in page.inner_text("h1")
    assert "本级政府汇总报告" in page.content()
    # 本级政府 has no applications; 市财政局's filed report brings its two
    cell = page.locator("td[data-cell='new.total']")
    assert cell.inner_text() == "2"
    assert "尚未发布，未计入" in page.inner_text("main")  # 市民政局 and the others listed
