"""Consultation workflow, comments, dispositions, feedback, the loop to the final item."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.consultations import actions, services
from gongkai.consultations.models import Comment, Consultation, PeriodEvent
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import dates

from .test_rules import DRAFT

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


def test_author_cannot_approve_and_draft_is_read_into_articles(staff, finance, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor, reviewer, admin = staff["lc-editor"], staff["lc-reviewer"], staff["lc-admin"]
    today = dates.today()
    c = actions.create(
        admin, finance, title="草案", opens_on=today, closes_on=today + dt.timedelta(days=40),
        contact_unit="市财政局",
    )  # fmt: skip
    with pytest.raises(Invalid) as exc:
        actions.submit(admin, c)
    assert "草案" in str(exc.value)  # no draft text yet
    actions.upload_draft(admin, c, "草案.txt", DRAFT.encode())
    assert c.articles.count() == 6 and c.versions.count() == 1
    actions.submit(admin, c)
    with pytest.raises(Forbidden) as exc:
        actions.approve(admin, c)  # the office admin wrote it: may review, but not their own
    assert "起草人不能审核" in str(exc.value)
    with pytest.raises(Forbidden):
        actions.approve(editor, c)  # an editor holds no review ability
    actions.approve(reviewer, c)
    c = actions.open_consultation(editor, c)
    assert c.status == "open" and c.minimum_days >= 9
    assert PeriodEvent.objects.filter(consultation=c, kind="opened").exists()


def test_role_scoping(staff, make_open):
    c = make_open()
    with pytest.raises(Forbidden):
        actions.extend(staff["lc-mz-editor"], c, dates.today() + dt.timedelta(days=60), "理由")
    with pytest.raises(Forbidden):
        actions.close(staff["lc-auditor"], c, "理由")
    with pytest.raises(Forbidden):
        actions.submit_comment(
            staff["dy-editor"], c, text="录入", contact="x", channel="letter"
        )  # another city's staff cannot enter comments here


def test_shorter_period_needs_a_recorded_reason_shown_publicly(staff, make_open, client):
    with pytest.raises(Invalid) as exc:
        make_open(days=3, kind="major_decision")
    assert "须填写缩短理由" in exc.value.errors["shorter_reason"]
    assert not Consultation.objects.filter(status="open").exists()
    c = make_open(days=10, kind="major_decision", reason="防汛工作紧急，须在汛期前出台。")
    page = client.get(c.get_absolute_url()).content.decode()
    assert "期限缩短理由" in page and "防汛工作紧急" in page
    assert "法定最短期限：30日" in page


def test_extension_and_reopening_are_recorded_with_a_notice(staff, make_open, client):
    c = make_open()
    new = c.closes_on + dt.timedelta(days=10)
    with pytest.raises(Invalid):
        actions.extend(staff["lc-editor"], c, new, "")
    actions.extend(staff["lc-editor"], c, new, "应社会各界要求延长")
    c.refresh_from_db()
    assert c.closes_on == new
    actions.close(staff["lc-editor"], c, "提前结束：已充分听取意见")
    actions.reopen(staff["lc-editor"], c, dates.today() + dt.timedelta(days=15), "草案作重大修改")
    kinds = list(c.events.values_list("kind", flat=True))
    assert kinds == ["opened", "extended", "closed", "reopened"]
    page = client.get(c.get_absolute_url()).content.decode()
    assert "延长至" in page and "应社会各界要求延长" in page and "草案作重大修改" in page


def test_comments_group_and_count_and_contacts_are_never_public(staff, make_open, client):
    c = make_open()
    art = c.articles.get(number=4)
    for i in range(3):
        actions.submit_comment(
            ANON, c, text="建议将低保标准提高到每月800元。", contact=f"1380000000{i}",
            consent=True, article=art,
        )  # fmt: skip
    actions.submit_comment(
        staff["lc-editor"], c, text="来信：建议简化申请材料，联系电话13812345678。",
        contact="来信人地址", channel="letter", received_on=dates.today(), consent=True,
    )  # fmt: skip
    f = services.figures(c)
    assert (f["comments"], f["opinions"], f["participants"]) == (4, 2, 4)
    follower = Comment.objects.filter(leader__isnull=False).last()
    actions.ungroup(staff["lc-editor"], follower)  # staff judge it a different opinion
    assert services.figures(c)["opinions"] == 3
    with pytest.raises(Invalid):
        actions.ungroup(staff["lc-editor"], follower)
    assert f["per_article"][art.pk] == 3
    letter = Comment.objects.get(channel="letter")
    assert "13812345678" not in letter.public_text and letter.entered_by == staff["lc-editor"]
    page = client.get(c.get_absolute_url()).content.decode()
    assert "13800000000" not in page and "来信人地址" not in page
    api = client.get(f"/api/v1/consultations/{c.pk}").content.decode()
    assert "13800000000" not in api and '"comment_count": 4' in api


def _post(client, c, **data):
    import re

    session = client.session
    page = client.get(c.get_absolute_url()).content.decode()
    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    question = re.search(r'<span id="challenge">([^<]+)</span>', page).group(1)
    a, b = (int(n) for n in re.findall(r"\d+", question))
    payload = {"text": "", "contact": "13900000000", "article": "", "answer": str(a + b)}
    payload["challenge_token"] = token
    payload.update(data)
    return client.post(f"/consultations/{c.pk}/comment/", payload), session


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "请填写意见内容"),
        ("长" * 10000, "意见内容过长"),
        ("<script>alert('x')</script>好", "网页代码"),
    ],
)
def test_bad_input_is_answered_in_chinese_and_nothing_is_stored(make_open, client, text, message):
    c = make_open()
    resp, _ = _post(client, c, text=text, name="王某")
    assert resp.status_code == 400
    page = resp.content.decode()
    assert message in page and 'value="王某"' in page  # what the person typed is kept
    assert not Comment.objects.exists()


def test_lone_surrogate_and_wrong_answer_and_rate_limit(make_open, client, settings):
    c = make_open()
    with pytest.raises(Invalid) as exc:
        actions.submit_comment(ANON, c, text="建议\udc00", contact="1")
    assert "无法识别的字符" in exc.value.errors["text"]
    resp, _ = _post(client, c, text="好建议", answer="999")
    assert resp.status_code == 400 and "验证题答案不正确" in resp.content.decode()
    assert "好建议" in resp.content.decode() and not Comment.objects.exists()
    settings.GONGKAI_CONSULTATION_RATE_LIMIT = (2, 60)
    from django.core.cache import cache

    cache.clear()
    assert _post(client, c, text="第一条意见很好。")[0].status_code == 302
    assert _post(client, c, text="第二条意见很好。")[0].status_code == 302
    resp, _ = _post(client, c, text="第三条意见很好。")
    assert resp.status_code == 429 and "提交过于频繁" in resp.content.decode()
    assert Comment.objects.count() == 2


def test_dispositions_feed_the_feedback_and_publishing_it_goes_through_the_catalog(
    staff, make_open, client, django_capture_on_commit_callbacks, civil
):
    from gongkai.catalog import signals
    from gongkai.catalog.models import Item

    c = make_open(org=civil, who="lc-mz")
    editor, reviewer = staff["lc-mz-editor"], staff["lc-mz-reviewer"]
    a4, a5 = c.articles.get(number=4), c.articles.get(number=5)
    for i in range(3):
        actions.submit_comment(
            ANON,
            c,
            text="建议将低保标准提高到每月800元。",
            contact=f"a{i}",
            article=a4,
            consent=True,
        )
    actions.submit_comment(
        ANON, c, text="建议标准每半年调整一次。", contact="b", article=a5, consent=True
    )
    actions.submit_comment(ANON, c, text="与本办法无关的道路维修问题。", contact="c", consent=False)
    with pytest.raises(Invalid):
        actions.dispose(editor, Comment.objects.first(), "adopted")  # still open
    actions.close(editor, c, "提前结束：测试")
    leads = {lc.text[:6]: lc for lc in services.leaders(c)}
    with pytest.raises(Invalid) as exc:
        actions.dispose(editor, leads["建议标准每半"], "rejected", "")
    assert "须说明理由" in str(exc.value)
    follower = Comment.objects.filter(leader__isnull=False).first()
    actions.dispose(editor, follower, "adopted", "", "第四条")  # acts on its group
    actions.dispose(editor, leads["建议标准每半"], "rejected", "标准调整周期由省里统一规定。")
    with pytest.raises(Invalid) as exc:
        actions.publish_feedback(reviewer, c)
    assert "还有 1 条意见未填写处理结果" in str(exc.value)
    actions.dispose(editor, leads["与本办法无关"], "out_of_scope")
    with pytest.raises(Forbidden):
        actions.publish_feedback(editor, c)  # publishing needs the review ability
    received = []
    signals.item_published.connect(
        lambda **kw: received.append(kw["item"]), weak=False, dispatch_uid="t"
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_feedback(reviewer, c, "总体上采纳了主要意见。")
    signals.item_published.disconnect(dispatch_uid="t")
    c.refresh_from_db()
    item = c.feedback_item
    assert c.status == "published" and item.is_public and received == [item]
    assert list(item.entries.values_list("slug", flat=True)) == ["consultation"]
    s = services.summary(c).total
    assert (s.comments, s.opinions, s.adopted, s.rejected, s.out_of_scope) == (5, 3, 1, 1, 1)
    page = client.get(f"/consultations/{c.pk}/feedback/").content.decode()
    assert 'id="fb-comments">5<' in page and 'id="fb-adopted">1<' in page
    assert "标准调整周期由省里统一规定" in page and "与本办法无关" not in page  # no consent
    docx_resp = client.get(f"/consultations/{c.pk}/feedback.docx")
    assert docx_resp.status_code == 200
    import io

    import docx

    d = docx.Document(io.BytesIO(docx_resp.content))
    assert round(d.sections[0].top_margin.mm) == 37 and round(d.sections[0].left_margin.mm) == 28
    assert any("采纳1条" in p.text for p in d.paragraphs)
    client.force_login(editor)
    xlsx = client.get(f"/staff/consultations/{c.pk}/synthesis.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert (
        wb["意见汇总"].max_row == 2 + 5
        and wb["分条统计"]["B" + str(wb["分条统计"].max_row)].value == 5
    )
    assert Item.objects.filter(pk=item.pk).exists()


def test_without_a_consultation_column_the_feedback_goes_to_news(staff, make_open):
    c = make_open()  # 市财政局's catalog has no 重大决策预公开 column
    actions.close(staff["lc-editor"], c, "测试")
    c = actions.publish_feedback(staff["lc-reviewer"], c)
    assert list(c.feedback_item.entries.values_list("slug", flat=True)) == ["news"]


def test_final_item_page_says_it_was_consulted_and_diff_is_shown(
    staff, make_open, client, finance, system
):
    from gongkai.catalog.actions import publish_item_now
    from gongkai.catalog.models import CatalogEntry

    c = make_open()
    actions.submit_comment(ANON, c, text="赞成。", contact="x")
    actions.close(staff["lc-editor"], c, "测试")
    final_text = DRAFT.replace("每年调整一次", "每半年调整一次").replace("（征求意见稿）", "")
    item = publish_item_now(
        organisation=finance, title="聊城市城乡居民最低生活保障办法", kind="normative",
        body="".join(f"<p>{line}</p>" for line in final_text.splitlines() if line.strip()),
        entries=[CatalogEntry.objects.get(organisation=finance, slug="normative")],
        doc_number="聊财发〔2026〕3号", no_interpretation_reason="测试", actor=system,
    )  # fmt: skip
    with pytest.raises(Invalid):
        actions.link_final(staff["lc-editor"], c, 999999)
    c = actions.link_final(staff["lc-editor"], c, item)
    from django.urls import reverse

    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "本文件曾公开征求意见" in html and f"/consultations/{c.pk}/" in html
    changes = services.diff(c)
    changed = [ch for ch in changes if ch.status == "changed"]
    assert [ch.draft_label for ch in changed] == ["第五条"]


def test_close_due_job_and_public_lists_and_api(staff, make_open, client):
    c = make_open()
    Consultation.objects.filter(pk=c.pk).update(closes_on=dates.today() - dt.timedelta(days=1))
    assert actions.close_due() == "1 consultations closed"
    c.refresh_from_db()
    assert c.status == "closed"
    assert c.title in client.get("/consultations/?status=closed").content.decode()
    assert c.title not in client.get("/consultations/?status=open").content.decode()
    assert client.get("/consultations/?status=bogus").status_code == 400
    data = client.get("/api/v1/consultations?status=closed").json()
    assert data["total"] == 1 and data["results"][0]["status"] == "closed"
    assert data["results"][0]["minimum_days"] >= 9
    assert client.get("/api/v1/consultations?page=0").status_code == 400
    assert client.get("/api/v1/consultations/999999").status_code == 404
    assert client.get(f"/consultations/org/{c.organisation.code}/").status_code == 200


def test_approved_consultation_opens_on_its_opening_date(staff, finance, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tomorrow = dates.today() + dt.timedelta(days=1)
    c = actions.create(
        staff["lc-editor"], finance, title="明日开始", opens_on=tomorrow,
        closes_on=tomorrow + dt.timedelta(days=40), contact_unit="市财政局",
    )  # fmt: skip
    actions.upload_draft(staff["lc-editor"], c, "草案.txt", DRAFT.encode())
    actions.submit(staff["lc-editor"], c)
    actions.approve(staff["lc-reviewer"], c)
    with pytest.raises(Invalid):
        actions.open_consultation(staff["lc-editor"], c)  # not before its opening date
    assert actions.open_due() == "0 consultations opened"
    Consultation.objects.filter(pk=c.pk).update(opens_on=dates.today())
    assert actions.open_due() == "1 consultations opened"
    c.refresh_from_db()
    assert c.status == "open"


def test_drafts_are_not_public(staff, finance, client):
    c = actions.create(staff["lc-editor"], finance, title="内部草稿")
    assert client.get(c.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/consultations/{c.pk}").status_code == 404
