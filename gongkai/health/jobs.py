"""Scheduled jobs (``gongkai jobs run``): daily checks with work-order re-checks, availability
probes kept as history, link checks. Each is idempotent within its period."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.catalog.models import Item
from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation
from gongkai.rules import dates

from .models import CheckRun, LinkCheck, Probe


def cities():
    return list(Organisation.objects.filter(parent__isnull=True, is_active=True))


def daily_check(now: dt.datetime) -> str:
    """Check every monitored organisation once a day; close work orders whose finding is gone."""
    from .actions import recheck_work_orders, record_run
    from .queries import check_city

    today = dates.local(now).date()
    runs = closed = 0
    actor = SYSTEM("health check")
    for city in cities():
        if CheckRun.objects.filter(organisation=city, as_of=today).exists():
            continue
        results = check_city(city, today)
        for r in results:
            record_run(actor, r)
            runs += 1
        closed += recheck_work_orders(actor, results)
    return f"{runs} organisation(s) checked, {closed} work order(s) closed"


def probe_site(now: dt.datetime) -> str:
    from .actions import record_probe
    from .crawler import Checker
    from .links import base_url

    base = base_url()
    if not base:
        return "GONGKAI_HEALTH_BASE_URL not set: no probes"
    every = int(getattr(settings, "GONGKAI_HEALTH_PROBE_MINUTES", 60))
    if Probe.objects.filter(at__gte=now - dt.timedelta(minutes=every)).exists():
        return "probed recently"
    checker = Checker(timeout=float(getattr(settings, "GONGKAI_HEALTH_TIMEOUT", 15.0)),
                      cache_seconds=0, respect_robots=False)  # fmt: skip
    actor = SYSTEM("health probe")
    targets = [(base + "/", None)] + [(f"{base}/org/{c.code}/", c) for c in cities()]
    failed = 0
    for url, org in targets:
        res = checker.check(url)
        failed += not res.ok
        record_probe(actor, url=url, ok=res.ok, status=res.status, seconds=res.seconds,
                     error=res.error, organisation=org, at=now)  # fmt: skip
    return f"{len(targets)} probe(s), {failed} failed"


def check_links(now: dt.datetime) -> str:
    from .links import check_items

    today = dates.local(now).date()
    start = dates.local(dt.datetime.combine(today, dt.time.min))
    if LinkCheck.objects.filter(checked_at__gte=start).exists():
        return "links already checked today"
    items = Item.objects.public().prefetch_related("attachments").order_by("-published_at")
    limit = int(getattr(settings, "GONGKAI_HEALTH_MAX_LINKS", 500))
    counts = check_items(items[: limit * 2], actor=SYSTEM("health links"), max_links=limit)
    return f"{counts['links']} link(s) checked, {counts['broken']} broken"
