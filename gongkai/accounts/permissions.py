"""Who may do what where: a role granted on an organisation covers its whole subtree.

Every view, API endpoint and command asks these functions; none checks roles by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.orgs.models import Organisation

from .models import Role, RoleGrant

# What each role may do. Office admins may do everything editors and reviewers may.
ABILITIES = {
    "view_internal": {Role.EDITOR, Role.REVIEWER, Role.OFFICE_ADMIN, Role.AUDITOR},
    "edit": {Role.EDITOR, Role.OFFICE_ADMIN},
    "review": {Role.REVIEWER, Role.OFFICE_ADMIN},
    "administer": {Role.OFFICE_ADMIN},
}


def _roles_for(ability: str) -> set[str]:
    try:
        return {str(r) for r in ABILITIES[ability]}
    except KeyError:
        raise ValueError(f"unknown ability {ability!r}") from None


def org_ids_for(user, ability: str) -> set[int]:
    """Ids of every organisation where ``user`` has ``ability`` (subtrees included)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = _roles_for(ability)
    if user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    cache = user.__dict__.setdefault("_gongkai_org_ids", {})
    if ability not in cache:
        # every grant of the user read once (a staff page asks for each ability of its menu),
        # each granted subtree walked once
        if "_grants" not in cache:
            subtrees: dict[int, set[int]] = {}
            grants = []
            for grant in RoleGrant.objects.filter(user=user).select_related("organisation"):
                org = grant.organisation
                if org.pk not in subtrees:
                    subtrees[org.pk] = org.descendant_ids()
                grants.append((str(grant.role), subtrees[org.pk]))
            cache["_grants"] = grants
        ids: set[int] = set()
        for role, subtree in cache["_grants"]:
            if role in roles:
                ids |= subtree
        cache[ability] = ids
    return cache[ability]


def orgs_for(user, ability: str):
    return Organisation.objects.filter(pk__in=org_ids_for(user, ability))


def can(user, ability: str, organisation: Organisation | int | None) -> bool:
    if organisation is None:
        return False
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return org_id in org_ids_for(user, ability)


def can_any(user, ability: str, organisations: Iterable[Organisation]) -> bool:
    ids = org_ids_for(user, ability)
    return any(o.pk in ids for o in organisations)


def is_staff_member(user) -> bool:
    """Anyone with at least one role (or a superuser)."""
    return bool(org_ids_for(user, "view_internal"))


def roles_of(user) -> list[RoleGrant]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(RoleGrant.objects.filter(user=user).select_related("organisation"))


def has_role(user, role: str, organisation: Organisation) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    chain = {organisation.pk, *(a.pk for a in organisation.ancestors())}
    return RoleGrant.objects.filter(user=user, role=role, organisation_id__in=chain).exists()


# --------------------------------------------------------------------------- the one check
# Actions call ``require``; views that only decide whether to show a button call ``may``, so
# the page and the action can never disagree. The SYSTEM actor (jobs, imports, commands) may do
# everything; an auditor holds only "view_internal" and so never writes.

ABILITY_LABELS = {
    "view_internal": "查看内部信息",
    "edit": "编辑",
    "review": "审核",
    "administer": "管理",
}


def may(actor, ability: str, organisation: Organisation | int | None) -> bool:
    """Whether ``actor`` has ``ability`` on ``organisation`` (the SYSTEM actor always has)."""
    from gongkai.core.actors import is_system

    if is_system(actor):
        _roles_for(ability)  # still refuse an unknown ability
        return True
    return can(actor, ability, organisation)


def require(actor, ability: str, organisation: Organisation | int | None, message: str = ""):
    """Raise ``gongkai.core.errors.Forbidden`` unless ``actor`` has ``ability`` there."""
    from gongkai.core.actors import check
    from gongkai.core.errors import Forbidden

    check(actor)
    if may(actor, ability, organisation):
        return
    if not getattr(actor, "is_authenticated", False):
        raise Forbidden(message or "请先登录。")
    org = organisation
    if isinstance(org, int):
        org = Organisation.objects.filter(pk=org).first()
    where = f"“{org.name}”" if org is not None else "该机构"
    if org is not None and org_ids_for(actor, ability) and not can(actor, "view_internal", org):
        # the actor holds this ability elsewhere: say that the object is out of their scope,
        # not that they lack the role (an office admin of another city, say)
        raise Forbidden(f"{where}不在您的管辖范围内，不能{ABILITY_LABELS[ability]}其中的对象。")
    if message:
        raise Forbidden(message)
    raise Forbidden(f"您在{where}没有“{ABILITY_LABELS[ability]}”权限。")


def users_with(ability: str, organisation: Organisation):
    """Active users holding ``ability`` on ``organisation`` (granted there or on an ancestor),
    in one query; superusers are not included unless they hold a role."""
    from django.contrib.auth import get_user_model

    roles = _roles_for(ability)
    chain = [organisation.pk, *(a.pk for a in organisation.ancestors())]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            grants__organisation_id__in=chain,
            grants__role__in=roles,
        )
        .distinct()
        .order_by("username")
    )
