"""A disclosure office imports a plan in the browser: preview, confirm, supervision tree."""

import pytest

from gongkai.core.demo import DEMO_PASSWORD
from tests.conftest import LIAOCHENG_PLAN

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_office_imports_a_plan_and_sees_the_tree(live_server, page, staff):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "lc-admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")
    page.goto(live_server.url + "/staff/plans/import/")
    page.select_option("#id_org", label="聊城市人民政府")
    page.fill("#id_year", "2017")
    page.set_input_files("#id_file", str(LIAOCHENG_PLAN))
    page.click("button:has-text('预览')")
    page.wait_for_selector("text=确认导入")
    assert "2017年聊城市政务公开工作要点" in page.content()
    assert "人民银行聊城中心支行 → 中国人民银行聊城市中心支行（聊城市）" in page.content()
    page.click("button:has-text('确认导入')")
    page.wait_for_selector("h1:has-text('2017年聊城市政务公开工作要点')")
    assert "已导入" in page.content()
    assert page.locator(".light-red").count() > 0  # 2017 is past, nothing was published
    page.click("a:has-text('市财政局')")
    page.wait_for_selector("h1:has-text('聊城市财政局')")
    assert "加强财政政策" in page.content()
