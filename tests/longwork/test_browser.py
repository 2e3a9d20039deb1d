"""/staff/work/ in a real browser: the editor exports a year's catalog, sees it done and
downloads the .xlsx; a bad year is shown on the form with what was typed."""

import pytest

from gongkai.rules import dates
from tests.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_editor_exports_a_year_and_downloads_it(live_server, page, staff, finance):
    sign_in(page, live_server.url, "lc-editor")

    page.goto(live_server.url + "/staff/work/")
    form = page.locator("form", has_text="导出全年公开信息目录")
    form.get_by_label("机构").select_option(str(finance.pk))
    form.get_by_label("年度").fill("1999")
    with page.expect_navigation():
        form.get_by_role("button", name="开始").click()
    assert "请填写 2000 年至" in page.content()
    assert page.get_by_label("年度").input_value() == "1999"

    year = dates.today().year
    form = page.locator("form", has_text="导出全年公开信息目录")
    form.get_by_label("年度").fill(str(year))
    with page.expect_navigation():
        form.get_by_role("button", name="开始").click()
    row = page.locator("tr", has_text="导出全年公开信息目录")
    assert "已完成" in row.inner_text()
    assert "3 / 3" in row.inner_text()
    with page.expect_download() as info:
        row.get_by_role("link", name="下载").click()
    assert info.value.suggested_filename == f"{finance.name}{year}年公开信息目录.xlsx"
