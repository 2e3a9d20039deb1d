"""A real browser: search from the home page, filter, open a result, download its attachment;
keyboard users reach the skip link first and can switch to large text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_citizen_searches_filters_opens_and_downloads(live_server, page, indexed, tmp_path):
    site = indexed
    page.goto(live_server.url + "/")
    page.fill("#home-q", "低保")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert "共找到" in page.locator("#hits-title").inner_text()
    assert page.locator(".hit mark").count() > 0

    # filter by organisation through the facet
    page.locator("#facet-org + ul a", has_text="聊城市财政局").click()
    page.wait_for_url(f"**org={site.cz.code}*")
    assert site.mz_item.title not in page.locator(".hits").inner_text()

    # and by validity through the form
    page.select_option("#s-validity", "valid")
    page.click(".search-row button[type=submit]")
    page.wait_for_url("**validity=valid*")
    hits = page.locator(".hits").inner_text()
    assert site.old_policy.title not in hits

    page.locator(f'.hit a[href="/item/{site.new_policy.pk}/"]').click()
    page.wait_for_url(f"**/item/{site.new_policy.pk}/")
    assert page.locator("h1").inner_text() == site.new_policy.title
    assert "聊财发〔2023〕7号" in page.locator(".meta-block").inner_text()

    with page.expect_download() as info:
        page.locator(".attachments a").first.click()
    download = info.value
    assert download.suggested_filename == "低保标准表.csv"
    target = tmp_path / "saved.csv"
    download.save_as(target)
    assert target.read_text(encoding="utf-8").startswith("地区,标准")


@pytest.mark.django_db(transaction=True)
def test_keyboard_and_large_text(live_server, page, site):
    page.goto(live_server.url + f"/item/{site.old_policy.pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    # the banner of a repealed policy is the first thing after the skip
    assert page.locator(".validity-banner").is_visible()
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.click("#large-text-toggle")
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert after > before
    # a phone-width screen needs no sideways scrolling
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/policies/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
