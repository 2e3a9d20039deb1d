"""Read-only questions about the gazette: numbering, 应登尽登, counts for the assessment.

应登尽登: every 规章 and 行政规范性文件 of a government and its departments published in the
catalog should appear in an issue of that government's gazette within
``GONGKAI_GAZETTE_PERIOD_DAYS`` days (default 60; local practice, configurable).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.rules.gazette.numbering import NumberingReport, check_numbering

from .models import Article, Gazette, Issue, ProofTask

LINKED = Q(gazette_articles__link_state=Article.LINK_CONFIRMED)


def period_days() -> int:
    return int(getattr(settings, "GONGKAI_GAZETTE_PERIOD_DAYS", 60))


def gazette_of(city) -> Gazette | None:
    return Gazette.objects.filter(organisation=city.root if city else None).first()


def numbering(city) -> NumberingReport | None:
    gazette = gazette_of(city)
    if gazette is None:
        return None
    rows = list(Issue.objects.filter(gazette=gazette).values_list("year", "number", "total_number"))
    expected = {}
    if gazette.issues_per_year:
        latest = max((y for y, _, _ in rows), default=None)
        expected = {y: gazette.issues_per_year for y, _, _ in rows if y != latest}
    return check_numbering(rows, expected_per_year=expected)


def check_from(gazette: Gazette | None) -> dt.date | None:
    """Policies published before this day are not counted: ``GONGKAI_GAZETTE_CHECK_FROM``
    (ISO date), else 1 January of the gazette's founding year, else its first issue's date
    (the digitised collection may not reach further back)."""
    configured = getattr(settings, "GONGKAI_GAZETTE_CHECK_FROM", "")
    if configured:
        return dt.date.fromisoformat(str(configured))
    if gazette is None:
        return None
    if gazette.founded_year:
        return dt.date(gazette.founded_year, 1, 1)
    first = (
        Issue.objects.filter(gazette=gazette).exclude(published_on=None).order_by("published_on")
    )
    day = first.values_list("published_on", flat=True).first()
    return day


def _due(city, as_of: dt.date):
    root = city.root
    cutoff = timezone.make_aware(
        dt.datetime.combine(as_of - dt.timedelta(days=period_days()), dt.time.max)
    )
    qs = Item.objects.public().filter(
        kind__in=["regulation", "normative"],
        organisation_id__in=root.descendant_ids(),
        published_at__lte=cutoff,
    )
    start = check_from(gazette_of(root))  # None: no gazette at all, so every policy is missing
    if start is not None:
        qs = qs.filter(
            published_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        )
    return qs


def missing_items(city, as_of: dt.date) -> list[Item]:
    """Public 规章/行政规范性文件 due in the gazette by ``as_of`` and in no issue yet."""
    linked = Article.objects.filter(
        link_state=Article.LINK_CONFIRMED, issue__gazette__organisation=city.root
    ).values_list("item_id", flat=True)
    return list(
        _due(city, as_of)
        .exclude(pk__in=linked)
        .select_related("organisation")
        .order_by("published_at")
    )


def missing_count(city_org, as_of: dt.date) -> int:
    """How many policies the assessment counts as not published in the gazette (应登未登)."""
    linked = Article.objects.filter(
        link_state=Article.LINK_CONFIRMED, issue__gazette__organisation=city_org.root
    ).values_list("item_id", flat=True)
    return _due(city_org, as_of).exclude(pk__in=linked).count()


def public_articles():
    return Article.objects.select_related("issue__gazette__organisation", "issuer")


def placement(item) -> Article | None:
    """The gazette article that is the standard text of catalog ``item`` (earliest issue)."""
    return (
        public_articles()
        .filter(item=item, link_state=Article.LINK_CONFIRMED)
        .order_by("issue__year", "issue__number")
        .first()
    )


def years(gazette) -> list[tuple[int, int]]:
    return list(
        Issue.objects.filter(gazette=gazette)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )


def staff_counts(gazette, as_of: dt.date) -> dict:
    issues = Issue.objects.filter(gazette=gazette)
    articles = Article.objects.filter(issue__gazette=gazette)
    report = numbering(gazette.organisation)
    return {
        "issues": issues.count(),
        "articles": articles.count(),
        "ocr_issues": issues.filter(source_kind="ocr").count(),
        "open_proofs": ProofTask.objects.filter(
            issue__gazette=gazette, state=ProofTask.OPEN
        ).count(),
        "done_proofs": ProofTask.objects.filter(
            issue__gazette=gazette, state=ProofTask.DONE
        ).count(),
        "suggested": articles.filter(link_state=Article.LINK_SUGGESTED).count(),
        "linked": articles.filter(link_state=Article.LINK_CONFIRMED).count(),
        "missing": missing_count(gazette.organisation, as_of),
        "numbering": report.messages() if report else [],
    }
