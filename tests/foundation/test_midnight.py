"""At 23:30 UTC it is already 07:30 the next day in Beijing: the workflow apps date what they
record by the government's day (gongkai.rules.dates), not by the server's UTC clock."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.rules import dates

pytestmark = pytest.mark.django_db

BEIJING_MORNING = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)  # 2026-12-02 07:30 in Beijing


@pytest.fixture
def at_2330_utc(monkeypatch):
    monkeypatch.setattr(dates, "_utcnow", lambda: BEIJING_MORNING)


def test_an_application_received_at_2330_utc_is_dated_the_beijing_day(at_2330_utc, org):
    from gongkai.applications import actions

    mz = org("聊城市", "市民政局")
    app = actions.submit(
        mz,
        {
            "applicant_type": "natural",
            "name": "王小明",
            "id_type": "id_card",
            "id_number": "11010519491231002X",
            "phone": "13800000000",
            "description": "2026年低保资金发放明细",
        },
        actor=AnonymousUser(),
    )
    assert app.received_on == dt.date(2026, 12, 2)


def test_validity_changed_at_2330_utc_is_dated_the_beijing_day(at_2330_utc, org, staff):
    from gongkai.catalog import actions
    from gongkai.catalog.services import ensure_legal_structure, entry
    from gongkai.core.actors import SYSTEM

    finance = org("聊城市", "市财政局")
    ensure_legal_structure(finance)
    item = actions.publish_item_now(
        organisation=finance,
        title="关于财政资金管理的通知",
        body="<p>通知。</p>",
        entries=[entry(finance, "czsz")],
        actor=SYSTEM("test"),
    )
    item = actions.set_validity(item, actor=staff["lc-editor"], validity="repealed")
    assert item.validity_changed_on == dt.date(2026, 12, 2)
    assert "2026年12月2日" in item.validity_notice
