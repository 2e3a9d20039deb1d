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
    # the scored items: believable figures (parts never exceed totals, points never the weight)
    for r in results.values():
        f = r.facts
        assert f["answered"] <= f["received"] and f["on_time"] <= f["answered"]
        assert f["published"] <= f["answered"] and f["policy_interpreted"] <= f["policy_files"]
        for item in r.scores:
            assert item.points is None or 0 <= item.points <= item.max
    finance = {i.indicator: i for i in results[(
        "聊城市", resolve("市财政局", within=cities["聊城市"]).organisation.pk)].scores}  # fmt: skip
    assert finance["messages_answered"].value is not None  # the messages demo's messages
    assert 0 < finance["messages_answered"].value < 100  # one left unanswered over 3 months
    assert finance["publish_dynamic"].value > 0 and finance["publish_dynamic"].points > 0
    from gongkai.audit.models import AuditEntry
    from gongkai.health.models import IndicatorSet

    year_set = IndicatorSet.objects.get(year=demo_ctx.today.year)
    assert AuditEntry.objects.for_object(year_set).get().actor.username == "lc-admin"
    # loading times are printed (benchmarks measure speed; a test never times itself)
    print("demo loaders (s):", {k: round(v, 1) for k, v in took.items()})
