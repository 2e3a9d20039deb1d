"""The walkthrough in a real browser: the editor drafts and submits, the reviewer publishes."""

import pytest

from tests.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_editor_drafts_reviewer_publishes(
    live_server, page, staff, finance, column, settings, tmp_path
):
    from gongkai.catalog.models import Item

    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server.url, "lc-editor")
    page.goto(live_server.url + "/staff/catalog/new/")
    page.select_option("#id_organisation", str(finance.pk))
    page.check(f"#id_entries input[value='{column.pk}']")
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
    sign_in(page, live_server.url, "lc-reviewer")
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


@pytest.mark.django_db(transaction=True)
def test_pickers_filter_as_you_type_and_interpretation_fields_follow_the_kind(
    live_server, page, staff, finance, column, org
):
    from gongkai.catalog.models import Item
    from gongkai.orgs.models import Organisation

    development = org("聊城市", "市发展改革委")
    county_office = Organisation.objects.get(
        parent__name="临清市人民政府", name__endswith="政府办公室"
    )
    sign_in(page, live_server.url, "lc-editor")
    page.goto(live_server.url + "/staff/catalog/new/")
    issuers = page.locator("#id_issuers")
    assert issuers.locator("legend").first.inner_text() == "本单位"
    box = page.locator("#id_issuers_filter")
    assert box.is_visible()
    option = f"#id_issuers input[value='{development.pk}']"
    assert page.locator(option).is_visible()
    box.fill("临清")  # a county: only its group is left
    assert not page.locator(option).is_visible()
    assert page.locator(f"#id_issuers input[value='{county_office.pk}']").is_visible()
    assert not page.locator("#id_issuers legend:has-text('本单位')").is_visible()
    page.check(f"#id_issuers input[value='{county_office.pk}']")
    box.fill("发展改革委")  # a short name finds 聊城市发展和改革委员会; checked boxes stay
    assert page.locator(option).is_visible()
    assert page.locator(f"#id_issuers input[value='{county_office.pk}']").is_visible()
    page.check(option)
    box.fill("没有这个机构")
    assert not page.locator(f"#id_issuers input[value='{finance.pk}']").is_visible()
    assert "没有名称含" in page.locator("#id_issuers_filter ~ .picker-status").inner_text()
    box.fill("")

    interp = page.locator("fieldset[data-kind=interpretation]")
    assert not interp.is_visible()  # 一般信息: the interpretation fields are hidden
    page.select_option("#id_kind", "interpretation")
    assert interp.is_visible() and page.locator("#id_interpretation_form").is_visible()
    page.select_option("#id_kind", "normative")
    assert not interp.is_visible()

    page.check(f"#id_entries input[value='{column.pk}']")
    page.fill("#id_title", "关于做好2026年财政收支管理工作的通知")
    page.fill("#id_doc_number", "聊财发〔2026〕11号")
    with page.expect_navigation():
        page.click("main button:has-text('保存')")
    item = Item.objects.get()
    assert set(item.issuers.values_list("pk", flat=True)) == {development.pk, county_office.pk}
    assert item.kind == "normative" and list(item.entries.all()) == [column]
