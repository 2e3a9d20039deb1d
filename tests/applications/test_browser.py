"""A real browser submits an application on the public form and finds it on the status page."""

import pytest

from .conftest import VALID_ID

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_submit_and_track_in_the_browser(live_server, page, mz):
    page.goto(live_server.url + "/apply/")
    page.select_option("#id_organisation", str(mz.pk))
    page.fill("#id_name", "王小明")
    page.fill("#id_id_number", VALID_ID[:-1] + "1")  # wrong check character first
    page.fill("#id_phone", "13800000000")
    page.fill("#id_description", "2026年城乡低保资金发放明细")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "身份证号码校验位不正确" in page.content()
    assert page.input_value("#id_description") == "2026年城乡低保资金发放明细"
    page.fill("#id_id_number", VALID_ID)
    page.click("button[type=submit]")
    page.wait_for_url("**/apply/receipt/**")
    code = page.inner_text("#tracking-code")
    verifier = page.inner_text("#verifier")
    assert "答复期限是怎样算出的" in page.content()

    other = page.context.browser.new_context()
    p2 = other.new_page()
    p2.goto(live_server.url + "/apply/status/")
    p2.fill("#id_code", code)
    p2.fill("#id_verifier", verifier)
    p2.click("button[type=submit]")
    assert p2.inner_text("#app-state") == "已登记"
    assert p2.inner_text("#app-due")[:4].isdigit()
    assert "王小明" not in p2.content()
    other.close()
