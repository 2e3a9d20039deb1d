"""A citizen writes a message in a real browser, keeps the receipt and checks the status."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_write_and_check_status(live_server, page, orgs, settings, tmp_path):
    from django.core.cache import cache

    from gongkai.interaction.models import Message

    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    page.goto(live_server.url + "/messages/write/")
    page.fill("#m-org-name", "聊城市民政局")
    page.check("input[name=kind][value=help]")
    page.fill("#m-subject", "")
    page.fill("#m-text", "家中老人突发重病，请问能否申请临时救助？")
    page.fill("#m-name", "张海燕")
    page.fill("#m-contact", "13612345678")
    page.check("input[name=consent][value=no]")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "标题不能为空" in page.content()
    assert page.input_value("#m-text") == "家中老人突发重病，请问能否申请临时救助？"
    page.fill("#m-subject", "临时救助求助")
    with page.expect_navigation():
        page.click("button[type=submit]")
    code = page.inner_text("#receipt-code")
    verifier = page.inner_text("#receipt-verifier")
    assert Message.objects.get(code=code).organisation.short_name == "市民政局"
    page.click("text=留言查询")
    page.fill("#q-code", code)
    page.fill("#q-verifier", verifier)
    with page.expect_navigation():
        page.click("main button:has-text('查询')")
    assert page.inner_text("#msg-status") == "已受理"
    assert verifier not in page.url
