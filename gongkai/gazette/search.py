"""Gazette articles in the portal's search (kind "gazette", facet 政府公报)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.search.registry import DocType, SearchDoc

KIND = "gazette"


def build_docs(ids) -> dict[int, SearchDoc]:
    from .models import Article

    articles = Article.objects.filter(pk__in=list(ids)).select_related(
        "issue__gazette__organisation", "issuer"
    )
    docs = {}
    for a in articles:
        issue = a.issue
        org = a.issuer or issue.gazette.organisation
        names = [org.name, org.short_name, issue.gazette.name]
        published = None
        if issue.published_on:
            published = timezone.make_aware(dt.datetime.combine(issue.published_on, dt.time(9)))
        docs[a.pk] = SearchDoc(
            kind=KIND,
            id=a.pk,
            title=a.title,
            text=f"《{issue.gazette.name}》{issue.label}\n{a.text}",
            url=reverse("gazette:article", args=[a.pk]),
            org_id=org.pk,
            org_label=org.name,
            org_names=" ".join(dict.fromkeys(n for n in names if n)),
            doc_number=a.doc_number,
            published_at=published,
            category=a.kind,
        )
    return docs


def public_ids():
    from .models import Article

    return Article.objects.order_by("pk").values_list("pk", flat=True)


def doctype() -> DocType:
    return DocType(kind=KIND, label="政府公报", build=build_docs, public_ids=public_ids, order=20)
