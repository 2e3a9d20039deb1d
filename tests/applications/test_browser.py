"""A real browser submits an application on the public form and finds it on the status page."""

import pytest

from tests.browser import sign_in

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


@pytest.mark.django_db(transaction=True)
def test_clerk_previews_edits_and_sends_the_reply(live_server, page, staff, make_app):
    """The clerk decides, edits the draft letter, sends it; the applicant downloads it."""
    import io

    from docx import Document

    from gongkai.applications.models import Application, LetterFile

    app = make_app(delivery="online")
    sign_in(page, live_server.url, "lc-mz-editor")
    page.goto(f"{live_server.url}/staff/applications/{app.pk}/")
    page.select_option("#id_decide-outcome", "disclosed")
    page.fill("#id_decide-how_provided", "网上获取")
    with page.expect_navigation():
        page.click("button:has-text('生成答复书草稿并预览')")
    page.wait_for_url(f"**/staff/applications/{app.pk}/reply/")
    assert "已生成答复书草稿" in page.content() and "确认发出并办结" in page.content()
    assert Application.objects.get(pk=app.pk).state == "registered"  # not closed yet
    first = page.locator("textarea[name=body]").first
    first.fill(first.input_value() + "\n\n所附材料共3页，请注意查收。")
    with page.expect_navigation():
        page.click("button:has-text('保存修改')")
    assert "已保存对1段正文的修改" in page.content()
    assert page.locator(".letter").inner_text().count("所附材料共3页，请注意查收。") == 1
    page.select_option("#id_method", "online")
    with page.expect_navigation():
        page.click("#send-reply")
    page.wait_for_url(f"**/staff/applications/{app.pk}/")
    assert "已发出，申请已办结" in page.content()
    app.refresh_from_db()
    assert app.is_closed
    stored = "\n".join(
        p.text for p in Document(io.BytesIO(LetterFile.objects.get().read())).paragraphs
    )
    assert "所附材料共3页，请注意查收。" in stored

    other = page.context.browser.new_context(accept_downloads=True)
    p2 = other.new_page()
    p2.goto(live_server.url + "/apply/status/")
    p2.fill("#id_code", app.tracking_code)
    p2.fill("#id_verifier", app.verifier)
    p2.click("button[type=submit]")
    with p2.expect_download() as info:
        p2.click(".letter-download")
    assert info.value.suggested_filename.startswith("政府信息公开申请答复书")
    other.close()
