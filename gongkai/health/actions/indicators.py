"""The office edits the indicator set (city office admins): every 单项否决 threshold and every
scored item's weight and target, per year; a year's set can be copied from the year before.
Each save is audited with who, when, why and every changed figure as [before, after]."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.orgs.models import Organisation
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import BAD_LEVELS, EDITABLE, LEVELS, parse_thresholds

from ..models import IndicatorSet

NO_REASON = "请填写修改理由。"
BAD_YEAR = "年度应为2000至2100之间的整数。"
EXISTS = "{year}年度的检查指标已存在，请直接修改。"
FIELDS = [name for name, *_ in EDITABLE] + ["monitored_levels"]


def office_city(actor):
    """The city whose office ``actor`` administers (None for everyone else)."""
    from gongkai.accounts.permissions import org_ids_for

    ids = org_ids_for(actor, "administer") if hasattr(actor, "is_authenticated") else set()
    return Organisation.objects.filter(parent__isnull=True, pk__in=ids).order_by("pk").first()


def _year(value) -> int:
    try:
        year = int(str(value).strip())
    except ValueError:
        raise Invalid(BAD_YEAR, errors={"year": BAD_YEAR}) from None
    if not 2000 <= year <= 2100:
        raise Invalid(BAD_YEAR, errors={"year": BAD_YEAR})
    return year


def _snapshot(obj: IndicatorSet) -> dict:
    data = {name: getattr(obj, name) for name in FIELDS}
    data["scored"] = scored.weights(obj.scored)
    return data


def _diff(before: dict, after: dict) -> dict:
    out = {}
    for name in FIELDS:
        if before[name] != after[name]:
            out[name] = [before[name], after[name]]
    for sid, (top, target) in after["scored"].items():
        old = before["scored"][sid]
        if old[0] != top:
            out[f"scored.{sid}.max"] = [old[0], top]
        if old[1] != target:
            out[f"scored.{sid}.target"] = [old[1], target]
    return out


def effective_set(year: int) -> IndicatorSet:
    """The stored set of ``year``, else an unsaved copy of the latest earlier one (or defaults)."""
    row = IndicatorSet.objects.filter(year=year).first()
    if row is not None:
        return row
    earlier = IndicatorSet.objects.filter(year__lt=year).order_by("-year").first()
    new = IndicatorSet(year=year)
    if earlier is not None:
        for name in FIELDS + ["scored"]:
            setattr(new, name, getattr(earlier, name))
    return new


def update_indicator_set(actor, year, data: dict, *, reason: str) -> IndicatorSet:
    """Save the figures typed into the staff page (strings) as ``year``'s set."""
    with change(actor, "administer", office_city(actor)) as ch:
        year = _year(year)
        values, errors = parse_thresholds(data)
        weights, werrors = scored.parse(data)
        errors.update(werrors)
        if not (reason or "").strip():
            errors["reason"] = NO_REASON
        if errors:
            raise Invalid(next(iter(errors.values())), errors=errors)
        obj = effective_set(year)
        created = obj.pk is None
        before = _snapshot(obj)  # what applied until now (for a new year: the earlier set)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.scored = weights
        after = _snapshot(obj)
        changes = _diff(before, after)
        obj.save()
        ch.audit(obj, "create" if created else "change", changes=changes, reason=reason.strip())
    return obj


def copy_indicator_set(actor, year, *, reason: str = "") -> IndicatorSet:
    """Start ``year``'s set as a copy of the latest earlier year's (defaults if there is none)."""
    with change(actor, "administer", office_city(actor)) as ch:
        year = _year(year)
        if IndicatorSet.objects.filter(year=year).exists():
            raise Invalid(EXISTS.format(year=year), errors={"year": EXISTS.format(year=year)})
        obj = effective_set(year)
        source = IndicatorSet.objects.filter(year__lt=year).order_by("-year").first()
        obj.notes = f"复制自{source.year}年度" if source else "使用2019年指标默认值"
        obj.save()
        ch.audit(obj, "create", changes={"copied_from": [None, source.year if source else None]},
                 reason=(reason or "").strip() or obj.notes)  # fmt: skip
    return obj


def save_indicators(actor, obj, *, changed=()):
    """The admin's save (the staff page is /staff/health/indicators/)."""
    with change(actor, "administer", office_city(actor)) as ch:
        levels = [s.strip() for s in obj.monitored_levels.split(",") if s.strip()]
        if not levels or set(levels) - set(LEVELS):
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
