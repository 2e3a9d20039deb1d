"""Clocks and figures of 建议提案 (settings: docs/participation.md)."""

from __future__ import annotations

from django.conf import settings

from gongkai.rules import dates
from gongkai.rules.participation import proposal_clock as pc

from .models import SATISFACTION, Proposal, result_labels


def _setting(name, default):
    return int(getattr(settings, name, default))


def calendar():
    from gongkai.workcal.services import get_calendar

    return get_calendar()


def answer_due(p: Proposal, cal=None) -> pc.Due:
    return pc.answer_due(
        p.assigned_on,
        cal or calendar(),
        extended=p.extended,
        months=_setting("GONGKAI_PROPOSAL_ANSWER_MONTHS", pc.ANSWER_MONTHS),
        extended_months=_setting("GONGKAI_PROPOSAL_EXTENDED_MONTHS", pc.EXTENDED_MONTHS),
    )


def co_due(p: Proposal, cal=None) -> pc.Due:
    return pc.co_opinion_due(
        p.assigned_on,
        cal or calendar(),
        months=_setting("GONGKAI_PROPOSAL_CO_MONTHS", pc.CO_OPINION_MONTHS),
    )


def publication_due(p: Proposal, cal=None) -> pc.Due | None:
    if p.signed_on is None:
        return None
    return pc.publication_due(
        p.signed_on,
        cal or calendar(),
        workdays=_setting("GONGKAI_PROPOSAL_PUBLISH_WORKDAYS", pc.PUBLISH_WORKDAYS),
    )


def answered(p: Proposal) -> bool:
    return p.status in (Proposal.APPROVED, Proposal.PUBLISHED, Proposal.WITHHELD)


def answer_state(p: Proposal, cal=None) -> str:
    cal = cal or calendar()
    return pc.state(answer_due(p, cal).date, dates.today(), cal, done=answered(p))


def publication_state(p: Proposal, cal=None) -> str | None:
    cal = cal or calendar()
    due = publication_due(p, cal)
    if due is None or p.status == Proposal.WITHHELD:
        return None
    return pc.state(due.date, dates.today(), cal, done=p.status == Proposal.PUBLISHED)


def yearly_figures(qs) -> list[dict]:
    """Per (year, lead unit): received, answered, on time, published, result shares, satisfaction."""
    cal = calendar()
    rows: dict[tuple, dict] = {}
    codes = list(result_labels())
    for p in qs.select_related("lead"):
        key = (p.year, p.lead_id)
        r = rows.setdefault(
            key,
            {"year": p.year, "org": p.lead, "received": 0, "answered": 0, "on_time": 0,
             "published": 0, **{f"r_{c}": 0 for c in codes}, **{f"s_{k}": 0 for k in SATISFACTION}},
        )  # fmt: skip
        r["received"] += 1
        if answered(p):
            r["answered"] += 1
            if p.signed_on and p.signed_on <= answer_due(p, cal).date:
                r["on_time"] += 1
            if p.result_code in codes:
                r[f"r_{p.result_code}"] += 1
        if p.status == Proposal.PUBLISHED:
            r["published"] += 1
        if p.satisfaction:
            r[f"s_{p.satisfaction}"] += 1
    out = sorted(rows.values(), key=lambda r: (-r["year"], r["org"].sort_order, r["org"].name))
    for r in out:
        r["shares"] = {
            c: (round(100 * r[f"r_{c}"] / r["answered"]) if r["answered"] else 0) for c in codes
        }
    return out
