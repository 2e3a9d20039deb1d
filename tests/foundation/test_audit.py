"""The audit log is append-only: no code path, not even raw SQL, edits or deletes it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.audit.actions import record, trail
from gongkai.audit.models import AppendOnlyError, AuditEntry


@pytest.fixture
def entry(staff, org):
    finance = org("聊城市", "市财政局")
    return record(
        finance, "change", actor=staff["lc-admin"], changes={"phone": ["1", "2"]}, reason="更新电话"
    )


def test_record_keeps_who_when_what_why(entry, staff):
    assert entry.actor == staff["lc-admin"]
    assert entry.actor_name == "王公开（聊城）"
    assert entry.changes == {"phone": ["1", "2"]}
    assert entry.reason == "更新电话"
    assert entry.created_at is not None


def test_model_refuses_change_and_delete(entry):
    entry.reason = "篡改"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="篡改")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_database_refuses_raw_update_and_delete(entry):
    table = AuditEntry._meta.db_table
    for sql in (
        f"UPDATE {table} SET reason = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).reason == "更新电话"


def test_admin_cannot_edit_or_delete(client, staff, entry):
    client.force_login(staff["lc-admin"])
    staff["lc-admin"].is_superuser = True
    staff["lc-admin"].save()
    resp = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert resp.status_code in (302, 403)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    change = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert b'name="_save"' not in change.content


def test_trail_page_per_object(client, staff, entry, org):
    finance = org("聊城市", "市财政局")
    client.force_login(staff["lc-auditor"])
    url = reverse("accounts:audit_trail", args=["orgs", "organisation", finance.pk])
    resp = client.get(url)
    assert resp.status_code == 200
    assert "更新电话" in resp.content.decode()
    assert list(trail(finance))[0] == entry


def test_trail_page_hidden_from_public(client, entry, org):
    finance = org("聊城市", "市财政局")
    resp = client.get(reverse("accounts:audit_trail", args=["orgs", "organisation", finance.pk]))
    assert resp.status_code == 302  # to login


def test_trail_page_is_scoped_to_the_readers_city(client, staff, entry, org):
    finance = org("聊城市", "市财政局")
    client.force_login(staff["dy-auditor"])
    url = reverse("accounts:audit_trail", args=["orgs", "organisation", finance.pk])
    assert client.get(url).status_code == 404
    client.force_login(staff["lc-auditor"])
    assert client.get(url).status_code == 200


def test_office_admin_admin_pages_stay_in_their_city(client, staff, org):
    from gongkai.applications.models import RemedyConfig

    lc = RemedyConfig.objects.create(organisation=org("聊城市", "市民政局"))
    dy = RemedyConfig.objects.create(organisation=org("东营市", "市民政局"))
    client.force_login(staff["lc-admin"])
    listing = client.get("/admin/applications/remedyconfig/").content.decode()
    assert f"/admin/applications/remedyconfig/{lc.pk}/change/" in listing
    assert f"/admin/applications/remedyconfig/{dy.pk}/change/" not in listing
    assert client.get(f"/admin/applications/remedyconfig/{dy.pk}/change/").status_code in (302, 404)
    assert client.get("/admin/audit/auditentry/").status_code == 403
