"""The staff pages drive the whole workflow through the actions."""

import datetime as dt

import pytest

from gongkai.consultations.models import Consultation
from gongkai.rules import dates

from .test_rules import DRAFT

pytestmark = pytest.mark.django_db


def test_staff_pages_walk_the_workflow(client, staff, finance, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    today = dates.today()
    client.force_login(staff["lc-editor"])
    assert client.get("/staff/consultations/").status_code == 200
    form = {
        "organisation": finance.pk, "title": "", "doc_kind": "normative", "channels": ["online"],
        "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=3)).isoformat(),
        "contact_unit": "市财政局办公室",
    }  # fmt: skip
    resp = client.post("/staff/consultations/new/", form)
    assert "请填写标题" in resp.content.decode() and not Consultation.objects.exists()
    form["title"] = "财政专项资金管理办法（征求意见稿）"
    resp = client.post("/staff/consultations/new/", form)
    c = Consultation.objects.get()
    assert resp.status_code == 302 and c.author == staff["lc-editor"]
    upload = SimpleUploadedFile("草案.txt", DRAFT.encode())
    client.post(f"/staff/consultations/{c.pk}/do/upload/", {"draft": upload, "note": "初稿"})
    assert c.articles.count() == 6
    resp = client.post(f"/staff/consultations/{c.pk}/do/submit/", follow=True)
    assert "须填写缩短理由" in resp.content.decode()  # 3 days < 7 working days
    form["shorter_reason"] = "年底前须出台。"
    client.post(f"/staff/consultations/{c.pk}/", form)
    client.post(f"/staff/consultations/{c.pk}/do/submit/")
    c.refresh_from_db()
    assert c.status == "submitted"
    page = client.get(f"/staff/consultations/{c.pk}/").content.decode()
    assert "审核通过" not in page  # an editor holds no review ability
    client.force_login(staff["lc-reviewer"])
    assert client.get("/staff/").status_code == 200
    client.post(f"/staff/consultations/{c.pk}/do/approve/")
    client.force_login(staff["lc-editor"])
    client.post(f"/staff/consultations/{c.pk}/do/open/")
    c.refresh_from_db()
    assert c.status == "open"
    resp = client.post(
        f"/staff/consultations/{c.pk}/comments/",
        {
            "channel": "letter",
            "received_on": today.isoformat(),
            "text": "来信意见。",
            "contact": "信封地址",
        },
    )
    assert resp.status_code == 302 and c.comments.get().channel == "letter"
    client.post(f"/staff/consultations/{c.pk}/do/close/", {"reason": "提前结束"})
    lead = c.comments.get()
    client.post(
        f"/staff/consultations/{c.pk}/comments/{lead.pk}/dispose/", {"disposition": "rejected"}
    )
    lead.refresh_from_db()
    assert lead.disposition == ""  # no reason: refused
    client.post(
        f"/staff/consultations/{c.pk}/comments/{lead.pk}/dispose/",
        {"disposition": "rejected", "reason": "与上位法不符。"},
    )
    lead.refresh_from_db()
    assert lead.disposition == "rejected"
    assert client.get(f"/staff/consultations/{c.pk}/comments/").status_code == 200
    assert client.get(f"/staff/consultations/{c.pk}/feedback.docx").status_code == 200
    client.force_login(staff["dy-editor"])
    assert client.get(f"/staff/consultations/{c.pk}/").status_code == 404  # another city
