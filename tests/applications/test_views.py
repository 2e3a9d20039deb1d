"""Public form, receipt, status page, staff pages and who sees what."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import actions
from gongkai.applications.models import Application
from gongkai.core.demo import DEMO_PASSWORD

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def post_data(mz, **over):
    data = {
        "organisation": mz.pk,
        "applicant_type": "natural",
        "name": "王小明",
        "id_type": "id_card",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "",
        "address": "",
        "postcode": "",
        "description": "城乡低保资金发放明细",
        "purpose": "",
        "form_preference": "electronic",
        "delivery": "email",
    }
    data.update(over)
    return data


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_public_form_submits_and_status_shows_due_with_explanation(client, mz):
    r = client.post("/apply/", post_data(mz))
    assert r.status_code == 302
    app = Application.objects.get()
    assert r["Location"] == f"/apply/receipt/{app.tracking_code}/"
    receipt = client.get(r["Location"]).content.decode()
    assert (
        app.tracking_code in receipt
        and app.verifier in receipt
        and "答复期限是怎样算出的" in receipt
    )
    page = client.post(
        "/apply/status/", {"code": app.tracking_code, "verifier": app.verifier}
    ).content.decode()
    assert "已登记" in page and app.due_on.isoformat() in page and "收到申请" in page
    assert VALID_ID not in page and "13800000000" not in page


def test_receipt_is_only_for_the_submitting_browser(client, make_app):
    app = make_app()
    assert client.get(f"/apply/receipt/{app.tracking_code}/").status_code == 404


def test_status_needs_the_verifier(client, make_app):
    app = make_app()
    wrong = "00000000" if app.verifier != "00000000" else "11111111"
    page = client.post(
        "/apply/status/", {"code": app.tracking_code, "verifier": wrong}
    ).content.decode()
    assert "查询码或验证码不正确" in page and app.registration_no not in page


def test_bad_form_keeps_everything_and_marks_fields(client, mz):
    r = client.post(
        "/apply/",
        {
            **post_data(mz, id_number="110105194912310021", phone=""),
            "attachments": SimpleUploadedFile("a.pdf", b"garbage"),
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "身份证号码校验位不正确" in html
    assert "请填写联系电话" in html
    assert "城乡低保资金发放明细" in html  # what was typed is still there
    assert Application.objects.count() == 0


def test_unreadable_attachment_is_refused_with_its_name(client, mz):
    r = client.post(
        "/apply/", {**post_data(mz), "attachments": SimpleUploadedFile("证明.pdf", b"garbage")}
    )
    assert r.status_code == 200
    assert "证明.pdf" in r.content.decode()
    assert Application.objects.count() == 0


def test_good_attachment_is_kept(client, mz):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    r = client.post("/apply/", {**post_data(mz), "attachments": SimpleUploadedFile("id.png", png)})
    assert r.status_code == 302, r.content.decode()[:2000]
    att = Application.objects.get().attachments.get()
    assert att.name == "id.png" and att.content_type == "image/png"
    assert att.read() == png and att.sha256  # in the file storage, not a database column
    del pdf


def test_an_organisation_sees_only_its_own(client, make_app, staff, org):
    mine = make_app()
    cz = org("聊城市", "市财政局")
    theirs = actions.submit(
        cz,
        {**post_data(cz), "organisation": None},
        received_on=D("2026-03-02"),
        actor=AnonymousUser(),
    )
    login(client, "lc-mz-editor")
    page = client.get("/staff/applications/").content.decode()
    assert mine.registration_no in page and theirs.registration_no not in page
    assert client.get(f"/staff/applications/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/staff/applications/{theirs.pk}/act/", {"op": "note", "note-text": "x"}
        ).status_code
        == 404
    )
    login(client, "dy-admin")
    assert client.get(f"/staff/applications/{mine.pk}/").status_code == 404
    login(client, "lc-admin")
    page = client.get("/staff/applications/").content.decode()
    assert mine.registration_no in page and theirs.registration_no in page
    login(client, "lc-auditor")
    assert client.get(f"/staff/applications/{mine.pk}/").status_code == 200
    assert (
        client.post(
            f"/staff/applications/{mine.pk}/act/", {"op": "note", "note-text": "x"}
        ).status_code
        == 404
    )


def test_anonymous_cannot_reach_staff_pages(client, make_app):
    app = make_app()
    r = client.get(f"/staff/applications/{app.pk}/")
    assert r.status_code == 302 and "/login" in r["Location"]


def test_staff_enter_offline_application_and_decide_with_docx(client, staff, mz):
    login(client, "lc-mz-editor")
    data = post_data(mz, channel="letter", received_on="2026-03-02")
    r = client.post("/staff/applications/new/", data)
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.channel == "letter" and app.received_on == D("2026-03-02")
    detail = client.get(r["Location"]).content.decode()
    assert "答复期限" in detail and "疑似重复申请" in detail
    r = client.post(
        f"/staff/applications/{app.pk}/act/",
        {
            "op": "decide",
            "prefix": "decide",
            "decide-outcome": "partial",
            "decide-on": "2026-03-20",
            "decide-how_provided": "电子邮件",
        },
    )
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "未完成" in page and "不予公开的部分" in page
    app.refresh_from_db()
    assert not app.is_closed
    client.post(
        f"/staff/applications/{app.pk}/act/",
        {
            "op": "decide",
            "prefix": "decide",
            "decide-outcome": "partial",
            "decide-on": "2026-03-20",
            "decide-how_provided": "电子邮件",
            "decide-withheld_part": "身份证号码",
            "decide-withheld_reason": "withheld_third_party",
            "decide-legal_basis": "条例第十五条",
        },
    )
    app.refresh_from_db()
    assert not app.is_closed and not app.outcome  # the reply is a draft until it is sent
    draft = actions.open_draft(app)
    r = client.post(
        f"/staff/applications/{app.pk}/reply/",
        {"op": "send", "seen": actions.token(draft), "sent_on": "2026-03-20", "method": "email"},
    )
    app.refresh_from_db()
    assert app.outcome == "partial" and app.is_closed
    letter = app.letters.get(kind="reply")
    assert letter.sent_on == D("2026-03-20") and letter.delivery_method == "email"
    r = client.get(f"/staff/applications/letters/{letter.pk}.docx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "行政复议" in text and "行政诉讼" in text
    corr = actions.request_correction(
        actions.submit(mz, post_data(mz), channel="letter", received_on=D("2026-03-02"),
                       actor=staff["lc-mz-editor"]),
        items="请写明文件名称", on=D("2026-03-03"), actor=staff["lc-mz-editor"],
    )  # fmt: skip
    client.post(
        f"/staff/applications/{corr.application.pk}/act/",
        {"op": "send", "letter": corr.pk, "sent_on": "2026-03-04", "method": "post"},
    )
    corr.refresh_from_db()
    assert corr.sent_on == D("2026-03-04") and corr.delivery_method == "post"


def test_stats_page_and_xlsx_match_table_three(client, make_app, staff):
    a = make_app(received=D("2026-03-02"))
    make_app(received=D("2026-03-03"))
    actions.decide(
        a,
        outcome="disclosed",
        details={"how_provided": "邮寄"},
        on=D("2026-03-10"),
        actor=staff["lc-mz-editor"],
    )
    login(client, "lc-admin")
    page = client.get("/staff/applications/stats/", {"year": 2026}).content.decode()
    assert "一、本年新收政府信息公开申请数量" in page and "相符" in page
    r = client.get("/staff/applications/stats/", {"year": 2026, "format": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(r.content))["表三 申请情况"]
    rows = {
        str(row[0].value).strip("　"): [c.value for c in row[1:]] for row in ws.iter_rows(min_row=5)
    }
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 2
    assert rows["（一）予以公开"][0] == 1
    assert rows["四、结转下年度继续办理"][-1] == 1
    march = client.get(
        "/staff/applications/stats/", {"start": "2026-03-03", "end": "2026-03-31"}
    ).content.decode()
    assert "2026年3月3日至2026年3月31日：新收 1 件，办结 1 件" in march


def test_popular_page_proposes_to_the_owning_organisation(client, make_app, staff):
    for i in range(2):
        make_app(
            name=f"申请人{i}",
            phone=str(i),
            id_type="passport",
            id_number=f"E00{i}",
            description="养老服务补贴发放名单",
        )
    login(client, "lc-admin")
    page = client.get("/staff/applications/popular/", {"year": 2026}).content.decode()
    assert "养老服务补贴发放名单" in page
    ids = list(Application.objects.values_list("pk", flat=True))
    mz = Application.objects.first().organisation
    client.post(
        "/staff/applications/popular/propose/",
        {"organisation": mz.pk, "subject": "养老服务补贴发放名单", "app": ids},
    )
    login(client, "lc-mz-editor")
    assert "养老服务补贴发放名单" in client.get("/staff/").content.decode()


def test_office_admin_edits_remedy_and_templates(client, make_app, staff, mz):
    login(client, "lc-mz-editor")
    assert client.get("/staff/applications/settings/").status_code == 404
    login(client, "lc-admin")
    page = client.get("/staff/applications/settings/", {"org": mz.pk}).content.decode()
    assert "默认文字" in page and "政府信息公开申请答复书" in page
    r = client.post(
        "/staff/applications/settings/",
        {
            "what": "remedy",
            "org": mz.pk,
            "review_body": "",
            "review_days": "abc",
            "court": "聊城市中级人民法院",
            "litigation_months": "6",
        },
    )
    html = r.content.decode()
    assert (
        r.status_code == 200 and "请填写1至365之间的整数" in html and "聊城市中级人民法院" in html
    )
    client.post(
        "/staff/applications/settings/",
        {
            "what": "remedy",
            "org": mz.pk,
            "review_body": "聊城市人民政府",
            "review_days": "60",
            "court": "聊城市中级人民法院",
            "court_address": "聊城市某路",
            "litigation_months": "6",
        },
    )
    r = client.post(
        "/staff/applications/settings/",
        {"what": "template", "org": mz.pk, "kind": "reply", "title": "答复书", "body": "{% if %}"},
    )
    assert "不能使用" in r.content.decode()
    client.post(
        "/staff/applications/settings/",
        {
            "what": "template",
            "org": mz.pk,
            "kind": "reply",
            "title": "民政局答复书",
            "body": "{{申请人}}：\n\n{{答复结论}}。\n\n{{救济途径}}",
        },
    )
    app = make_app()
    letter = actions.decide(
        app,
        outcome="disclosed",
        details={"how_provided": "邮寄"},
        on=D("2026-03-10"),
        actor=staff["lc-mz-editor"],
    )
    assert letter.title == "民政局答复书"
    assert "聊城市中级人民法院（地址：聊城市某路）" in letter.html
    client.post("/staff/applications/settings/", {"what": "reset", "org": mz.pk, "kind": "reply"})
    other = make_app(description="另一份文件")
    letter = actions.decide(
        other,
        outcome="disclosed",
        details={"how_provided": "邮寄"},
        on=D("2026-03-10"),
        actor=staff["lc-mz-editor"],
    )
    assert letter.title == "政府信息公开申请答复书"


def test_receipt_docx_for_the_submitter_and_ledger_export(client, mz, staff):
    client.post("/apply/", post_data(mz))
    app = Application.objects.get()
    r = client.get(f"/apply/receipt/{app.tracking_code}.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert app.tracking_code in text and "登记回执" in text
    other = client_class_get(f"/apply/receipt/{app.tracking_code}.docx")
    assert other.status_code == 404
    login(client, "lc-mz-editor")
    r = client.get("/staff/applications/", {"state": "open", "format": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws.cell(1, 1).value == "登记号" and ws.cell(2, 1).value == app.registration_no


def client_class_get(url):
    from django.test import Client

    return Client().get(url)


def test_admin_template_form_is_prefilled(client, staff):
    login(client, "lc-admin")
    r = client.get("/admin/applications/lettertemplate/add/", {"kind": "reply"})
    assert r.status_code == 200 and "政府信息公开申请答复书" in r.content.decode()
