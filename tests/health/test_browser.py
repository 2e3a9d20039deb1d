"""The 网站健康 page in a real browser: the city office sees the traffic lights, opens the failing
department and assigns its blank column to an editor."""

import pytest

from tests.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_office_opens_health_page_and_assigns_a_finding(live_server, page, civil, publish, staff):
    from gongkai.catalog.models import CatalogEntry
    from gongkai.health.models import WorkOrder

    for e in CatalogEntry.objects.filter(organisation=civil, children__isnull=True):
        if e.slug not in ("guide", "application", "assistance"):
            publish(civil, e.slug, f"{e.name}信息", 3 if e.slug == "news" else 30)
    sign_in(page, live_server.url, "lc-admin")
    page.goto(live_server.url + "/staff/health/")
    assert page.locator("h1").inner_text() == "网站健康"
    lights = page.locator(
        "table.health", has=page.locator("caption", has_text="各机构网站健康情况")
    )
    row = lights.locator("tr", has=page.locator("a", has_text="聊城市民政局"))
    assert "有问题" in row.inner_text()  # amber: one blank column, no veto
    with page.expect_navigation():
        row.locator("a", has_text="聊城市民政局").click()
    assert "社会救助" in page.content() and "空白栏目" in page.content()
    form = page.locator("form.health-assign").first
    form.locator("select[name=assignee]").select_option(str(staff["lc-mz-editor"].pk))
    form.locator("input[name=workdays]").fill("3")
    with page.expect_navigation():
        form.locator("button", has_text="派发").click()
    assert "已派发整改工单" in page.content()
    order = WorkOrder.objects.get()
    assert order.assignee.username == "lc-mz-editor" and order.rule == "column_blank"
