"""Issue #17 findings that live in the catalog's actions (6, 15, 8): each test fails on the
code before the action frame."""

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.catalog import actions
from gongkai.core.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(staff):
    return staff["lc-admin"]  # office admin of 聊城: may edit and review


def _published(make_item, editor, reviewer):
    item = make_item()
    actions.submit(item, actor=editor)
    return actions.approve(item, actor=reviewer)


def test_17_6_someone_who_changed_the_draft_may_not_approve_it(make_item, editor, admin):
    item = make_item()  # drafted by the editor
    actions.update_item(item, actor=admin, body="<p>管理员改写的正文。</p>")
    actions.submit(item, actor=editor)
    with pytest.raises(Forbidden) as exc:
        actions.approve(item, actor=admin)
    assert "不能审核" in exc.value.message
    item.refresh_from_db()
    assert item.state == item.STATE_SUBMITTED and item.index_no is None
    assert actions.wrote_version(admin, item)  # the review page shows the same rule


def test_17_6_someone_who_changed_a_revision_may_not_approve_it(make_item, editor, reviewer, admin):
    item = _published(make_item, editor, reviewer)
    revision = actions.start_revision(item, actor=editor)
    actions.update_revision(revision, actor=admin, title="2026年10月财政收支情况（修订）")
    actions.submit_revision(revision, actor=editor)
    with pytest.raises(Forbidden):
        actions.approve_revision(revision, actor=admin)
    # a reviewer who did not write it approves; masking by the reviewer does not count
    actions.approve_revision(revision, actor=reviewer)
    item.refresh_from_db()
    assert item.version == 2 and item.title.endswith("（修订）")


def test_reviewer_who_only_masked_may_still_approve(make_item, editor, reviewer, valid_id):
    item = make_item(body=f"<p>联系人身份证号 {valid_id}。</p>")
    actions.submit(item, actor=editor)
    assert actions.mask_personal_data(item, actor=reviewer) == 1
    actions.approve(item, actor=reviewer)
    item.refresh_from_db()
    assert item.is_public and valid_id not in item.body


def test_17_15_removing_a_pending_revision_attachment_is_audited(
    make_item, editor, reviewer, low_income_xlsx
):
    item = _published(make_item, editor, reviewer)
    revision = actions.start_revision(item, actor=editor)
    att = actions.add_attachment(item, actor=editor, name="新名单.xlsx", data=low_income_xlsx)
    assert revision.new_files.filter(pk=att.pk).exists()
    before = AuditEntry.objects.for_object(item).count()
    actions.remove_attachment(item, att.pk, actor=editor)
    assert not revision.new_files.filter(pk=att.pk).exists()
    entries = AuditEntry.objects.for_object(item)
    assert entries.count() == before + 1
    last = entries.order_by("-pk").first()
    assert last.actor == editor and "新名单.xlsx" in str(last.changes)


@pytest.mark.parametrize("field", ["keywords", "theme", "genre"])
def test_17_8_guard_reads_every_public_field(make_item, editor, reviewer, valid_id, field):
    item = make_item(**{field: f"名单 {valid_id}"})
    findings = actions.guard_findings(item)
    assert [f["value"] for f in findings] == [valid_id]
    actions.submit(item, actor=editor)
    with pytest.raises(Invalid) as exc:
        actions.approve(item, actor=reviewer)
    assert "privacy_override_reason" in exc.value.message_dict
    assert actions.mask_personal_data(item, actor=reviewer) == 1
    item.refresh_from_db()
    assert actions.guard_findings(item) == []


def test_17_8_guard_reads_attachment_names(make_item, editor, low_income_xlsx, valid_id):
    item = make_item()
    actions.add_attachment(item, actor=editor, name=f"{valid_id}.xlsx", data=low_income_xlsx)
    where = {f["where"] for f in actions.guard_findings(item)}
    assert any(w.startswith("附件名称") for w in where)
