"""Issue #18.4: the audit trail shows zh-hans labels and real before → after values."""

from gongkai.audit import display
from gongkai.audit.actions import record
from gongkai.core.actors import SYSTEM


def test_trail_shows_labels_and_values(db, staff, org):
    from gongkai.applications.models import Application

    finance = org("聊城市", "市财政局")
    field = Application._meta.get_field("applicant_type")
    code, label = next(iter(field.flatchoices))
    entry = record(
        finance,
        "change",
        actor=SYSTEM,
        changes={"short_name": ["财政局", "市财政局"], "code": "LC-CZ"},
    )
    rows = display.changes(entry)
    labels = {r.label: (r.before, r.after) for r in rows}
    assert labels["简称"] == ("财政局", "市财政局")
    assert any(after == "LC-CZ" and before == "—" for before, after in labels.values())
    assert code and label  # choices exist for the state test below


def test_state_codes_are_translated(db, staff, org):
    from django.contrib.contenttypes.models import ContentType

    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import Item

    codes = dict(Item._meta.get_field("state").flatchoices)
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(Item),
        from_state="draft",
        to_state="submitted",
    )
    assert display.state_label(entry, "draft") == codes["draft"] != "draft"
    assert display.state_label(entry, "submitted") == codes["submitted"]
