"""In a real browser: a visitor opens a dataset and sees the chart and its data table, also at
phone width and in 大字模式."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_visitor_sees_the_chart_and_the_table(live_server, page, dataset, publish):
    for m in range(1, 7):
        publish(
            f"2026年{m}月财政收支情况",
            [[f"2026年{m}月", 100 + 5 * m, 80, sum(100 + 5 * k for k in range(1, m + 1))]],
        )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/opendata/")
    page.click(f"text={dataset.title}")
    page.wait_for_url(f"**/opendata/{dataset.pk}/")
    chart = page.locator("figure.gk-figure-line svg[role=img]")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] <= 390  # fits a phone
    assert chart.locator(".series path, path.line").count() > 0  # a drawn line
    table = page.locator("figure.gk-figure-line table")
    assert table.locator("caption").inner_text().endswith("数据表")
    assert table.locator("tbody th[scope=row]").first.inner_text() == "2026年1月"
    assert "105" in table.inner_text()
    # the chart's stylesheet came from our own server (nothing from the internet)
    colour = chart.locator("text").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans CJK SC" in colour or "PingFang" in colour
    before = chart.locator(".axis text").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    page.click("#large-text-toggle")
    after = chart.locator(".axis text").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert after >= before
    assert "同比" in page.content() and "2026年6月" in page.content()
