"""The forged-date check's data: each public item's publication entry in the audit log."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Item
from gongkai.rules import dates
from gongkai.rules.health.checks import Finding
from gongkai.rules.health.forged import PublicationFacts, check_items


def publication_facts(orgs, as_of: dt.date) -> dict[int, list[PublicationFacts]]:
    end = dates.local(dt.datetime.combine(as_of, dt.time.max))
    items = list(
        Item.objects.public()
        .filter(organisation__in=orgs, published_at__lte=end)
        .values("id", "title", "published_at", "organisation_id")
    )
    ct = ContentType.objects.get_for_model(Item)
    ids = [str(i["id"]) for i in items]
    first_pub: dict[str, AuditEntry] = {}
    imported: set[str] = set()
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        for e in AuditEntry.objects.filter(content_type=ct, object_id__in=part).order_by(
            "created_at", "id"
        ):
            if e.action == "create" and e.to_state == Item.STATE_APPROVED:
                imported.add(e.object_id)  # published directly (publish_item_now)
            if (
                e.action == "transition"
                and e.to_state == Item.STATE_PUBLISHED
                and e.object_id not in first_pub
            ):
                first_pub[e.object_id] = e
    out: dict[int, list[PublicationFacts]] = {}
    for i in items:
        key = str(i["id"])
        entry = first_pub.get(key)
        value = None
        if entry is not None:
            raw = (entry.changes or {}).get("published_at")
            value = parse_datetime(raw) if isinstance(raw, str) else None
        out.setdefault(i["organisation_id"], []).append(
            PublicationFacts(
                id=i["id"],
                title=i["title"],
                shown=i["published_at"],
                logged_at=entry.created_at if entry else None,
                logged_value=value,
                imported=key in imported,
                url=reverse("catalog:item", args=[i["id"]]),
            )
        )
    return out


def forged_findings(orgs, as_of: dt.date) -> dict[int, list[Finding]]:
    return {org_id: check_items(facts) for org_id, facts in publication_facts(orgs, as_of).items()}
