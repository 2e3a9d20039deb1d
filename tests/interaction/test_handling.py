"""Handling a message: transfer, reply, four-eyes review, publish with consent and masking,
close, satisfaction and reopening, 信访 referral, repeats, role scoping, the queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.audit.actions import trail
from gongkai.core.errors import Forbidden, Invalid
from gongkai.interaction import actions, queries
from gongkai.interaction.models import Message
from gongkai.rules import dates

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def test_submit_gives_code_verifier_and_deadline(submit, finance):
    r = submit(finance, kind="complain")
    m = r.message
    assert len(r.verifier) >= 10 and r.verifier not in m.verifier_hash
    assert m.code.startswith("LY") and m.status == Message.RECEIVED
    assert m.due_on > m.received_on and m.first_due_on == m.due_on
    assert actions.lookup(m.code, r.verifier).pk == m.pk
    assert trail(m).filter(action="create").exists()


def test_lookup_locks_after_repeated_failures(submit, finance, settings):
    settings.GONGKAI_MESSAGE_LOOKUP_ATTEMPTS = 3
    r = submit(finance)
    for _ in range(3):
        with pytest.raises(Exception, match="不正确"):
            actions.lookup(r.message.code, "WRONGWRONG12")
    with pytest.raises(Invalid, match="锁定"):
        actions.lookup(r.message.code, r.verifier)  # even the right verifier, while locked


def test_reply_needs_a_second_person(submit, finance, staff):
    m = submit(finance).message
    actions.do_draft_reply(staff["lc-admin"], m, reply="答复内容")
    with pytest.raises(Forbidden, match="拟稿人以外"):
        actions.do_review_reply(staff["lc-admin"], m, approve=True)
    actions.do_review_reply(staff["lc-reviewer"], m, approve=False, note="请补充依据")
    m.refresh_from_db()
    assert m.status == Message.HANDLING and m.answered_on is None
    actions.do_draft_reply(staff["lc-editor"], m, reply="补充后的答复")
    m = actions.do_review_reply(staff["lc-reviewer"], m, approve=True)
    assert m.status == Message.ANSWERED and m.answered_on == dates.today()


def test_role_scoping(submit, finance, civil, staff):
    m = submit(finance).message
    with pytest.raises(Forbidden):
        actions.do_draft_reply(staff["lc-mz-editor"], m, reply="不是我的单位")
    with pytest.raises(Forbidden):
        actions.do_draft_reply(staff["lc-auditor"], m, reply="审计员不能写")
    with pytest.raises(Forbidden):
        actions.do_draft_reply(staff["dy-editor"], m, reply="另一个城市")
    actions.do_draft_reply(staff["lc-editor"], m, reply="答复")
    with pytest.raises(Forbidden):
        actions.do_review_reply(staff["lc-editor"], m, approve=True)


def test_transfer_resolves_alias_and_is_recorded(submit, finance, civil, staff, orgs):
    m = submit(finance).message
    to = actions.resolve_unit("市民政局", within=orgs["聊城市"])
    assert to == civil
    actions.do_transfer(staff["lc-editor"], m, to, reason="低保属民政")
    m.refresh_from_db()
    assert m.organisation == civil and m.transfers.get().from_org == finance
    with pytest.raises(Invalid, match="找不到"):
        actions.resolve_unit("市不存在局", within=orgs["聊城市"])
    # the finance editor no longer handles it; the civil affairs editor does
    with pytest.raises(Forbidden):
        actions.do_draft_reply(staff["lc-editor"], m, reply="x")
    actions.do_draft_reply(staff["lc-mz-editor"], m, reply="民政答复")


def test_publish_only_with_consent_and_masked(answered, finance, staff):
    m = answered(finance, consent_publish=False)
    with pytest.raises(Invalid, match="未同意公开"):
        actions.do_publish(staff["lc-editor"], m)
    m = answered(finance, text="我的身份证号370102199003071234，手机13912345678，请回电。")
    from gongkai.rules.idcard import check_char

    idno = "37010219900307123" + check_char("37010219900307123")
    m.text = f"我的身份证号{idno}，手机13912345678，请回电。"
    m.save()
    actions.do_publish(staff["lc-editor"], m)
    m.refresh_from_db()
    assert m.published and idno not in m.public_text and "13912345678" not in m.public_text
    assert m.name not in m.public_text


def test_satisfaction_and_reopen(answered, finance, staff):
    m = answered(finance)
    m = actions.do_rate(AnonymousUser(), m, satisfaction="unsatisfied", note="没解决", reopen=True)
    assert m.status == Message.HANDLING and m.reopened == 1
    assert m.first_answered_on is not None  # it was answered once: not "unanswered"
    with pytest.raises(Invalid, match="尚未答复"):
        actions.do_rate(AnonymousUser(), m, satisfaction="satisfied")
    actions.do_draft_reply(staff["lc-editor"], m, reply="重新核查后的答复")
    m = actions.do_review_reply(staff["lc-reviewer"], m, approve=True)
    with pytest.raises(Invalid, match="已评价"):
        actions.do_rate(AnonymousUser(), m, satisfaction="satisfied")


def test_xinfang_referral_answers_with_standard_text(submit, finance, staff):
    m = submit(finance, kind="complain").message
    m = actions.do_refer_xinfang(staff["lc-editor"], m)
    assert m.validity == Message.XINFANG and m.status == Message.CLOSED
    assert "信访工作条例" in m.reply and m.answered_on == dates.today()


def test_repeat_from_same_person_is_flagged(submit, finance):
    first = submit(
        finance, subject="城乡低保标准咨询", text="请问今年聊城城乡低保标准是多少？"
    ).message
    again = submit(
        finance, subject="再次咨询城乡低保标准", text="请问今年聊城城乡低保标准是多少？"
    ).message
    other = submit(
        finance, name="李秀英", contact="13700000000", text="请问今年聊城城乡低保标准是多少？"
    ).message
    assert again.repeat_of == first
    assert other.repeat_of is None


def test_ceiling_queries(submit, answered, finance, civil, staff):
    old = submit(finance, received_on=days_ago(100)).message
    near = submit(civil, received_on=days_ago(86)).message
    submit(finance, received_on=days_ago(400))  # outside the past year
    spam = submit(finance, received_on=days_ago(120)).message
    actions.do_mark_invalid(staff["lc-editor"], spam, validity="spam", reason="广告")
    done = answered(finance, received_on=days_ago(130))
    today = dates.today()
    found = queries.unanswered_valid_messages(None, today)
    assert [f.id for f in found] == [old.pk]
    row = found[0]
    assert row.days_open == 100 and row.org_name == finance.name
    assert row.deadline_on == old.received_on + dt.timedelta(days=90)
    assert row.staff_url.endswith(f"/staff/messages/{old.pk}/")
    assert queries.unanswered_valid_messages({civil.pk}, today) == []
    assert [a.id for a in queries.approaching_ceiling(None, today)] == [near.pk]
    assert done.pk not in [f.id for f in found]


def test_conversion_keeps_receipt_date(submit, finance, staff):
    from gongkai.applications.models import Application
    from gongkai.rules.idcard import check_char

    m = submit(finance, received_on=days_ago(3), subject="申请公开2025年专项资金分配表").message
    idno = "37150219850101123"
    idno += check_char(idno)
    m, app = actions.do_convert(staff["lc-editor"], m, applicant={"id_number": idno})
    assert isinstance(app, Application)
    assert app.received_on == m.received_on == days_ago(3)
    assert m.validity == Message.CONVERTED and m.application_id == app.pk
    # the application's clock counts from the message's receipt day
    from gongkai.workcal.services import add_workdays

    assert app.due_on == add_workdays(days_ago(3), 20).date
