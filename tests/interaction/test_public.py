"""Public forms: writing, the receipt, the status page; bad input and the rate limit."""

import pytest
from django.core.cache import cache

from gongkai.interaction.models import Message

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "consult",
    "subject": "养老服务补贴咨询",
    "text": "八十岁以上老人的养老服务补贴在哪里申请？",
    "name": "李秀英",
    "contact": "13712345678",
    "consent": "yes",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def post(client, url, **kw):
    return client.post(url, {**GOOD, **kw})


def test_write_to_an_organisation_and_check_status(client, civil, media):
    r = post(client, f"/messages/write/{civil.code}/")
    assert r.status_code == 200
    m = Message.objects.get()
    html = r.content.decode()
    assert m.code in html and "验证码" in html
    verifier = r.context["verifier"]
    r = client.post("/messages/status/", {"code": m.code, "verifier": verifier})
    assert r.status_code == 200 and "已受理" in r.content.decode()
    assert verifier not in r.request["PATH_INFO"]
    r = client.post("/messages/status/", {"code": m.code, "verifier": "X" * 12})
    assert r.status_code == 400 and "不正确" in r.content.decode()


def test_platform_form_picker_grouped_and_name_resolved(client, civil, media):
    r = client.get("/messages/write/")
    html = r.content.decode()
    assert 'optgroup label="聊城市 · 市政府及市直部门"' in html and "<datalist" in html
    assert 'optgroup label="聊城市 · 东昌府区"' in html  # each county a group of its own
    r = post(client, "/messages/write/", org_name="聊城市民政局")
    assert r.status_code == 200, r.context.get("errors")
    assert Message.objects.get().organisation == civil
    r = post(client, "/messages/write/")
    assert r.status_code == 400 and "请选择受理单位" in r.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "expect"),
    [
        ("subject", "", "标题不能为空"),
        ("text", "   ", "留言内容不能为空"),
        ("text", "长" * 10_000, "留言内容不能超过"),
        ("kind", "poem", "请选择留言类型"),
        ("consent", "", "请选择是否同意公开"),
    ],
)
def test_bad_input_shows_the_form_again(client, civil, media, field, value, expect):
    r = post(client, f"/messages/write/{civil.code}/", **{field: value})
    assert r.status_code == 400
    html = r.content.decode()
    assert expect in html
    if field != "subject":
        assert GOOD["subject"] in html  # what the person typed is kept
    assert not Message.objects.exists()


def test_lone_surrogate_bytes_are_refused(client, civil, media):
    from urllib.parse import urlencode

    body = urlencode({**GOOD, "name": "X"}).replace("name=X", "name=%ED%A0%80%E7%8E%8B")
    r = client.post(
        f"/messages/write/{civil.code}/", body, content_type="application/x-www-form-urlencoded"
    )
    assert r.status_code == 400 and "无法识别的字符" in r.content.decode()
    assert not Message.objects.exists()
    from django.contrib.auth.models import AnonymousUser

    from gongkai.core.errors import Invalid
    from gongkai.interaction import actions

    with pytest.raises(Invalid, match="无法识别"):
        actions.do_submit(
            AnonymousUser(),
            civil,
            kind="consult",
            subject="\ud800",
            text="x",
            name="x",
            contact="x",
            consent_publish=True,
        )


def test_script_is_stored_as_text_and_escaped(client, civil, media, staff):
    r = post(client, f"/messages/write/{civil.code}/", subject="<script>alert(1)</script>")
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.content.decode()
    client.force_login(staff["lc-mz-editor"])
    m = Message.objects.get()
    html = client.get(f"/staff/messages/{m.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_rapid_submissions_are_limited_and_nothing_acknowledged_is_lost(
    client, civil, media, settings
):
    settings.GONGKAI_MESSAGE_RATE_LIMIT = 10
    settings.GONGKAI_MESSAGE_FREE_SUBMISSIONS = 1000  # the challenge is tested on its own
    acknowledged = []
    limited = 0
    for i in range(200):
        r = post(client, f"/messages/write/{civil.code}/", subject=f"第{i}条留言")
        if r.status_code == 200:
            acknowledged.append(r.context["message"].code)
        else:
            assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
            limited += 1
    assert len(acknowledged) == 10 and limited == 190
    assert sorted(Message.objects.values_list("code", flat=True)) == sorted(acknowledged)
    # another address is not limited
    r = client.post(f"/messages/write/{civil.code}/", GOOD, REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 200


def test_attachment_checked_by_the_shared_upload_check(client, civil, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    r = client.post(f"/messages/write/{civil.code}/", {**GOOD, "files": fake})
    assert r.status_code == 400 and "证明.pdf" in r.content.decode()
    assert not Message.objects.exists()
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    ok = SimpleUploadedFile("说明.png", buf.getvalue(), content_type="image/png")
    r = client.post(f"/messages/write/{civil.code}/", {**GOOD, "files": ok})
    assert r.status_code == 200
    assert Message.objects.get().attachments.get().name == "说明.png"


def test_rating_from_the_status_page_can_reopen(client, answered, civil):
    from gongkai.interaction import actions

    m = answered(civil, editor="lc-mz-editor", reviewer="lc-mz-reviewer")
    # a fresh verifier is only known at submission; set one for the test
    from gongkai.interaction.actions.common import hash_verifier

    Message.objects.filter(pk=m.pk).update(verifier_hash=hash_verifier("ABCDEFGHJKLM"))
    r = client.post(
        "/messages/status/",
        {
            "code": m.code,
            "verifier": "ABCDEFGHJKLM",
            "action": "rate",
            "satisfaction": "unsatisfied",
            "reopen": "yes",
        },
    )
    assert r.status_code == 200 and "重新办理" in r.content.decode()
    m.refresh_from_db()
    assert m.status == Message.HANDLING and m.satisfaction == "unsatisfied"
    assert actions.clock_of(m)[0] in ("running", "due_soon")


def test_staff_pages_scoped(client, submit, finance, staff):
    m = submit(finance).message
    client.force_login(staff["lc-mz-editor"])
    assert client.get(f"/staff/messages/{m.pk}/").status_code == 404
    assert m.subject not in client.get("/staff/messages/?f=all").content.decode()
    client.force_login(staff["lc-editor"])
    r = client.get(f"/staff/messages/{m.pk}/")
    assert r.status_code == 200 and m.name in r.content.decode()
    r = client.post(f"/staff/messages/{m.pk}/", {"op": "reply", "reply": ""})
    assert r.status_code == 400 and "答复内容不能为空" in r.content.decode()
    r = client.post(f"/staff/messages/{m.pk}/", {"op": "reply", "reply": "答复"})
    assert r.status_code == 302
    client.force_login(staff["lc-reviewer"])
    client.post(f"/staff/messages/{m.pk}/", {"op": "approve"})
    m.refresh_from_db()
    assert m.status == Message.ANSWERED


def test_workbench_shows_overdue_and_ceiling(client, submit, finance, staff):
    from .conftest import days_ago

    m = submit(finance, received_on=days_ago(70)).message
    client.force_login(staff["lc-editor"])
    html = client.get("/staff/").content.decode()
    assert m.code in html and "3个月答复时限预警" in html and "已超期" in html


@pytest.mark.parametrize(
    ("code", "verifier"),
    [("", ""), ("L" * 10_000, "V" * 10_000), ("<script>alert(1)</script>", "<b>x</b>")],
)
def test_status_form_bad_input(client, code, verifier):
    r = client.post("/messages/status/", {"code": code, "verifier": verifier})
    assert r.status_code == 400 and "查询码或验证码不正确" in r.content.decode()
    assert "<script>alert(1)</script>" not in r.content.decode()


def test_status_lookups_limited_per_address(client, submit, civil, settings):
    settings.GONGKAI_MESSAGE_LOOKUP_RATE_LIMIT = 20
    r = submit(civil)
    codes = [
        client.post("/messages/status/", {"code": r.message.code, "verifier": "X" * 12}).status_code
        for _ in range(200)
    ]
    assert codes.count(429) == 180 and set(codes[:20]) == {400}


def test_list_search_with_long_and_odd_input(client):
    for q in ["长" * 10_000, "<script>", "%ED%A0%80"]:
        r = client.get("/messages/", {"q": q})
        assert r.status_code == 200
    assert client.get("/messages/?q=%ED%A0%80&page=abc").status_code == 200
    assert client.get("/press-conferences/?q=" + "长" * 10_000).status_code == 200


def test_staff_list_filters_and_stats(client, submit, answered, finance, staff):
    from .conftest import days_ago

    old = submit(finance, subject="六十天前的留言", received_on=days_ago(65)).message
    done = answered(finance, subject="已答复的留言")
    client.force_login(staff["lc-editor"])
    pages = {
        f: client.get(f"/staff/messages/?f={f}").content.decode()
        for f in ("open", "attention", "review", "ceiling", "answered", "all", "bogus")
    }
    assert old.subject in pages["ceiling"] and done.subject not in pages["ceiling"]
    assert done.subject in pages["answered"] and done.subject not in pages["open"]
    assert old.subject in pages["attention"] and "已超期" in pages["attention"]
    assert old.subject in pages["bogus"]  # an unknown filter falls back to 办理中
    r = client.get("/staff/messages/stats/?year=abc&month=13")
    assert r.status_code == 200 and finance.name in r.content.decode()
    r = client.get("/staff/messages/stats/?format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(staff["dy-editor"])
    assert finance.name not in client.get("/staff/messages/stats/").content.decode()
