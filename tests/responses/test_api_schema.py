"""The documented shape of the message and press-conference endpoints, with data in them
(the portal's schema test calls every path too; this one fills them first)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.interaction import actions as msg
from gongkai.portal.openapi import document
from gongkai.responses import actions
from gongkai.rules import dates
from tests.portal.test_api_schema import check

pytestmark = pytest.mark.django_db


def test_documented_shapes_with_data(client, org, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    civil = org("聊城市", "市民政局")
    m = msg.do_submit(
        AnonymousUser(),
        civil,
        kind="help",
        subject="临时救助",
        text="请问如何申请？",
        name="张三",
        contact="13600000000",
        consent_publish=True,
    ).message
    msg.do_draft_reply(staff["lc-mz-editor"], m, reply="请到街道申请。")
    msg.do_review_reply(staff["lc-mz-reviewer"], m, approve=True)
    msg.do_publish(staff["lc-mz-editor"], m)
    conf = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="救助政策吹风会",
        held_at=(dates.now() - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        speakers=[("李明", "市民政局局长")],
    )
    actions.do_publish_conference(staff["lc-mz-editor"], conf)
    doc = document()
    for path in ("/api/v1/messages", "/api/v1/messages/stats", "/api/v1/press-conferences"):
        op = doc["paths"][path]["get"]
        r = client.get(path)
        assert r.status_code == 200
        body = r.json()
        assert body["total"] >= 1 and body["results"], path
        check(body, op["responses"]["200"]["content"]["application/json"]["schema"], doc, path)
        bad = client.get(path + "?page=0")
        assert bad.status_code == 400 and bad.json()["error"]["param"] == "page"
