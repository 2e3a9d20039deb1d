"""The read API (published only, nothing personal) and the monthly statistics."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.interaction import actions
from gongkai.interaction.models import Message

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def test_messages_api_lists_only_published_without_personal_data(client, answered, finance, staff):
    pub = answered(finance, text="我的手机13912345678，请回电。")
    actions.do_publish(staff["lc-editor"], pub)
    answered(finance, subject="未公开的留言")
    r = client.get("/api/v1/messages")
    data = r.json()
    assert data["total"] == 1 and data["page"] == 1 and data["pages"] == 1
    row = data["results"][0]
    assert row["type"] == "consult" and row["answered_on"] and row["reply"]
    assert row["organisation"]["name"] == finance.name
    body = r.content.decode()
    assert "13912345678" not in body and "13812345678" not in body and "王建国" not in body
    assert client.get("/api/v1/messages?type=poem").status_code == 400
    assert client.get("/api/v1/messages?per_page=1000").status_code == 400


def test_stats_page_xlsx_and_api_agree(client, answered, submit, finance, staff):
    a = answered(finance, received_on=days_ago(0))
    actions.do_rate(AnonymousUser(), a, satisfaction="satisfied")
    submit(finance)  # received, not answered
    spam = submit(finance).message
    actions.do_mark_invalid(staff["lc-editor"], spam, validity="spam", reason="广告")
    month = days_ago(0).strftime("%Y-%m")
    data = client.get(f"/api/v1/messages/stats?org={finance.code}&month={month}").json()
    assert data["summary"]["received"] == 2 and data["summary"]["answered"] == 1
    assert data["summary"]["on_time"] == 1 and data["summary"]["satisfaction_rate"] == 100.0
    assert client.get("/api/v1/messages/stats?month=2026-13").status_code == 400
    y, m = month.split("-")
    r = client.get(f"/messages/stats/?year={y}&month={int(m)}&org={finance.code}")
    assert r.status_code == 200 and finance.name in r.content.decode()
    r = client.get(f"/messages/stats/?year={y}&month={int(m)}&org={finance.code}&format=xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    values = [c.value for row in wb.active.iter_rows() for c in row]
    assert finance.name in values and "合计" in values
    assert Message.objects.count() == 3
