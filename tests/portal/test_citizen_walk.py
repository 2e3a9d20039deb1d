"""Issue #18: the citizen's story on a fresh demo, in a real browser: search 聊政办发〔2017〕9号
from the home page, open the plan, open its interpretation."""

from __future__ import annotations

import io

import pytest

pytestmark = pytest.mark.browser

NEEDED = ("orgs", "accounts", "workcal", "catalog", "search")


@pytest.mark.django_db(transaction=True)
def test_citizen_finds_the_founding_plan_and_its_interpretation(live_server, page, settings):
    from gongkai.catalog.models import Item
    from gongkai.core.demo import DemoContext, load_committed, loaders

    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    ctx = DemoContext(stdout=io.StringIO())
    for label, load in loaders():
        if label in NEEDED:
            load_committed(load, ctx)  # as gongkai demo loads them: one commit per loader
    plan = Item.objects.public().get(doc_number="聊政办发〔2017〕9号")
    interpretation = Item.objects.public().filter(interprets=plan).first()
    assert interpretation is not None, "the demo publishes the plan with its 解读"

    page.goto(live_server.url + "/")
    page.fill("#home-q", "聊政办发〔2017〕9号")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(".hit h3 a").first
    assert first.get_attribute("href") == f"/item/{plan.pk}/"
    first.click()
    page.wait_for_url(f"**/item/{plan.pk}/")
    assert "聊政办发〔2017〕9号" in page.locator(".meta-block").inner_text()
    page.locator(f'.related a[href="/item/{interpretation.pk}/"]').first.click()
    page.wait_for_url(f"**/item/{interpretation.pk}/")
    assert page.locator("h1").inner_text() == interpretation.title
    assert plan.title in page.locator("main").inner_text()
