"""Shared pieces of the plan actions."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied

from gongkai.accounts import permissions

log = logging.getLogger("gongkai.plans.actions")


class ImportProblem(ValueError):
    """The plan cannot be imported as it stands (nothing was written)."""

    def __init__(self, message: str, message_zh: str, unresolved: dict | None = None):
        super().__init__(message)
        self.message_zh = message_zh
        self.unresolved = unresolved or {}


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


def _require(actor, ability, org, message="您没有权限执行此操作。"):
    if actor is None:  # console and jobs act as the system
        return
    if not permissions.can(actor, ability, org):
        raise PermissionDenied(message)
