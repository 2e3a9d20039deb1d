"""Choices for the message forms: the unit picker grouped by city and county."""

from __future__ import annotations

from gongkai.orgs.models import Organisation


def unit_groups():
    """[(group label, [org, ...])]: each city's 市直 group, then one group per county (the
    shared picker's grouping, gongkai.core.widgets.org_groups)."""
    from gongkai.core.widgets import org_groups

    return org_groups(Organisation.objects.filter(is_active=True))
