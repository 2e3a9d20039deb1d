"""Choices for the message forms: the unit picker grouped by city → level."""

from __future__ import annotations

from gongkai.orgs.models import Organisation


def unit_groups():
    """[(group label, [org, ...])] grouped by city, then level, for an <optgroup> picker."""
    levels = dict(Organisation.LEVEL_CHOICES)
    order = [k for k, _ in Organisation.LEVEL_CHOICES]
    orgs = (
        Organisation.objects.filter(is_active=True)
        .select_related("city")
        .order_by("sort_order", "name")
    )
    groups: dict[tuple, list] = {}
    for o in orgs:
        city = o.city or o
        key = (city.sort_order, city.name, order.index(o.level) if o.level in order else 9)
        city_label = city.name.removesuffix("人民政府")
        groups.setdefault(key, []).append((f"{city_label} · {levels.get(o.level, o.level)}", o))
    out = []
    for key in sorted(groups):
        rows = groups[key]
        out.append((rows[0][0], [o for _, o in rows]))
    return out
