"""Reading gongkai's own data into the pure health rules (gongkai.rules.health).

``check_org(org, as_of)`` and ``check_city(city, as_of)`` compute the checks exactly from the
database (catalog columns and items, the audit log, interaction messages, stored probes and
link checks); ``health_score(org, as_of)`` feeds the assessment (rubric kind 网站健康).
Nothing here writes: storing a run is ``actions.runs.record_run``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry, Item
from gongkai.orgs.models import Organisation
from gongkai.rules import dates
from gongkai.rules.health import columns as ct
from gongkai.rules.health.checks import (
    ColumnFacts,
    Finding,
    MessageFacts,
    Prediction,
    ProbeFacts,
    Result,
    check,
)
from gongkai.rules.health.indicators import BROKEN_LINK, MESSAGE_UNANSWERED, Indicators
from gongkai.rules.health.score import score

from .forged import forged_findings
from .models import ColumnTypeOverride, IndicatorSet, LinkCheck, Probe
from .scoring import scores_for, scores_json

try:  # the messages engineer's interface (enabled once gongkai.interaction.queries exists)
    from gongkai.interaction import queries as interaction_queries
except ImportError:  # pragma: no cover - depends on the other area
    interaction_queries = None


def indicators_for(year: int) -> Indicators:
    """The office's indicator set for ``year`` (else the latest earlier one, else the defaults)."""
    row = IndicatorSet.objects.filter(year__lte=year).order_by("-year").first()
    if row is None:
        return Indicators()
    data = {f.name: getattr(row, f.name) for f in IndicatorSet._meta.concrete_fields}
    return Indicators.from_mapping(data)


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return dates.local(moment).date() if moment else None


def generated_content(entry: CatalogEntry, org: Organisation) -> bool:
    """Columns the portal renders from the organisation itself (never blank while that exists)."""
    if entry.slug == "guide" or entry.section == "guide":
        return bool(org.address or org.phone)  # the portal's 指南 page (portal:guide)
    if entry.slug == "application" or entry.section == "application":
        return True  # the portal's 依申请公开 entry page (portal:apply_entry)
    if entry.slug == "functions":
        return bool(org.functions)
    return False


def column_facts(orgs: list[Organisation], as_of: dt.date) -> dict[int, list[ColumnFacts]]:
    """Every active column of ``orgs`` with its type and its newest public item (the column's
    own items and those of the columns below it) published on or before ``as_of``."""
    end = dates.local(dt.datetime.combine(as_of, dt.time.max))
    public = Q(
        items__state=Item.STATE_PUBLISHED,
        items__attribute=Item.ATTR_PROACTIVE,
        items__published_at__lte=end,
    )
    entries = list(
        CatalogEntry.objects.filter(organisation__in=orgs, is_active=True)
        .annotate(last=Max("items__published_at", filter=public), n=Count("items", filter=public))
        .order_by("organisation_id", "sort_order", "id")
    )
    overrides = dict(
        ColumnTypeOverride.objects.filter(entry__in=entries).values_list("entry_id", "column_type")
    )
    by_id = {e.pk: e for e in entries}
    last = {e.pk: e.last for e in entries}
    count = {e.pk: e.n for e in entries}
    for e in sorted(entries, key=lambda e: -_depth(e, by_id)):  # children before parents
        if e.parent_id in by_id:
            p = e.parent_id
            count[p] += count[e.pk]
            if last[e.pk] and (last[p] is None or last[e.pk] > last[p]):
                last[p] = last[e.pk]
    org_by_id = {o.pk: o for o in orgs}
    out: dict[int, list[ColumnFacts]] = {o.pk: [] for o in orgs}
    for e in entries:
        org = org_by_id[e.organisation_id]
        type_ = overrides.get(e.pk) or ct.column_type(e.section, e.slug, e.name, e.kind)
        label = _path(e, by_id)
        out[org.pk].append(
            ColumnFacts(
                id=e.pk,
                name=e.name,
                label=label,
                type=type_,
                last_published=_local_date(last[e.pk]),
                has_content=count[e.pk] > 0 or generated_content(e, org),
                url=reverse("catalog:create") + f"?organisation={org.pk}&entries={e.pk}",
            )
        )
    return out


def _depth(e, by_id) -> int:
    d, node = 0, e
    while node.parent_id in by_id:
        d, node = d + 1, by_id[node.parent_id]
    return d


def _path(e, by_id) -> str:
    names, node = [e.name], e
    while node.parent_id in by_id:
        node = by_id[node.parent_id]
        names.append(node.name)
    return " › ".join(reversed(names))


def home_last(orgs: list[Organisation], as_of: dt.date) -> dict[int, dt.date | None]:
    end = dates.local(dt.datetime.combine(as_of, dt.time.max))
    rows = (
        Item.objects.public()
        .filter(organisation__in=orgs, published_at__lte=end)
        .values("organisation_id")
        .annotate(last=Max("published_at"))
    )
    found = {r["organisation_id"]: _local_date(r["last"]) for r in rows}
    return {o.pk: found.get(o.pk) for o in orgs}


def messages_enabled() -> bool:
    return interaction_queries is not None and hasattr(
        interaction_queries, "unanswered_valid_messages"
    )


def message_facts(orgs, as_of, ind: Indicators) -> tuple[dict, dict]:
    """(unanswered valid messages, approaching ones as predictions) per organisation id."""
    facts: dict[int, list[MessageFacts]] = {o.pk: [] for o in orgs}
    preds: dict[int, list[Prediction]] = {o.pk: [] for o in orgs}
    if not messages_enabled():
        return facts, preds
    ids = [o.pk for o in orgs]
    for m in interaction_queries.unanswered_valid_messages(
        ids, as_of, older_than_days=ind.message_days, within_past_days=ind.message_window_days
    ):
        facts.setdefault(m.org_id, []).append(
            MessageFacts(m.id, m.subject, m.received_on, getattr(m, "staff_url", ""))
        )
    for m in interaction_queries.approaching_ceiling(
        ids, as_of, within_days=ind.predict_days, ceiling_days=ind.message_days
    ):
        due = m.received_on + dt.timedelta(days=ind.message_days + 1)
        act_by = getattr(m, "deadline_on", None) or due - dt.timedelta(days=1)
        preds.setdefault(m.org_id, []).append(
            Prediction(
                MESSAGE_UNANSWERED,
                f"留言：{m.subject}",
                due,
                act_by,
                f"留言“{m.subject}”已{m.days_open}天未回复，请在{dates.zh_date(act_by)}前答复。",
                "message",
                str(m.id),
                getattr(m, "staff_url", ""),
            )  # fmt: skip
        )
    return facts, preds


def probe_facts(orgs, as_of, ind: Indicators) -> dict[int, list[ProbeFacts] | None]:
    start = dates.local(
        dt.datetime.combine(as_of - dt.timedelta(days=ind.probe_window_days), dt.time.min)
    )
    end = dates.local(dt.datetime.combine(as_of, dt.time.max))
    rows = Probe.objects.filter(at__gte=start, at__lte=end).filter(
        Q(organisation__in=orgs) | Q(organisation__isnull=True)
    )
    site, own = [], {}
    for p in rows:
        fact = ProbeFacts(_local_date(p.at), p.ok, p.seconds)
        (own.setdefault(p.organisation_id, []) if p.organisation_id else site).append(fact)
    return {o.pk: (own.get(o.pk, []) + site) for o in orgs}


def broken_links(orgs) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {o.pk: [] for o in orgs}
    for link in LinkCheck.objects.filter(organisation__in=orgs, ok=False).order_by("id"):
        why = "，".join(x for x in (f"状态码{link.status}" if link.status else "", link.error) if x)
        out[link.organisation_id].append(
            Finding(
                BROKEN_LINK,
                f"信息：{link.label}",
                link.broken_since,
                f"“{link.label}”中的链接 {link.url} 无法打开（{why}）。",
                "link",
                str(link.pk),
                reverse("catalog:item", args=[link.item_id]) if link.item_id else "",
            )  # fmt: skip
        )
    return out


@dataclass
class OrgResult:
    organisation: Organisation
    result: Result
    score: int
    explanation: str
    scores: list = field(default_factory=list)  # the scored items of the past year
    period: object = None  # scoring.Period of ``scores``
    facts: dict = field(default_factory=dict)  # the counts behind ``scores``

    def as_json(self) -> dict:
        r = self.result
        return {
            "organisation": self.organisation.code,
            "name": self.organisation.name,
            "as_of": r.as_of.isoformat(),
            "light": r.light,
            "score": self.score,
            "vetoes": [v.as_dict() for v in r.vetoes],
            "findings": [
                {
                    "rule": f.rule,
                    "object": f.object,
                    "since": f.as_dict()["since"],
                    "detail": f.detail,
                    "url": f.url,
                    "key": f.key,
                }
                for f in r.findings
            ],  # fmt: skip
            "predicted": [p.as_dict() for p in r.predicted],
            "counts": r.counts,
            "scores": scores_json(self.scores),
        }


def monitored(city: Organisation, ind: Indicators) -> list[Organisation]:
    ids = city.descendant_ids()
    return list(
        Organisation.objects.filter(
            pk__in=ids, is_active=True, level__in=ind.monitored_levels
        ).order_by("sort_order", "code")
    )


def check_orgs(orgs: list[Organisation], as_of: dt.date | None = None) -> list[OrgResult]:
    as_of = as_of or dates.today()
    ind = indicators_for(as_of.year)
    cols = column_facts(orgs, as_of)
    homes = home_last(orgs, as_of)
    msgs, msg_preds = message_facts(orgs, as_of, ind)
    probes = probe_facts(orgs, as_of, ind)
    links = broken_links(orgs)
    forged = forged_findings(orgs, as_of)
    period, scored_items, facts = scores_for(orgs, as_of, ind, cols)
    out = []
    for org in orgs:
        res = check(
            as_of=as_of,
            indicators=ind,
            columns=cols[org.pk],
            home_last=homes[org.pk],
            messages=msgs.get(org.pk, []),
            probes=probes[org.pk],
            extra_findings=forged.get(org.pk, []) + links.get(org.pk, []),
            extra_predictions=msg_preds.get(org.pk, []),
            home_url=reverse("catalog:create") + f"?organisation={org.pk}",  # publish something
        )
        if not messages_enabled():
            res.notes.append("留言模块尚未启用，未检查“留言超期未回复”。")
        value, why = score(res)
        out.append(OrgResult(org, res, value, why, scored_items[org.pk], period, facts[org.pk]))
    return out


def check_org(org: Organisation, as_of: dt.date | None = None) -> OrgResult:
    return check_orgs([org], as_of)[0]


def check_city(city: Organisation, as_of: dt.date | None = None) -> list[OrgResult]:
    as_of = as_of or dates.today()
    return check_orgs(monitored(city, indicators_for(as_of.year)), as_of)


def health_score(org: Organisation, as_of: dt.date | None = None) -> tuple[int, str]:
    """Score 0..100 and its explanation (zh-hans) for the assessment's rubric kind 网站健康."""
    r = check_org(org, as_of)
    return r.score, r.explanation
