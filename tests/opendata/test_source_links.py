"""A dataset's page and a period's page link each figure to the item it came from, and the link
opens that item's public page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_source_item_links_open_the_item(client, dataset, publish):
    item = publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    for url in (f"/opendata/{dataset.pk}/", f"/opendata/{dataset.pk}/periods/2026-01/"):
        page = client.get(url)
        assert page.status_code == 200, url
        links = re.findall(r'href="([^"]+)">2026年1月财政收支情况<', page.content.decode())
        assert links, url
        for link in links:
            shown = client.get(link)
            assert shown.status_code == 200, link
            assert "2026年1月财政收支情况" in shown.content.decode()
    assert links == [f"/item/{item.pk}/"]
