"""Roles scoped to organisation subtrees, login lock-out, forced password change, the 工作台."""

import pytest
from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, RoleGrant, User
from gongkai.core.demo import DEMO_PASSWORD


def test_editor_of_finance_cannot_touch_education(staff, org):
    editor = staff["lc-editor"]
    assert permissions.can(editor, "edit", org("聊城市", "市财政局"))
    assert not permissions.can(editor, "edit", org("聊城市", "市教育局"))
    assert not permissions.can(editor, "review", org("聊城市", "市财政局"))
    assert not permissions.can(editor, "edit", org("东营市", "市财政局"))


def test_role_covers_the_subtree(staff, org, orgs):
    admin = staff["lc-admin"]
    county_dept = org("聊城市", "东昌府区财政局")
    assert permissions.can(admin, "administer", county_dept)
    assert permissions.can(admin, "review", org("聊城市", "市教育局"))
    assert not permissions.can(admin, "edit", org("东营市", "市教育局"))
    # A grant on a county covers its departments and townships, not the city's departments.
    user = User.objects.create_user("county-editor", password="x")
    RoleGrant.objects.create(user=user, role=Role.EDITOR, organisation=org("聊城市", "东昌府区"))
    ids = permissions.org_ids_for(user, "edit")
    assert county_dept.pk in ids
    assert org("聊城市", "市财政局").pk not in ids


def test_auditor_is_read_only(staff, org):
    auditor = staff["lc-auditor"]
    assert permissions.can(auditor, "view_internal", org("聊城市", "市教育局"))
    assert not permissions.can(auditor, "edit", org("聊城市", "市教育局"))
    assert not permissions.can(auditor, "review", org("聊城市", "市教育局"))


def test_public_visitor_has_no_abilities(orgs):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.org_ids_for(AnonymousUser(), "view_internal") == set()


def test_login_and_workbench(client, staff):
    resp = client.post(
        reverse("accounts:login"), {"username": "lc-editor", "password": DEMO_PASSWORD}
    )
    assert resp.status_code == 302
    page = client.get(reverse("accounts:workbench"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "工作台" in text and "市财政局" in text and "信息编辑" in text


def test_workbench_needs_login(client, db):
    resp = client.get(reverse("accounts:workbench"))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_lockout_after_repeated_failures(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(3):
        resp = client.post(url, {"username": "lc-editor", "password": "wrong"})
    assert resp.status_code == 429 and "暂停" in resp.content.decode()
    # Even the right password is refused while locked.
    resp = client.post(url, {"username": "lc-editor", "password": DEMO_PASSWORD})
    assert resp.status_code == 429 and "暂停" in resp.content.decode()


def test_wrong_password_message_is_chinese(client, staff):
    resp = client.post(reverse("accounts:login"), {"username": "lc-editor", "password": "nope"})
    assert "用户名或密码不正确" in resp.content.decode()


def test_forced_password_change_on_first_login(client, orgs):
    User.objects.create_user(
        "newbie", password="Initial-pass-123"
    )  # must_change_password defaults to True
    client.post(reverse("accounts:login"), {"username": "newbie", "password": "Initial-pass-123"})
    resp = client.get(reverse("accounts:workbench"))
    assert resp.status_code == 302 and resp["Location"] == reverse("accounts:password_change")
    resp = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "Initial-pass-123",
            "new_password1": "Gk-new-pass-2026",
            "new_password2": "Gk-new-pass-2026",
        },
    )
    assert resp.status_code == 302
    assert client.get(reverse("accounts:workbench")).status_code == 200
    assert not User.objects.get(username="newbie").must_change_password


def test_admin_is_chinese(client, staff):
    client.force_login(staff["lc-admin"])
    resp = client.get("/admin/")
    assert resp.status_code == 200
    assert "后台管理" in resp.content.decode()


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_has_role_inherits_from_ancestors(staff, org, role):
    user = User.objects.create_user(f"u-{role}", password="x")
    RoleGrant.objects.create(user=user, role=role, organisation=org("东营市", "东营市"))
    assert permissions.has_role(user, role, org("东营市", "广饶县财政局"))
    assert not permissions.has_role(user, role, org("聊城市", "市财政局"))


def test_office_admin_sees_only_own_city_in_admin(client, staff, org):
    client.force_login(staff["lc-admin"])
    page = client.get("/admin/orgs/organisation/?q=财政局")
    assert page.status_code == 200
    text = page.content.decode()
    assert "聊城市财政局" in text and "东营市财政局" not in text
    other = org("东营市", "市财政局")
    assert client.get(f"/admin/orgs/organisation/{other.pk}/change/").status_code in (302, 404)
    users = client.get("/admin/accounts/user/").content.decode()
    assert "lc-editor" in users and "dy-editor" not in users


def test_the_staff_menu_reads_the_grants_once(staff, django_assert_max_num_queries):
    """Every entry of the staff menu asks for an ability; the grants and their subtrees are
    read once per request, not once per entry (a city office admin's page: 2 queries)."""
    from gongkai.core import nav

    admin = User.objects.get(username="lc-admin")
    with django_assert_max_num_queries(2):
        entries = nav.staff_entries(admin)
    assert len(entries) > 10
    editor = User.objects.get(username="lc-editor")
    keys = {e["key"] for e in nav.staff_entries(editor)}
    assert keys < {e["key"] for e in entries}  # an editor's menu lacks the office's entries
