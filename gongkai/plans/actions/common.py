"""Shared pieces of the plan actions: messages, the unresolved-units error, rule fields."""

from __future__ import annotations

import logging

from gongkai.core.errors import Invalid

log = logging.getLogger("gongkai.plans.actions")

NO_RIGHT = "您没有权限执行此操作。"
NO_LINK = "您没有权限为该任务关联信息。"
ONLY_PUBLIC = "只能关联已发布的主动公开信息。"


def unresolved_units(message: str, unresolved: dict) -> Invalid:
    """The plan names units that resolve to no organisation: an ``Invalid`` on the "units"
    field that also carries ``unresolved`` ({written name: resolution}) for the mapping form
    and the command's hints. Nothing was written."""
    exc = Invalid(errors={"units": message})
    exc.unresolved = unresolved
    return exc


def user_of(actor):
    """The user row to store (None for the SYSTEM actor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _rule_fields(rule) -> dict:
    """Obligation fields from a parsed time rule (gongkai.rules.timerules)."""
    return {
        "phrase": rule.phrase[:500],
        "kind": rule.kind,
        "every": rule.every or "",
        "due": rule.due or "",
        "relative_to": (rule.relative_to or "")[:120],
        "within": rule.within or "",
        "what": rule.what[:500],
        "season_name": rule.season or "",
    }
