"""The scored items (评分项) from the database: 信息发布, 解读回应, 办事服务, 互动交流 counts per
organisation for a period (the past year by default, or the current quarter), read through the
other areas' public querysets, then scored by ``gongkai.rules.health.scored`` with the year's
indicator set. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from gongkai.catalog.models import Item
from gongkai.rules import dates
from gongkai.rules.health import columns as ct
from gongkai.rules.health import scored

YEAR, QUARTER = "year", "quarter"


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        name = "近一年" if self.key == YEAR else "本季度"
        return f"{name}（{dates.zh_date(self.start)}至{dates.zh_date(self.end)}）"

    def as_dict(self) -> dict:
        return {"period": self.key, "start": self.start.isoformat(), "end": self.end.isoformat()}


def period(as_of: dt.date, key: str = YEAR) -> Period:
    """The past year (365 days up to and including ``as_of``) or the current quarter to date."""
    if key == QUARTER:
        first = dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
        return Period(QUARTER, first, as_of)
    return Period(YEAR, as_of - dt.timedelta(days=364), as_of)


def _bounds(p: Period):
    return (
        dates.local(dt.datetime.combine(p.start, dt.time.min)),
        dates.local(dt.datetime.combine(p.end, dt.time.max)),
    )


def _item_facts(ids, p: Period, cols: dict[int, list]) -> dict[int, dict]:
    """Items published in the period by the type of their columns; a type the organisation has
    no column of is None (不适用), never a 0 that would read as 空白."""
    start, end = _bounds(p)
    names = {ct.DYNAMIC: "dynamic", ct.NOTICE: "notice", ct.POLICY: "policy"}
    out = {i: dict.fromkeys(("dynamic", "notice", "policy", "service")) for i in ids}
    keys: dict[int, list[str]] = {}  # column id -> the counts an item in it adds to
    for org_id, facts in cols.items():
        for c in facts:
            hit = [names[c.type]] if c.type in names else []
            if scored.is_service_column(c.name):
                hit.append("service")
            for k in hit:
                if out[org_id][k] is None:
                    out[org_id][k] = set()
            keys[c.id] = hit
    rows = (
        Item.objects.public()
        .filter(organisation_id__in=ids, published_at__gte=start, published_at__lte=end)
        .values_list("pk", "organisation_id", "entries")
    )
    for pk, org_id, entry in rows:
        for k in keys.get(entry, ()):
            out[org_id][k].add(pk)
    return {i: {k: (None if v is None else len(v)) for k, v in d.items()} for i, d in out.items()}


def _interpretation_facts(ids, p: Period) -> dict[int, dict]:
    start, end = _bounds(p)
    out = {i: {"interpretations": 0, "policy_files": 0, "policy_interpreted": 0} for i in ids}
    public = Item.objects.public().filter(
        organisation_id__in=ids, published_at__gte=start, published_at__lte=end
    )
    for r in public.filter(kind="interpretation").values("organisation_id").annotate(n=Count("pk")):
        out[r["organisation_id"]]["interpretations"] = r["n"]
    interpreted = Q(
        interpretations__state=Item.STATE_PUBLISHED,
        interpretations__attribute=Item.ATTR_PROACTIVE,
        interpretations__published_at__lte=end,
    )
    policies = (
        public.filter(kind__in=Item.POLICY_KINDS, no_interpretation_reason="")
        .annotate(n=Count("interpretations", filter=interpreted, distinct=True))
        .values_list("organisation_id", "n")
    )
    for org_id, n in policies:
        out[org_id]["policy_files"] += 1
        out[org_id]["policy_interpreted"] += 1 if n else 0
    return out


def _response_facts(ids, p: Period) -> dict[int, dict]:
    from gongkai.responses.models import EventClock, ResponseEvent

    start, end = _bounds(p)
    out = {i: {"events_due": 0, "events_on_time": 0} for i in ids}
    rows = (
        ResponseEvent.objects.filter(
            organisation_id__in=ids, learnt_at__gte=start, learnt_at__lte=end
        )
        .annotate(
            decided=Count("clocks", filter=~Q(clocks__state=EventClock.RUNNING)),
            missed=Count(
                "clocks", filter=Q(clocks__state__in=(EventClock.LATE, EventClock.OVERDUE))
            ),
        )
        .values_list("organisation_id", "decided", "missed")
    )
    for org_id, decided, missed in rows:
        if decided:
            out[org_id]["events_due"] += 1
            out[org_id]["events_on_time"] += 0 if missed else 1
    return out


def _message_facts(ids, p: Period) -> dict[int, dict]:
    from gongkai.interaction.models import Message
    from gongkai.interaction.stats import COUNTED

    out = {i: {"received": 0, "answered": 0, "on_time": 0, "published": 0} for i in ids}
    answered = Q(first_answered_on__isnull=False)
    rows = (
        Message.objects.filter(
            organisation_id__in=ids,
            validity__in=COUNTED,
            received_on__gte=p.start,
            received_on__lte=p.end,
        )
        .values("organisation_id")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=answered),
            on_time=Count(
                "pk",
                filter=answered
                & Q(first_answered_on__lte=Coalesce(F("first_due_on"), F("due_on"))),
            ),  # fmt: skip
            published=Count("pk", filter=answered & Q(published=True, validity=Message.VALID)),
        )
    )
    for r in rows:
        out[r.pop("organisation_id")].update(r)
    return out


def _consultation_facts(ids, p: Period) -> dict[int, dict]:
    from gongkai.consultations.models import Consultation

    out = {i: {"consultations": 0, "feedback": 0} for i in ids}
    done = Q(status=Consultation.PUBLISHED) | Q(feedback_published_at__isnull=False)
    rows = (
        Consultation.objects.public()
        .filter(organisation_id__in=ids, opens_on__gte=p.start, opens_on__lte=p.end)
        .values("organisation_id")
        .annotate(consultations=Count("pk"), feedback=Count("pk", filter=done))
    )
    for r in rows:
        out[r.pop("organisation_id")].update(r)
    return out


def facts_for(orgs, p: Period, cols: dict[int, list]) -> dict[int, dict]:
    """The plain counts of every organisation for the period (one query per source)."""
    ids = [o.pk for o in orgs]
    out = {i: {} for i in ids}
    for part in (
        _item_facts(ids, p, cols),
        _interpretation_facts(ids, p),
        _response_facts(ids, p),
        _message_facts(ids, p),
        _consultation_facts(ids, p),
    ):
        for i, d in part.items():
            out[i].update(d)
    return out


def scores_for(orgs, as_of: dt.date, ind, cols: dict[int, list], key: str = YEAR):
    """(period, {org id: [ScoreItem]}, {org id: facts})."""
    p = period(as_of, key)
    facts = facts_for(orgs, p, cols)
    items = {i: scored.score_items(f, ind.scored, p.days) for i, f in facts.items()}
    return p, items, facts


def results_scores(results, as_of: dt.date, key: str = YEAR):
    """(period, the city's [ScoreItem], {org id: [ScoreItem]}) for check results of a city:
    the past year's are in the results already; the quarter is computed."""
    from .queries import column_facts, indicators_for

    ind = indicators_for(as_of.year)
    orgs = [r.organisation for r in results]
    if key == YEAR and results:
        items = {r.organisation.pk: r.scores for r in results}
        facts = [r.facts for r in results]
        p = results[0].period
    else:
        p, items, by_org = scores_for(orgs, as_of, ind, column_facts(orgs, as_of), key)
        facts = list(by_org.values())
    city = scored.city_items(scored.add_facts(facts), list(items.values()), ind.scored, p.days)
    return p, city, items


def scores_json(items) -> list[dict]:
    """The CLI's and the API's form: [{"indicator", "label", "value", "points", "max"}]."""
    return [
        {"indicator": i.indicator, "label": i.label, "group": i.group, "unit": i.unit,
         "value": i.value, "points": i.points, "max": i.max}
        for i in items
    ]  # fmt: skip
