"""A real browser signs in and reaches the 工作台."""

import pytest

from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_staff_signs_in_with_the_browser(live_server, page, staff):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "lc-reviewer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")
    assert page.locator("h1").inner_text() == "工作台"
    assert "审核人" in page.content()
