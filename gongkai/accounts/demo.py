"""Demo staff: one user per role per city, plus department staff for the walkthrough."""

from django.contrib.auth.models import Group, Permission

from gongkai.audit.actions import record
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.orgs.models import Organisation

from .models import Role, RoleGrant, User

# (username suffix, family name, given name, [(role, org short name)])
STAFF = [
    ("admin", "王", "公开", [(Role.OFFICE_ADMIN, "市政府")]),
    ("editor", "李", "编辑", [(Role.EDITOR, "市财政局")]),
    ("reviewer", "张", "审核", [(Role.REVIEWER, "市财政局")]),
    ("auditor", "赵", "审计", [(Role.AUDITOR, "市政府")]),
    ("mz-editor", "刘", "民政", [(Role.EDITOR, "市民政局")]),
    ("mz-reviewer", "陈", "民政", [(Role.REVIEWER, "市民政局")]),
]
CITY_PREFIX = {"聊城市": "lc", "东营市": "dy"}
OFFICE_ADMIN_GROUP = "政务公开办管理员"


def _office_admin_group() -> Group:
    group, _ = Group.objects.get_or_create(name=OFFICE_ADMIN_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label__in=[
            "orgs",
            "accounts",
            "workcal",
            "catalog",
            "applications",
            "plans",
            "search",
            "portal",
        ]
    )
    group.permissions.set(perms)
    return group


def load(ctx):
    admins = _office_admin_group()
    for city_name, prefix in CITY_PREFIX.items():
        city = Organisation.objects.get(parent__isnull=True, name__startswith=city_name)
        for suffix, family, given, grants in STAFF:
            username = f"{prefix}-{suffix}"
            user = User.objects.create_user(
                username,
                password=DEMO_PASSWORD,
                last_name=family,
                first_name=given + ("（聊城）" if prefix == "lc" else "（东营）"),
            )
            user.must_change_password = False  # demo accounts skip the first-login change
            user.is_staff = any(role == Role.OFFICE_ADMIN for role, _ in grants)
            user.save()
            if user.is_staff:
                user.groups.add(admins)
            for role, short in grants:
                org = (
                    city
                    if short == "市政府"
                    else Organisation.objects.get(city=city, short_name=short)
                )
                RoleGrant.objects.create(user=user, role=role, organisation=org)
                record(
                    user,
                    "grant",
                    changes={"role": ["", f"{Role(role).label} · {org.name}"]},
                    reason="演示数据",
                )
                ctx.logins.append(
                    (city_name, f"{Role(role).label}·{org.short_name}", username, DEMO_PASSWORD)
                )


def known_logins():
    """The demo logins, read back from the database when the demo restarts."""
    rows = []
    for grant in RoleGrant.objects.filter(user__username__regex=r"^(lc|dy)-").select_related(
        "user", "organisation"
    ):
        city = "聊城市" if grant.user.username.startswith("lc") else "东营市"
        rows.append(
            (
                city,
                f"{grant.get_role_display()}·{grant.organisation.short_name}",
                grant.user.username,
                DEMO_PASSWORD,
            )
        )
    return sorted(rows, key=lambda r: (r[0] != "聊城市", r[2]))
