"""A disclosure office imports a plan in the browser: preview, confirm, supervision tree."""

import pytest

from tests.browser import sign_in
from tests.conftest import LIAOCHENG_PLAN

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_office_imports_a_plan_and_sees_the_tree(live_server, page, staff):
    sign_in(page, live_server.url, "lc-admin")
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


@pytest.mark.django_db(transaction=True)
def test_the_column_list_of_an_obligation_filters_as_one_types(
    live_server, page, staff, import_seed
):
    from gongkai.catalog.services import ensure_legal_structure
    from gongkai.plans.models import Obligation

    plan = import_seed("聊城市")
    ob = next(
        o for o in Obligation.objects.filter(task__plan=plan) if o.task.organisations.count() >= 2
    )
    for o in ob.task.organisations.all():
        ensure_legal_structure(o)
    sign_in(page, live_server.url, "lc-admin")
    page.goto(f"{live_server.url}/staff/plans/obligations/{ob.pk}/")
    boxes = page.locator(".entry-picker label[data-filter]")
    total = boxes.count()
    assert total > 20
    page.wait_for_selector("#entry-filter", state="visible")  # shown by the script
    page.fill("#entry-filter", "财政预决算")
    page.wait_for_selector("#entry-filter-count:has-text('显示')")
    visible = page.locator(".entry-picker label[data-filter]:visible")
    assert 0 < visible.count() < total
    assert all("财政预决算" in t for t in visible.all_inner_texts())
    # the matching groups are opened; a group with no match is hidden
    assert page.locator(".entry-picker details[open]").count() >= 1
    page.fill("#entry-filter", "")  # cleared: every column is back
    assert page.locator(".entry-picker label[hidden], .entry-picker details[hidden]").count() == 0
