"""Assessment criteria that other areas measure (the rubric's kinds beyond the plan itself).

A rubric criterion of kind ``on_time_share`` is computed from the plan's obligations and
``manual`` from staff-entered shares; every other kind is measured by the area that holds the
data, which registers a function in its ``AppConfig.ready()``::

    from gongkai.plans import criteria
    criteria.register("site_health", "网站健康", site_health_share)
    # site_health_share(org, year, as_of) -> share in 0..1, or None when it cannot be measured

so the plans app never reads another area's tables, and a new area adds a criterion by
registering it (the rubric's ``Criterion.kind`` choices list the registered kinds).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

Measure = Callable[[object, int, dt.date], float | None]


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    measure: Measure


_kinds: dict[str, Kind] = {}


def register(kind: str, label: str, measure: Measure) -> None:
    _kinds[kind] = Kind(kind, label, measure)


def get(kind: str) -> Kind | None:
    return _kinds.get(kind)


def labels() -> dict[str, str]:
    return {k.kind: k.label for k in _kinds.values()}


def share(kind: str, org, year: int, as_of: dt.date) -> float | None:
    """The measured share (0..1) of ``org`` for ``kind``; None when not measurable."""
    found = _kinds.get(kind)
    if found is None:
        return None
    try:
        value = found.measure(org, year, as_of)
    except Exception:  # a failing area must not break the whole score sheet
        log.exception("criterion %s for %s failed", kind, org)
        return None
    if value is None:
        return None
    return max(0.0, min(1.0, float(value)))
