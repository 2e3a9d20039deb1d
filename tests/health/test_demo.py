"""The demo is truthful: most departments pass, and exactly the failures it was built to show
are found."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import transaction

pytestmark = pytest.mark.django_db


def test_demo_findings(demo_ctx, settings, tmp_path):
    from gongkai.core.demo import loaders
    from gongkai.health.models import CheckRun
    from gongkai.health.queries import check_city
    from gongkai.orgs.services import resolve

    settings.MEDIA_ROOT = tmp_path
    demo_ctx.today = dt.date(2026, 11, 20)
    wanted = {"orgs", "accounts", "workcal", "catalog", "interaction", "health"}
    took = {}
    for label, load in loaders():
        if label in wanted:
            started = time.monotonic()
            with transaction.atomic():  # as gongkai demo loads them
                load(demo_ctx)
            took[label] = time.monotonic() - started
    cities = demo_ctx.shared["cities"]
    results = {
        (city_name, r.organisation.pk): r
        for city_name, city in cities.items()
        for r in check_city(city, demo_ctx.today)
    }

    def of(city, unit):
        return results[(city, resolve(unit, within=cities[city]).organisation.pk)].result

    failing = {(c, r.organisation.short_name) for (c, _), r in results.items() if r.result.findings}
    assert failing == {
        ("聊城市", "市商务局"),
        ("聊城市", "市体育局"),
        ("聊城市", "市财政局"),
        ("东营市", "市教育局"),
    }
    assert [f.rule for f in of("聊城市", "市商务局").findings] == ["column_stale"]
    assert [v.rule for v in of("聊城市", "市体育局").vetoes] == ["column_blank"]
    assert [f.rule for f in of("聊城市", "市财政局").findings] == ["message_unanswered"]
    assert [f.rule for f in of("东营市", "市教育局").findings] == ["broken_link"]
    assert len(results) > 60 and sum(
        1 for r in results.values() if not r.result.vetoes
    ) > 0.9 * len(results)
    predicted = of("聊城市", "市民政局").predicted
    assert [p.act_by for p in predicted if p.rule == "column_stale"] == [
        demo_ctx.today + dt.timedelta(days=6)
    ]
    assert CheckRun.objects.filter(as_of=demo_ctx.today).count() == len(results)
    assert took["health"] < 150, (took, demo_ctx.stdout.getvalue()[-400:])
