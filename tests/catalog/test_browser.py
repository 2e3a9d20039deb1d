"""The walkthrough in a real browser: the editor drafts and submits, the reviewer publishes."""

import pytest

from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")


@pytest.mark.django_db(transaction=True)
def test_editor_drafts_reviewer_publishes(
    live_server, page, staff, finance, column, settings, tmp_path
):
    from gongkai.catalog.models import Item

    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server, "lc-editor")
    page.goto(live_server.url + "/staff/catalog/new/")
    page.select_option("#id_organisation", str(finance.pk))
    page.select_option("#id_entries", str(column.pk))
    page.fill("#id_title", "2026年10月聊城市财政收支情况")
    page.fill("#id_doc_number", "聊财发[2026]10号x")
    page.click(".rte-area")  # the rich-text editor over the body field
    page.click("main button:has-text('小标题')")
    page.keyboard.type("一、收入情况")
    page.keyboard.press("Enter")
    page.keyboard.type("收入稳定增长。")
    with page.expect_navigation():
        page.click("main button:has-text('保存')")
    assert "发文字号格式不正确" in page.content()  # message on the field, nothing saved
    assert not Item.objects.exists()
    page.fill("#id_doc_number", "聊财发[2026]10号")
    page.click("main button:has-text('保存')")
    page.wait_for_url("**/staff/catalog/items/*/")
    assert "聊财发〔2026〕10号" in page.content()
    body = Item.objects.get().body
    assert "<h3>一、收入情况</h3>" in body and "收入稳定增长。" in body
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "收支.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00not a pdf"}
        ],
    )
    with page.expect_navigation():
        page.click("main button:has-text('上传')")
    assert "文件内容与扩展名" in page.content()
    with page.expect_navigation():
        page.click("main button:has-text('提交审核')")
    assert "已提交审核" in page.content()

    page.context.clear_cookies()
    sign_in(page, live_server, "lc-reviewer")
    assert "2026年10月聊城市财政收支情况" in page.content()  # 工作台: waiting for my review
    page.goto(live_server.url + "/staff/catalog/queue/")
    with page.expect_navigation():
        page.click("text=审核 >> nth=-1")
    assert "未发现未遮盖的" in page.content()
    page.click("button[value=approve]")
    page.wait_for_url("**/staff/catalog/items/*/")
    item = Item.objects.get()
    assert item.state == "published"
    assert f"索引号 {item.index_no}" in page.content()
