"""Reading consultations: the period rule with its settings, opinions, figures, the diff."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db.models import Count

from gongkai.rules import dates
from gongkai.rules.participation import articles as article_rules
from gongkai.rules.participation import feedback, period
from gongkai.rules.sanitize import html_to_text

from .models import Comment, Consultation


def period_overrides() -> dict:
    """``GONGKAI_CONSULTATION_PERIODS = {"normative": (10, "workdays"), ...}`` (local rules)."""
    return dict(getattr(settings, "GONGKAI_CONSULTATION_PERIODS", {}) or {})


def similarity_threshold() -> float:
    return float(getattr(settings, "GONGKAI_CONSULTATION_SIMILARITY", 0.85))


def compute_period(kind: str, opens_on: dt.date, closes_on: dt.date | None = None):
    from gongkai.workcal.services import get_calendar

    return period.compute(
        kind, opens_on, get_calendar(), closes_on=closes_on, overrides=period_overrides()
    )


def period_of(c: Consultation):
    if not c.opens_on:
        return None
    try:
        return compute_period(c.doc_kind, c.opens_on, c.closes_on)
    except period.PeriodInputError:
        return None


def leaders(c: Consultation):
    """One comment per opinion (group leaders), with ``n_followers``."""
    return (
        c.comments.filter(leader__isnull=True)
        .select_related("article")
        .annotate(n_followers=Count("followers"))
        .order_by("article__number", "received_on", "pk")
    )


def summary(c: Consultation) -> feedback.Summary:
    order = [a.label for a in c.articles.all()]
    ops = [
        feedback.Opinion(
            article=lead.article.label if lead.article_id else "",
            comments=lead.group_size,
            disposition=lead.disposition,
        )
        for lead in leaders(c)
    ]
    return feedback.summarise(ops, order)


def contact_key(contact: str) -> str:
    norm = "".join(contact.split()).lower()
    return hashlib.sha256(norm.encode()).hexdigest()


def figures(c: Consultation) -> dict:
    """Participation figures shown on the page (no personal data)."""
    comments = list(c.comments.values("contact", "channel", "article_id"))
    per_article: dict[int | None, int] = {}
    per_channel: dict[str, int] = {}
    for row in comments:
        per_article[row["article_id"]] = per_article.get(row["article_id"], 0) + 1
        per_channel[row["channel"]] = per_channel.get(row["channel"], 0) + 1
    return {
        "participants": len({contact_key(r["contact"]) for r in comments}),
        "comments": len(comments),
        "opinions": c.comments.filter(leader__isnull=True).count(),
        "per_article": per_article,
        "per_channel": per_channel,
        "adopted": c.comments.filter(disposition__in=("adopted", "partly")).count(),
    }


def days_left(c: Consultation) -> int | None:
    if c.status != Consultation.OPEN or not c.closes_on:
        return None
    return max(0, (c.closes_on - dates.today()).days)


def final_articles(c: Consultation) -> list[tuple[str, str]]:
    if c.final_item_id is None:
        return []
    item = c.final_item
    text = getattr(item, "body_text", "") or html_to_text(item.body or "")
    return [(a.label, a.text) for a in article_rules.parse(text).articles]


def diff(c: Consultation) -> list[feedback.ArticleChange]:
    if c.final_item_id is None:
        return []
    draft = [(a.label, a.text) for a in c.articles.all()]
    return feedback.diff_articles(draft, final_articles(c))


def interpretations(c: Consultation) -> list:
    """The public 解读 of the final policy (the catalog requires one for a policy)."""
    from gongkai.catalog.models import Item

    if c.final_item_id is None:
        return []
    return list(Item.objects.public().filter(interprets=c.final_item_id).order_by("published_at"))


def public_comments(c: Consultation):
    """Comments whose text may be shown (consent given), masked."""
    return c.comments.filter(consent=True).select_related("article")


def consultation_for_item(item):
    """The public consultation whose final text is ``item`` (for the item page note)."""
    return Consultation.objects.public().filter(final_item=item).first()


def comment_count(c: Consultation) -> int:
    return Comment.objects.filter(consultation=c).count()
