"""Storing check runs and probes (history for the chart and the work orders)."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.rules import dates

from ..models import CheckRun, Probe


def record_run(actor, org_result) -> CheckRun:
    """Store one organisation's check result as a run (one per organisation and day: a later
    run on the same day replaces the figures of the earlier one)."""
    r = org_result.result
    org = org_result.organisation
    data = org_result.as_json()
    with change(actor, "view_internal", org) as ch:
        run, created = CheckRun.objects.update_or_create(
            organisation=org,
            as_of=r.as_of,
            defaults={
                "run_at": dates.now(),
                "light": r.light,
                "score": org_result.score,
                "vetoes": data["vetoes"],
                "findings": data["findings"],
                "predicted": data["predicted"],
                "counts": r.counts,
            },
        )
        ch.audit(
            run,
            "create" if created else "change",
            changes={"light": r.light, "findings": len(r.findings), "vetoes": len(r.vetoes)},
            reason="网站健康检查",
        )
    return run


def run_checks(actor, orgs, as_of: dt.date | None = None) -> list[CheckRun]:
    from ..queries import check_orgs

    return [record_run(actor, r) for r in check_orgs(list(orgs), as_of)]


def record_probe(
    actor, *, url, ok, status=None, seconds=None, error="", organisation=None, at=None
):
    with change(actor, "view_internal", organisation) as ch:
        probe = Probe.objects.create(
            organisation=organisation,
            url=url[:500],
            at=at or dates.now(),
            status=status,
            seconds=seconds,
            ok=ok,
            error=(error or "")[:300],
        )
        ch.audit(probe, "create", changes={"ok": ok, "status": status}, reason="可访问性监测")
    return probe
