"""Shared helpers of the catalog's staff views."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import may
from gongkai.core.errors import Invalid

from ..models import Item


def _visible_item(request, pk) -> Item:
    """The item if the user has a role on its organisation, else 404 (drafts stay private)."""
    item = get_object_or_404(Item.objects.select_related("organisation"), pk=pk)
    if not may(request.user, "view_internal", item.organisation):
        raise Http404
    return item


def _error_text(exc: Invalid) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def _mark_findings(body: str) -> str:
    """The (sanitised) body with each unmasked personal number wrapped in <mark>: the guard's
    findings shown in place. Only digit runs are wrapped, so the markup stays valid."""
    from gongkai.rules import privacy

    parts, pos = [], 0
    for f in privacy.scan(body):
        parts += [body[pos : f.start], f'<mark class="finding-value" title="{f.label}">',
                  body[f.start : f.end], "</mark>"]  # fmt: skip
        pos = f.end
    parts.append(body[pos:])
    return "".join(parts)
