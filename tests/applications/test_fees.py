"""Fee tiers of 国办函〔2020〕109号 at their boundaries (no database)."""

import pytest

from gongkai.rules import fees


@pytest.mark.parametrize(
    "n,price", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]
)
def test_per_application_price_of_nth(n, price):
    assert fees.per_application(n).amount == price


def test_month_totals():
    assert fees.month_total(10) == 0
    assert fees.month_total(11) == 100
    assert fees.month_total(30) == 2000
    assert fees.month_total(31) == 2200


@pytest.mark.parametrize(
    "pages,amount",
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_volume_bands(pages, amount):
    assert fees.by_volume(pages).amount == amount


def test_quote_explains_and_rejects_unknown_method():
    q = fees.quote(fees.BY_VOLUME, 101)
    assert q.lines[-1] == "第101—200页：1页 × 20元 = 20元"
    assert q.method_label == "按量计收"
    with pytest.raises(ValueError):
        fees.quote("both", 3)
