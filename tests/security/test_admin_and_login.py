"""Regression tests for issue #17: admin escalation (1), login throttling (3), audit scoping (4)."""

import threading

import pytest
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.core.demo import DEMO_PASSWORD


def _login(client, username):
    user = User.objects.get(username=username)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    client.force_login(user)
    return user


def test_office_admin_cannot_see_or_set_superuser_fields(client, staff):
    admin_user = _login(client, "lc-admin")
    target = staff["lc-editor"]
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
    # A crafted POST that sets the fields anyway changes nothing.
    data = {
        "username": target.username,
        "last_name": "张",
        "first_name": "三",
        "email": "",
        "is_active": "on",
        "is_superuser": "on",
        "is_staff": "on",
        "must_change_password": "",
        "phone": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "grants-TOTAL_FORMS": "0",
        "grants-INITIAL_FORMS": "0",
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
    }
    client.post(url, data)
    target.refresh_from_db()
    assert not target.is_superuser
    client.post(reverse("admin:accounts_user_change", args=[admin_user.pk]), data)
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser


def test_office_admin_cannot_open_a_user_of_the_other_city(client, staff):
    _login(client, "lc-admin")
    other = staff["dy-editor"]
    resp = client.get(reverse("admin:accounts_user_change", args=[other.pk]))
    assert resp.status_code in (302, 403, 404)
    assert other.username not in resp.content.decode() or resp.status_code == 302


def test_lockout_message_is_the_same_for_unknown_users(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    answers = []
    for name in ("lc-editor", "nobody-here"):
        for _ in range(4):
            resp = client.post(url, {"username": name, "password": "wrong"})
        answers.append((resp.status_code, resp.content.decode().count("暂停")))
    assert answers[0] == answers[1] and answers[0][0] == 429


def test_lockout_from_one_address_does_not_lock_the_owner_elsewhere(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "lc-editor", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    resp = client.post(
        url, {"username": "lc-editor", "password": DEMO_PASSWORD}, REMOTE_ADDR="127.0.0.5"
    )
    assert resp.status_code == 302


def test_logins_and_failures_are_audited(client, staff):
    from gongkai.audit.models import AuditEntry

    url = reverse("accounts:login")
    client.post(url, {"username": "lc-editor", "password": "wrong"})
    client.post(url, {"username": "lc-editor", "password": DEMO_PASSWORD})
    reasons = list(
        AuditEntry.objects.for_object(staff["lc-editor"])
        .filter(action="login")
        .values_list("reason", flat=True)
    )
    assert any("登录失败" in r for r in reasons) and any("登录成功" in r for r in reasons)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_cannot_bypass_the_limit(staff, settings):
    """80 wrong passwords in parallel bursts once left the home-made counter at 3."""
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    settings.AXES_FAILURE_LIMIT = 5
    url = reverse("accounts:login")

    def attempt():
        try:
            Client().post(url, {"username": "lc-editor", "password": "bad"})
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    resp = Client().post(url, {"username": "lc-editor", "password": DEMO_PASSWORD})
    assert resp.status_code == 429


def test_audit_trail_of_an_unplaced_object_is_denied(client, staff):
    """An auditor of one city read every entry by sequential id; now unplaced trails are denied."""
    from django.contrib.contenttypes.models import ContentType

    from gongkai.core.models import Serial

    _login(client, "lc-auditor")
    dy_user = staff["dy-editor"]
    resp = client.get(reverse("accounts:audit_trail", args=["accounts", "user", dy_user.pk]))
    assert resp.status_code == 404
    assert ContentType.objects.get_for_model(Serial)
    resp = client.get(reverse("accounts:audit_trail", args=["core", "notification", 1]))
    assert resp.status_code == 404
