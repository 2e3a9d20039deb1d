"""The publishing workflow: permissions, index numbers, guard, interpretation rule, signals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.catalog import actions, signals
from gongkai.catalog.models import Item
from gongkai.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def test_author_cannot_approve_own_item(make_item, staff, finance):
    from gongkai.accounts.models import Role, RoleGrant

    editor = staff["lc-editor"]
    # even with the reviewer role on the same organisation the author may not approve
    RoleGrant.objects.create(user=editor, role=Role.REVIEWER, organisation=finance)
    editor.__dict__.pop("_gongkai_org_ids", None)
    item = actions.submit(make_item(), actor=editor)
    with pytest.raises(PermissionDenied):
        actions.approve(item, actor=editor)
    item.refresh_from_db()
    assert item.state == "submitted" and item.index_no is None


def test_editor_cannot_approve_and_reviewer_can(make_item, editor, reviewer, staff):
    item = actions.submit(make_item(), actor=editor)
    with pytest.raises(PermissionDenied):
        actions.approve(item, actor=staff["lc-mz-reviewer"])  # reviewer of another bureau
    item = actions.approve(item, actor=reviewer)
    assert item.state == "published"
    year = timezone.localdate().year
    assert item.index_no == f"{item.organisation.code}/{year}-00001"
    states = list(
        AuditEntry.objects.for_object(item).order_by("id").values_list("to_state", flat=True)
    )
    assert states == ["draft", "submitted", "approved", "published"]


def test_index_numbers_never_reused_after_withdrawal(make_item, editor, reviewer):
    first = actions.approve(actions.submit(make_item(), actor=editor), actor=reviewer)
    actions.withdraw(first, actor=reviewer, reason="内容有误")
    second = actions.approve(
        actions.submit(make_item(title="第二条"), actor=editor), actor=reviewer
    )
    assert first.index_no.endswith("-00001")
    assert second.index_no.endswith("-00002")


def test_withdraw_needs_reason_and_sends_signal(
    make_item, editor, reviewer, django_capture_on_commit_callbacks
):
    item = actions.approve(actions.submit(make_item(), actor=editor), actor=reviewer)
    with pytest.raises(ValidationError) as exc:
        actions.withdraw(item, actor=reviewer, reason=" ")
    assert "reason" in exc.value.message_dict
    heard = []
    signals.item_unpublished.connect(lambda sender, item, **kw: heard.append(item.pk), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(item, actor=reviewer, reason="已被新文件替代")
    assert heard == [item.pk]
    assert not Item.objects.public().filter(pk=item.pk).exists()


def test_publish_item_now_for_loaders(finance, column, django_capture_on_commit_callbacks):
    heard = []
    signals.item_published.connect(lambda sender, item, **kw: heard.append(item.pk), weak=False)
    when = timezone.make_aware(dt.datetime(2025, 3, 1, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        item = actions.publish_item_now(
            organisation=finance,
            title="2025年2月财政收支情况",
            body="<p>收入<script>alert(1)</script>增长</p>",
            entries=[column],
            actor=SYSTEM("catalog import"),
            published_at=when,
            doc_number="聊财发[2025]3号",
        )
    assert item.is_public and item.published_at == when
    assert item.index_no == f"{finance.code}/2025-00001"
    assert item.doc_number == "聊财发〔2025〕3号"
    assert "script" not in item.body and item.body_text == "收入增长"
    assert heard == [item.pk]
    assert item.revisions.filter(state="published").count() == 1
    created = AuditEntry.objects.for_object(item).get(action="create")
    assert created.actor is None and created.actor_name == "系统（catalog import）"


def test_bad_doc_number_and_missing_reason_rejected(finance, column, editor):
    with pytest.raises(ValidationError) as exc:
        actions.create_item(
            organisation=finance,
            actor=editor,
            title="测试",
            entries=[column],
            doc_number="聊财发2025-3",
            attribute="not_public",
        )
    errors = exc.value.message_dict
    assert "发文字号格式不正确" in errors["doc_number"][0]
    assert "理由" in errors["attribute_reason"][0]
    assert not Item.objects.exists()


def test_editor_of_other_org_cannot_create(finance, column, staff):
    with pytest.raises(PermissionDenied):
        actions.create_item(
            organisation=finance, actor=staff["lc-mz-editor"], title="x", entries=[column]
        )


def test_privacy_guard_blocks_until_masked_or_overridden(make_item, editor, reviewer, valid_id):
    item = actions.submit(
        make_item(body=f"<p>张三 身份证{valid_id} 电话 13912345678</p>"), actor=editor
    )
    findings = actions.guard_findings(item)
    assert {f["kind"] for f in findings} == {"id18", "mobile"}
    with pytest.raises(ValidationError) as exc:
        actions.approve(item, actor=reviewer)
    assert "privacy_override_reason" in exc.value.message_dict
    assert actions.mask_personal_data(item, actor=reviewer) == 2
    item.refresh_from_db()
    assert valid_id not in item.body and "3715**********" in item.body
    assert "139****5678" in item.body_text
    assert actions.approve(item, actor=reviewer).state == "published"


def test_privacy_override_is_recorded(make_item, editor, reviewer, valid_id):
    item = actions.submit(make_item(body=f"<p>{valid_id}</p>"), actor=editor)
    item = actions.approve(item, actor=reviewer, privacy_override_reason="本人同意公开（公示需要）")
    assert item.state == "published"
    assert item.privacy_override_reason
    entry = AuditEntry.objects.for_object(item).filter(to_state="approved").get()
    assert "本人同意公开" in entry.reason


def test_invalid_check_digit_does_not_trigger(make_item, editor, reviewer, valid_id):
    wrong = valid_id[:17] + ("0" if valid_id[17] != "0" else "1")
    item = actions.submit(make_item(body=f"<p>编号{wrong}</p>"), actor=editor)
    assert actions.guard_findings(item) == []
    assert actions.approve(item, actor=reviewer).state == "published"


def test_policy_needs_interpretation(finance, editor, reviewer, staff):
    from gongkai.catalog.services import entry

    normative = entry(finance, "normative")
    interp_col = entry(finance, "interpretation")
    policy = actions.submit(
        actions.create_item(
            organisation=finance, actor=editor, title="聊城市财政专项资金管理办法",
            kind="normative", doc_number="聊财发〔2026〕5号", entries=[normative],
        ),
        actor=editor,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        actions.approve(policy, actor=reviewer)
    assert "no_interpretation_reason" in exc.value.message_dict
    interp = actions.submit(
        actions.create_item(
            organisation=finance, actor=editor, title="《聊城市财政专项资金管理办法》解读",
            kind="interpretation", interpretation_form="qa", entries=[interp_col],
            interprets=[policy],
        ),
        actor=editor,
    )  # fmt: skip
    interp = actions.approve(interp, actor=reviewer)
    assert interp.state == "approved"  # waits for its policy
    policy = actions.approve(policy, actor=reviewer)
    interp.refresh_from_db()
    assert policy.state == interp.state == "published"
    assert list(policy.interpretations.all()) == [interp]


def test_policy_with_recorded_reason_needs_no_interpretation(finance, editor, reviewer):
    from gongkai.catalog.services import entry

    policy = actions.submit(
        actions.create_item(
            organisation=finance, actor=editor, title="关于废止部分文件的决定",
            kind="policy", entries=[entry(finance, "normative")],
        ),
        actor=editor,
    )  # fmt: skip
    policy = actions.approve(
        policy, actor=reviewer, no_interpretation_reason="仅废止旧文件，无新政策内容"
    )
    assert policy.state == "published"
    assert policy.no_interpretation_reason


def test_scheduled_publication(make_item, editor, reviewer):
    later = timezone.now() + dt.timedelta(hours=2)
    item = actions.approve(
        actions.submit(make_item(), actor=editor), actor=reviewer, publish_at=later
    )
    assert item.state == "approved" and item.index_no is None
    assert actions.publish_due(timezone.now()) == "0 scheduled item(s) published"
    actions.publish_due(later + dt.timedelta(minutes=1))
    item.refresh_from_db()
    assert item.state == "published" and item.index_no


def test_validity_flips_on_expiry_date(
    make_item, editor, reviewer, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    item = make_item(expires_on=today + dt.timedelta(days=1))
    item = actions.approve(actions.submit(item, actor=editor), actor=reviewer)
    actions.expire_due(timezone.now())
    item.refresh_from_db()
    assert item.validity == "valid"
    heard = []
    signals.item_changed.connect(lambda sender, item, **kw: heard.append(item.pk), weak=False)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.expire_due(tomorrow) == "1 item(s) expired"
    item.refresh_from_db()
    assert item.validity == "expired" and item.validity_changed_on == item.expires_on
    assert heard == [item.pk]
    assert actions.expire_due(tomorrow) == "0 item(s) expired"  # idempotent


def test_revision_of_published_item(
    make_item, editor, reviewer, django_capture_on_commit_callbacks
):
    item = actions.approve(actions.submit(make_item(), actor=editor), actor=reviewer)
    rev = actions.start_revision(item, actor=editor)
    actions.update_revision(rev, actor=editor, title="2026年10月财政收支情况（更正）")
    item.refresh_from_db()
    assert item.title == "2026年10月财政收支情况"  # public content unchanged until approved
    actions.submit_revision(rev, actor=editor)
    with pytest.raises(PermissionDenied):
        actions.approve_revision(rev, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        item = actions.approve_revision(rev, actor=reviewer)
    assert item.title.endswith("（更正）") and item.version == 2
    assert list(item.revisions.filter(state="published").values_list("number", flat=True)) == [2, 1]
