"""The office edits the indicator set and column-type overrides (city office admins)."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.orgs.models import Organisation

BAD_LEVELS = "监测的机构层级只能是 city、county、zone、department、township，用逗号分隔。"
LEVELS = {"city", "county", "zone", "department", "township"}


def _city_of(actor):
    from gongkai.accounts.permissions import org_ids_for

    ids = org_ids_for(actor, "administer") if hasattr(actor, "is_authenticated") else set()
    return Organisation.objects.filter(parent__isnull=True, pk__in=ids).first()


def save_indicators(actor, obj, *, changed=()):
    with change(actor, "administer", _city_of(actor)) as ch:
        levels = [s.strip() for s in obj.monitored_levels.split(",") if s.strip()]
        if not levels or set(levels) - LEVELS:
            raise Invalid(BAD_LEVELS, errors={"monitored_levels": BAD_LEVELS})
        obj.monitored_levels = ",".join(levels)
        created = obj.pk is None
        obj.save()
        ch.audit(obj, "create" if created else "change",
                 changes={k: getattr(obj, k) for k in changed}, reason="修改网站检查指标")  # fmt: skip
    return obj


def save_override(actor, obj, *, changed=()):
    with change(actor, "administer", obj.entry.organisation) as ch:
        created = obj.pk is None
        obj.save()
        ch.audit(obj, "create" if created else "change",
                 changes={"column_type": obj.column_type}, reason=obj.reason)  # fmt: skip
    return obj
