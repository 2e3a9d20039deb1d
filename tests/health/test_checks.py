"""Exact checks from the database: columns, home page, forged dates, links, messages, probes."""

from __future__ import annotations

import datetime as dt
import json
import types
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 20)


def fill(civil, publish, *, news_age=3, skip=()):
    """Give every column of 市民政局 one fresh item (so only what a test breaks is found)."""
    from gongkai.catalog.models import CatalogEntry

    for e in CatalogEntry.objects.filter(organisation=civil, children__isnull=True):
        if e.slug in skip or e.slug in ("guide", "application"):
            continue
        age = news_age if e.slug == "news" else 20
        publish(civil, e.slug, f"{e.name}信息", age, as_of=AS_OF)


def test_columns_fit_the_organisation(civil, org):
    from gongkai.catalog.models import CatalogEntry
    from gongkai.catalog.services import ensure_legal_structure

    slugs = set(CatalogEntry.objects.filter(organisation=civil).values_list("slug", flat=True))
    assert "assistance" in slugs and "czsz" not in slugs and "education" not in slugs
    finance = org("聊城市", "市财政局")
    ensure_legal_structure(finance)
    slugs = set(CatalogEntry.objects.filter(organisation=finance).values_list("slug", flat=True))
    assert "czsz" in slugs and "assistance" not in slugs


def test_a_full_department_passes_and_stale_news_is_found(civil, publish):
    from gongkai.health.queries import check_org

    fill(civil, publish)
    r = check_org(civil, AS_OF)
    assert r.result.findings == [] and r.result.light == "green" and r.score == 100
    # 16 days later the news column (last item 3 days before AS_OF) is stale since AS_OF+12
    later = check_org(civil, AS_OF + dt.timedelta(days=16)).result
    stale = [f for f in later.findings if f.rule == "column_stale"]
    assert [f.object for f in stale] == ["法定主动公开内容 › 工作动态"]
    assert stale[0].since == AS_OF + dt.timedelta(days=12)
    home = [f for f in later.findings if f.rule == "home_stale"]  # the news was the newest item
    assert home[0].since == AS_OF + dt.timedelta(days=12) and "home_stale" in [
        v.rule for v in later.vetoes
    ]


def test_blank_columns_veto_and_cli_json(civil, publish):
    from gongkai.catalog.models import CatalogEntry

    leaves = list(
        CatalogEntry.objects.filter(organisation=civil, children__isnull=True)
        .exclude(slug__in=["guide", "application", "news", "functions"])
        .values_list("slug", flat=True)
    )
    fill(civil, publish, skip=leaves[:5])
    out = StringIO()
    call_command("health", "check", "--org", civil.code, "--json", "--as-of", AS_OF.isoformat(),
                 stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["organisation"] == civil.code
    assert data["vetoes"] == ["column_blank"]
    blank = [f for f in data["findings"] if f["rule"] == "column_blank"]
    assert len(blank) == 5 and all(set(f) == {"rule", "object", "since", "detail"} for f in blank)
    assert isinstance(data["predicted"], list)
    out = StringIO()
    call_command("health", "check", "--city", "聊城市", "--json", "--as-of", AS_OF.isoformat(),
                 stdout=out)  # fmt: skip
    city = json.loads(out.getvalue())
    assert civil.code in [o["organisation"] for o in city["organisations"]]


def test_forged_date_is_found(civil, publish):
    from gongkai.catalog.models import Item
    from gongkai.health.queries import check_org

    fill(civil, publish)
    item = Item.objects.filter(organisation=civil, entries__slug="news").first()
    assert not [f for f in check_org(civil, AS_OF).result.findings if f.rule == "forged_date"]
    Item.objects.filter(pk=item.pk).update(published_at=item.published_at + dt.timedelta(days=2))
    forged = [f for f in check_org(civil, AS_OF).result.findings if f.rule == "forged_date"]
    assert [f.object_id for f in forged] == [str(item.pk)] and "发布后被改动" in forged[0].detail


def test_broken_attachment_link(civil, publish):
    from gongkai.core.actors import SYSTEM
    from gongkai.health.links import check_items
    from gongkai.health.queries import check_org

    fill(civil, publish)
    item = publish(civil, "assistance", "低保标准调整通知", 5, as_of=AS_OF,
                   body='<p>见<a href="/media/attachments/2026/11/低保标准.pdf">附件</a>。</p>')  # fmt: skip
    from gongkai.core.sheets import Sheet, xlsx_bytes

    sheet = xlsx_bytes([Sheet.simple("问答", ["问题"], [["如何申请"]])])
    ok = publish(civil, "assistance", "救助政策问答", 5, as_of=AS_OF,
                 attachments=[("问答.xlsx", sheet)])  # fmt: skip
    counts = check_items([item, ok], actor=SYSTEM("test"))
    assert counts == {"links": 2, "broken": 1, "skipped": 0}
    found = [f for f in check_org(civil, AS_OF).result.findings if f.rule == "broken_link"]
    assert (
        len(found) == 1
        and "低保标准调整通知" in found[0].object
        and "附件文件不存在" in found[0].detail
    )


def test_messages_through_the_interaction_interface(civil, publish, monkeypatch):
    from gongkai.health import queries

    fill(civil, publish)
    Msg = types.SimpleNamespace
    old = Msg(id=9, org_id=civil.pk, org_name=civil.name, subject="路灯不亮",
              received_on=AS_OF - dt.timedelta(days=91), days_open=91, deadline_on=None,
              staff_url="/staff/x/9/")  # fmt: skip
    near = Msg(id=10, org_id=civil.pk, org_name=civil.name, subject="噪音扰民",
               received_on=AS_OF - dt.timedelta(days=85), days_open=85,
               deadline_on=AS_OF + dt.timedelta(days=5), staff_url="/staff/x/10/")  # fmt: skip
    seen = {}

    def unanswered(org_ids, as_of, *, older_than_days=90, within_past_days=365):
        seen["args"] = (older_than_days, within_past_days)
        return [old]

    fake = types.SimpleNamespace(
        unanswered_valid_messages=unanswered,
        approaching_ceiling=lambda org_ids, as_of, *, within_days=7, ceiling_days=90: [near],
    )
    monkeypatch.setattr(queries, "interaction_queries", fake)
    res = queries.check_org(civil, AS_OF).result
    assert [v.rule for v in res.vetoes] == ["message_unanswered"]
    assert seen["args"] == (90, 365)
    pred = [p for p in res.predicted if p.rule == "message_unanswered"]
    assert pred[0].act_by == AS_OF + dt.timedelta(days=5) and pred[0].url == "/staff/x/10/"


def test_probes_history_makes_unreachable(civil, publish):
    from gongkai.core.actors import SYSTEM
    from gongkai.health.actions import record_probe
    from gongkai.health.queries import check_org

    fill(civil, publish)
    at = timezone.make_aware(dt.datetime.combine(AS_OF, dt.time(9)))
    for i in range(19):
        record_probe(
            SYSTEM("t"), url="http://x/", ok=True, seconds=0.5, at=at - dt.timedelta(hours=i)
        )
    record_probe(SYSTEM("t"), url="http://x/", ok=True, seconds=15.5, at=at)  # too slow
    res = check_org(civil, AS_OF).result
    assert [v.rule for v in res.vetoes] == ["unreachable"]  # 1 of 20 = 5 %


def test_indicator_set_per_year(civil, publish):
    from gongkai.health.models import IndicatorSet
    from gongkai.health.queries import check_org

    fill(civil, publish, news_age=16)
    assert "column_stale" in [f.rule for f in check_org(civil, AS_OF).result.findings]
    IndicatorSet.objects.create(year=2026, dynamic_days=30, home_days=30)
    assert "column_stale" not in [f.rule for f in check_org(civil, AS_OF).result.findings]
    IndicatorSet.objects.filter(year=2026).update(year=2027)  # a later year's set
    assert "column_stale" in [f.rule for f in check_org(civil, AS_OF).result.findings]
