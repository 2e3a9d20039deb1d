"""The application workflow: intake, clock events, decisions, letters, fees, expiry."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from docx import Document

from gongkai.applications import actions, services
from gongkai.applications.models import Application, Letter
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import outcomes
from gongkai.workcal.services import get_calendar

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db

PUBLIC = AnonymousUser()


def docx_text(letter: Letter) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(letter.docx))).paragraphs)


def test_submit_registers_with_number_due_date_and_handler(make_app, staff, mz):
    app = make_app(received=D("2026-09-25"))
    assert app.registration_no == f"{mz.code}-2026-0001"
    assert app.due_on == D("2026-10-29") and not app.due_provisional
    assert app.assigned_to == staff["lc-mz-editor"]
    assert len(app.tracking_code) == 10 and len(app.verifier) == 8
    second = make_app(received=D("2026-09-28"))
    assert second.registration_no.endswith("-2026-0002")
    assert AuditEntry.objects.filter(object_id=str(app.pk), action="create").exists()


def test_bad_input_is_refused_field_by_field_and_nothing_saved(mz, applicant):
    bad = {**applicant, "id_number": "110105194912310021", "name": "", "phone": ""}
    with pytest.raises(Invalid) as exc:
        actions.submit(mz, bad, files=[("scan.pdf", b"not a pdf at all")], actor=PUBLIC)
    errs = exc.value.errors
    assert "校验位" in errs["id_number"]
    assert set(errs) >= {"name", "phone", "id_number", "attachments"}
    assert "scan.pdf" in errs["attachments"]
    assert Application.objects.count() == 0


def test_legal_person_needs_credit_code_and_contact(mz, applicant):
    data = {**applicant, "applicant_type": "commercial", "org_code": "123", "id_number": ""}
    with pytest.raises(Invalid) as exc:
        actions.submit(mz, data, actor=PUBLIC)
    assert set(exc.value.errors) == {"org_code", "contact_person"}


def test_correction_restarts_and_expiry_closes_as_withdrawn(make_app, staff):
    ed = staff["lc-mz-editor"]
    app = make_app(received=D("2026-03-02"))
    letter = actions.request_correction(
        app, items="请写明所需文件的年份", on=D("2026-03-04"), actor=ed
    )
    app.refresh_from_db()
    assert app.state == "correction" and app.due_on is None
    assert "请写明所需文件的年份" in docx_text(letter)
    actions.receive_correction(app, on=D("2026-03-16"), actor=ed)
    app.refresh_from_db()
    assert app.due_on == get_calendar().add_workdays(D("2026-03-16"), 20).date

    other = make_app(received=D("2026-03-02"))
    actions.request_correction(other, items="请说明信息名称", on=D("2026-03-03"), actor=ed)
    other.refresh_from_db()
    assert actions.close_expired(other.correction_deadline) == []  # the deadline day itself is fine
    closed = actions.close_expired(other.correction_deadline + dt.timedelta(days=1))
    assert [a.pk for a in closed] == [other.pk]
    other.refresh_from_db()
    assert other.state == "closed" and other.outcome == "other_no_correction"
    assert other.letters.filter(kind="reply").exists()
    assert actions.close_expired(other.correction_deadline + dt.timedelta(days=2)) == []


def test_extension_needs_a_reviewer_and_moves_due(make_app, staff):
    app = make_app(received=D("2026-03-02"))
    before = app.due_on
    with pytest.raises(Invalid) as exc:
        actions.extend(
            app,
            days=10,
            reason="需调取档案",
            approver=staff["lc-mz-editor"],
            on=D("2026-03-20"),
            actor=staff["lc-mz-editor"],
        )
    assert "approver" in exc.value.errors
    letter = actions.extend(
        app,
        days=10,
        reason="需调取档案",
        approver=staff["lc-mz-reviewer"],
        on=D("2026-03-20"),
        actor=staff["lc-mz-editor"],
    )
    app.refresh_from_db()
    assert app.due_on == get_calendar().add_workdays(before, 10).date
    assert "延长10个工作日" in docx_text(letter)
    with pytest.raises(Invalid):
        actions.extend(
            app,
            days=5,
            reason="再延",
            approver=staff["lc-mz-reviewer"],
            on=D("2026-03-21"),
            actor=staff["lc-mz-editor"],
        )


def test_consultation_stops_the_clock_until_answered(make_app, staff):
    ed = staff["lc-mz-editor"]
    app = make_app(received=D("2026-03-02"))
    base = app.due_on
    c = actions.start_consultation(
        app,
        kind="third_party",
        party="某养老服务公司",
        question="是否同意公开合同金额",
        on=D("2026-03-09"),
        actor=ed,
    )
    assert c.answer_due == get_calendar().add_workdays(D("2026-03-09"), 15).date
    app.refresh_from_db()
    assert app.state == "consulting"
    assert app.letters.filter(kind="consultation").count() == 1
    actions.record_answer(
        c, on=D("2026-03-13"), answer="合同金额涉及商业秘密，不同意公开", objects=True, actor=ed
    )
    app.refresh_from_db()
    assert app.state == "processing"
    # Mon 03-09 .. Fri 03-13 inclusive: five working days not counted
    assert app.due_on == get_calendar().add_workdays(base, 5).date
    steps = [s.zh for s in services.clock_of(app).steps]
    assert any("征求第三方意见（某养老服务公司）" in s and "不计入5个工作日" in s for s in steps)


def test_partial_disclosure_letter_has_decision_and_remedy(make_app, staff, mz):
    from gongkai.applications.models import RemedyConfig

    RemedyConfig.objects.create(
        organisation=mz.parent,
        review_body="聊城市人民政府",
        review_address="聊城市东昌府区东昌路1号",
        court="聊城市东昌府区人民法院",
        court_address="聊城市东昌府区某路2号",
    )
    app = make_app(received=D("2026-03-02"))
    with pytest.raises(Invalid) as exc:
        actions.decide(
            app,
            outcome="partial",
            details={"how_provided": "电子邮件"},
            on=D("2026-03-20"),
            actor=staff["lc-mz-editor"],
        )
    assert {"withheld_part", "withheld_reason", "legal_basis"} <= set(exc.value.errors)
    letter = actions.decide(
        app,
        outcome="partial",
        details={
            "how_provided": "电子邮件发送",
            "withheld_part": "低保对象身份证号码",
            "withheld_reason": "withheld_third_party",
            "legal_basis": "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
        },
        on=D("2026-03-20"),
        delivery_method="email",
        actor=staff["lc-mz-editor"],
    )
    app.refresh_from_db()
    assert app.state == "closed" and app.outcome == "partial" and app.closed_on == D("2026-03-20")
    text = docx_text(letter)
    assert "现答复如下：部分公开。" in text
    assert "低保对象身份证号码" in text and "保护第三方合法权益" in text
    assert "60日内向聊城市人民政府（地址：聊城市东昌府区东昌路1号）申请行政复议" in text
    assert "6个月内向聊城市东昌府区人民法院" in text
    assert letter.sent_on == D("2026-03-20") and letter.delivery_method == "email"
    assert "申请行政复议" in letter.html


def test_default_remedy_names_the_city_government(make_app, staff):
    app = make_app()
    letter = actions.decide(
        app,
        outcome="disclosed",
        details={"how_provided": "电子邮件"},
        on=D("2026-03-10"),
        actor=staff["lc-mz-editor"],
    )
    assert "向聊城市人民政府申请行政复议" in docx_text(letter)


def test_edited_template_without_remedy_still_gets_it(make_app, staff, mz):
    from gongkai.applications.models import LetterTemplate

    LetterTemplate.objects.create(
        organisation=mz,
        kind="reply",
        title="答复书（民政）",
        body="{{申请人}}：\n\n{{答复正文}}",
    )
    app = make_app()
    letter = actions.decide(
        app,
        outcome="unavailable_not_held",
        reply_type="not_ours",
        details={"responsible_agency": "聊城市医疗保障局"},
        on=D("2026-03-10"),
        actor=staff["lc-mz-editor"],
    )
    text = docx_text(letter)
    assert letter.title == "答复书（民政）"
    assert "聊城市医疗保障局" in text and "申请行政复议" in text


def test_every_outcome_code_closes_and_counts(make_app, staff):
    for code in outcomes.OUTCOME_CODES:
        app = make_app(description=f"信息{code}")
        reply = outcomes.REPLY_FOR_OUTCOME[code][0]
        details = {k: "说明" for k in outcomes.required_fields(code, reply)}
        if "withheld_reason" in details:
            details["withheld_reason"] = "withheld_process"
        letter = actions.decide(
            app,
            outcome=code,
            reply_type=reply,
            details=details,
            on=D("2026-03-10"),
            actor=staff["lc-mz-editor"],
        )
        app.refresh_from_db()
        assert app.is_closed and app.outcome == code and app.applicant_type == "natural", code
        assert "申请行政复议" in docx_text(letter), code
    st = services.statistics(Application.objects.all(), D("2026-01-01"), D("2026-12-31"))
    for code in outcomes.OUTCOME_CODES:
        assert st.table.row(code).values == {"natural": 1}, code
    assert st.table.row("total").total == len(outcomes.OUTCOME_CODES)
    assert st.table.check()


def test_fee_per_application_uses_the_monthly_count_and_expires(make_app, staff):
    ed = staff["lc-mz-editor"]
    apps = [
        make_app(received=D("2026-03-02"), description=f"第{i}份文件：民政资金{i}")
        for i in range(11)
    ]
    with pytest.raises(Invalid):
        actions.issue_fee_notice(apps[9], method="per_application", on=D("2026-03-03"), actor=ed)
    fee = actions.issue_fee_notice(
        apps[10], method="per_application", payment_info="银行转账", on=D("2026-03-03"), actor=ed
    )
    assert fee.units == 11 and fee.amount == 100
    assert fee.pay_by == get_calendar().add_workdays(D("2026-03-03"), 20).date
    letter = apps[10].letters.get(kind="fee")
    assert "100元" in docx_text(letter)
    closed = actions.close_expired(fee.pay_by + dt.timedelta(days=1))
    apps[10].refresh_from_db()
    assert apps[10] in closed and apps[10].outcome == "other_no_fee"


def test_fee_by_volume_and_payment(make_app, staff):
    ed = staff["lc-mz-editor"]
    app = make_app()
    fee = actions.issue_fee_notice(app, method="by_volume", pages=101, on=D("2026-03-03"), actor=ed)
    assert fee.amount == 720
    actions.record_payment(app, on=D("2026-03-05"), actor=ed)
    app.refresh_from_db()
    assert app.state == "processing"
    assert services.clock_of(app).stopped_days == 3  # 03-03..03-05 not counted


def test_transfer_and_assign(make_app, staff, org):
    ed = staff["lc-mz-editor"]
    app = make_app()
    with pytest.raises(Invalid):
        actions.assign(app, staff["lc-editor"], actor=ed)
    cz = org("聊城市", "市财政局")
    actions.transfer(app, cz, reason="资金发放由财政部门负责", actor=ed)
    app.refresh_from_db()
    assert app.organisation == cz and app.assigned_to == staff["lc-editor"]
    assert app.notes.filter(kind="transfer").exists()
    with pytest.raises(Forbidden):
        actions.add_note(app, "继续办理", actor=ed)  # no longer theirs


def test_repeat_request_and_published_item_are_suggested(make_app, mz, staff):
    from gongkai.catalog.models import Item

    first = make_app(received=D("2026-02-02"))
    again = make_app(received=D("2026-03-02"), description="请公开2026年聊城市城乡低保资金发放明细")
    stranger = make_app(
        received=D("2026-03-03"),
        name="李四",
        id_number="110105194912310038",
        phone="1",
        description="2026年聊城市城乡低保资金发放明细",
    )
    assert [c.obj.pk for c in services.earlier_similar(again)] == [first.pk]
    assert services.earlier_similar(stranger) == []
    Item.objects.create(
        organisation=mz,
        title="2026年聊城市城乡低保标准调整的通知",
        body_text="城乡低保标准调整",
        state="published",
        attribute="proactive",
        published_at="2026-01-10T10:00:00+08:00",
    )
    Item.objects.create(
        organisation=mz,
        title="养老机构名单",
        state="published",
        attribute="proactive",
        published_at="2026-01-10T10:00:00+08:00",
    )
    titles = [c.obj.title for c in services.published_answers(again)]
    assert titles == ["2026年聊城市城乡低保标准调整的通知"]


def test_popular_topics_and_proposal(make_app, staff, mz):
    for i in range(3):
        make_app(
            received=D("2026-03-02"),
            name=f"申请人{i}",
            phone=str(i),
            id_number=f"E1234567{i}",
            id_type="passport",
            description="养老服务补贴发放名单",
        )
    make_app(received=D("2026-03-02"), description="殡葬改革实施方案")
    topics = services.popular_topics(Application.objects.all())
    assert len(topics) == 1 and topics[0].count == 3
    p = actions.propose_proactive(
        mz, subject=topics[0].subject, applications=topics[0].applications, actor=staff["lc-admin"]
    )
    assert p.request_count == 3 and p.state == "proposed"
    from gongkai.applications.panels import panels

    titles = [pn.title for pn in panels(staff["lc-mz-editor"])]
    assert "申请较为集中的信息：建议转为主动公开" in titles
    assert "申请较为集中的信息：建议转为主动公开" not in [
        pn.title for pn in panels(staff["lc-editor"])
    ]


def test_reminders_once_a_day_and_job(make_app, staff):
    app = make_app(received=D("2026-03-02"))
    late = app.due_on + dt.timedelta(days=1)
    assert actions.send_reminders(late) == (0, 1)
    assert actions.send_reminders(late) == (0, 0)
    soon = get_calendar().add_workdays(app.due_on, -2).date
    assert actions.send_reminders(soon) == (1, 0)
    summary = actions.run_job(dt.datetime.combine(late + dt.timedelta(days=1), dt.time(9)))
    assert "reminded 0 due soon and 1 overdue" in summary


def test_statistics_table_three_year_boundaries(make_app, staff):
    ed = staff["lc-mz-editor"]
    old = make_app(received=D("2025-12-20"))  # carried into 2026
    make_app(received=D("2025-11-03"))  # carried in and still open: carried out
    done_2025 = make_app(received=D("2025-10-10"))
    actions.decide(
        done_2025,
        outcome="disclosed",
        details={"how_provided": "邮寄"},
        on=D("2025-10-20"),
        actor=ed,
    )
    new = make_app(
        received=D("2026-03-02"),
        applicant_type="research",
        org_code="12370000MB0000000X",
        contact_person="张",
        id_number="",
    )
    actions.decide(
        old,
        outcome="withheld_secret",
        details={"legal_basis": "保密法", "explanation": "涉密"},
        on=D("2026-01-20"),
        actor=ed,
    )
    actions.decide(
        new,
        outcome="refused_repeat",
        details={"earlier_reply": "2025-0001"},
        on=D("2026-03-10"),
        actor=ed,
    )
    st = services.statistics(
        Application.objects.all(), D("2026-01-01"), D("2026-12-31"), on=D("2026-12-31")
    )
    t = st.table
    assert t.row("new").cells() == [0, 0, 1, 0, 0, 0, 1, 1]
    assert t.row("carried_in").total == 2
    assert t.row("withheld_secret").total == 1 and t.row("refused_repeat").values == {"research": 1}
    assert t.row("carry_out").total == 1
    assert t.check()
    assert st.received == 1 and st.closed == 2
    assert st.worst_days == services.working_days_taken(old)


def test_withdrawal_closes_as_other(make_app, staff):
    app = make_app()
    with pytest.raises(Invalid):
        actions.withdraw(app, on=D("2026-03-05"), note="", actor=staff["lc-mz-editor"])
    actions.withdraw(
        app, on=D("2026-03-05"), note="申请人书面申请撤回", actor=staff["lc-mz-editor"]
    )
    app.refresh_from_db()
    assert app.outcome == "other_other" and "撤回" in app.decision["explanation"]


def test_transfer_stays_within_the_city(make_app, staff, org):
    app = make_app()
    with pytest.raises(Invalid) as exc:
        actions.transfer(app, org("东营市", "市民政局"), reason="误投", actor=staff["lc-mz-editor"])
    assert "organisation" in exc.value.errors


def test_receipt_letter_is_generated_at_registration(make_app):
    app = make_app()
    receipt = app.letters.get(kind="receipt")
    due = app.due_on
    assert app.tracking_code in docx_text(receipt)
    assert f"{due.year}年{due.month}月{due.day}日" in receipt.html


def test_fee_calculator_counts_the_month(make_app):
    apps = [make_app(received=D("2026-03-02"), description=f"文件{i}") for i in range(12)]
    make_app(received=D("2026-04-01"), description="四月的申请")
    calc = services.fee_calculator(apps[-1])
    assert calc.rank == 12 and calc.per_application.amount == 100
    assert [q.amount for q in calc.volume_examples] == [0, 10, 700, 720, 2700, 2740]


def test_art35_later_date_with_notice(make_app, staff):
    ed = staff["lc-mz-editor"]
    app = make_app(received=D("2026-03-02"))
    with pytest.raises(Invalid) as exc:
        actions.set_later_date(
            app, later=app.due_on, reason="申请900份档案", on=D("2026-03-05"), actor=ed
        )
    assert "later" in exc.value.errors
    letter = actions.set_later_date(
        app, later=D("2026-06-30"), reason="申请900份档案，需逐份审查", on=D("2026-03-05"), actor=ed
    )
    app.refresh_from_db()
    assert app.due_on == D("2026-06-30") and app.state == "processing"
    assert "第三十五条" in docx_text(letter) and "2026年6月30日" in docx_text(letter)
