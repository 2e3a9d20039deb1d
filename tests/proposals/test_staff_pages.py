"""Staff pages of 建议提案: import with row errors, reply, review, template."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.proposals.models import Proposal
from gongkai.rules import dates

pytestmark = pytest.mark.django_db


def test_staff_pages(client, staff, orgs):
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.orgs.models import Organisation

    ensure_legal_structure_many(Organisation.objects.filter(city=orgs["聊城市"]))
    city = orgs["聊城市"]
    header = ["编号", "标题", "类别", "提出人", "主办单位", "协办单位", "交办日期"]
    assigned = (dates.today() - dt.timedelta(days=30)).isoformat()
    bad = xlsx_bytes(
        [Sheet.simple("s", header, [["1", "标题", "建议", "某", "市无此局", "", assigned]])]
    )
    client.force_login(staff["lc-admin"])
    post = {"city": city.pk, "year": dates.today().year, "session": "市人代会"}
    resp = client.post(
        "/staff/proposals/import/", {**post, "file": SimpleUploadedFile("a.xlsx", bad)}
    )
    assert resp.status_code == 400 and "第2行" in resp.content.decode()
    good = xlsx_bytes(
        [Sheet.simple("s", header, [["1", "标题", "建议", "某代表", "市财政局", "", assigned]])]
    )
    client.post("/staff/proposals/import/", {**post, "file": SimpleUploadedFile("a.xlsx", good)})
    p = Proposal.objects.get()
    client.force_login(staff["lc-editor"])
    assert client.get("/staff/proposals/").status_code == 200
    client.post(
        f"/staff/proposals/{p.pk}/do/reply/",
        {"result_code": "B", "reply_text": "正在推进。", "signed_on": dates.today().isoformat()},
    )
    p.refresh_from_db()
    assert p.status == "replied"
    assert "审核通过并全文公开" not in client.get(f"/staff/proposals/{p.pk}/").content.decode()
    client.force_login(staff["lc-reviewer"])
    client.post(f"/staff/proposals/{p.pk}/do/publish/")
    p.refresh_from_db()
    assert p.status == "published"
    client.force_login(staff["lc-admin"])
    resp = client.post(f"/staff/proposals/template/{city.pk}/", {"body": "{答复正文}{坏}"})
    assert resp.status_code == 400 and "不是可用的占位符" in resp.content.decode()
    assert client.get(f"/staff/proposals/template/{city.pk}/").status_code == 200
