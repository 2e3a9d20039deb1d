"""The simple backend: substring matching straight on the database (LIKE '%词%').

No index to keep, always current, exactly the substring semantics; it scans every public item
per query, so it suits small sites, tests and a fallback (about 0.5 s at 200 000 items).
"""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import ExtractYear

from gongkai.rules.docnumber import doc_key
from gongkai.search.backends.base import (
    SCORE_DOCNUMBER,
    SCORE_MATCH,
    SCORE_PHRASE,
    SCORE_TITLE,
    SCORE_VALID,
    QueryPlan,
    RawHit,
    RawResults,
    SearchBackend,
    year_facet_label,
)
from gongkai.search.documents import VALIDITY_LABELS, build_docs


def _text_q(word: str) -> Q:
    from gongkai.catalog.models import Attachment

    return (
        Q(title__icontains=word)
        | Q(body_text__icontains=word)
        | Q(doc_number__icontains=word)
        | Q(organisation__name__icontains=word)
        | Q(organisation__short_name__icontains=word)
        | Q(Exists(Attachment.objects.filter(item=OuterRef("pk"), text__icontains=word)))
    )


def docnumber_ids(key: str) -> list[int]:
    """Public items whose document number has this key (any bracket spelling)."""
    from gongkai.catalog.models import Item

    prefix, year, serial = key.split("|")
    rows = (
        Item.objects.public()
        .filter(doc_number__startswith=prefix, doc_number__contains=year)
        .values_list("pk", "doc_number")
    )
    return [pk for pk, number in rows if doc_key(number) == key]


def _filtered(plan: QueryPlan):
    from gongkai.catalog.models import Item

    qs = Item.objects.public()
    if plan.org_ids is not None:
        qs = qs.filter(organisation_id__in=plan.org_ids)
    if plan.year:
        qs = qs.filter(published_at__year=plan.year)
    if plan.genre:
        qs = qs.filter(genre=plan.genre)
    if plan.validity:
        qs = qs.filter(validity=plan.validity)
    if plan.kind:
        qs = qs.filter(kind=plan.kind)
    return qs


def facets_of(qs) -> dict[str, list[tuple]]:
    """Counts by organisation, year, genre and validity of a queryset of items."""
    orgs = (
        qs.values("organisation_id", "organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
    )
    years = (
        qs.annotate(y=ExtractYear("published_at"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("-y")
    )
    genres = qs.exclude(genre="").values("genre").annotate(n=Count("pk")).order_by("-n", "genre")
    validity = qs.values("validity").annotate(n=Count("pk")).order_by("-n")
    return {
        "organisation": [(r["organisation_id"], r["organisation__name"], r["n"]) for r in orgs],
        "year": [(r["y"], year_facet_label(r["y"]), r["n"]) for r in years],
        "genre": [(r["genre"], r["genre"], r["n"]) for r in genres],
        "validity": [
            (r["validity"], VALIDITY_LABELS.get(r["validity"], r["validity"]), r["n"])
            for r in validity
        ],
    }


class SimpleBackend(SearchBackend):
    name = "simple"
    label = "数据库子串匹配"
    needs_index = False

    def rebuild(self, docs) -> int:
        """Nothing to build: the database is the index. Returns how many items are public."""
        from gongkai.catalog.models import Item

        return Item.objects.public().count()

    def status(self) -> dict:
        return {"backend": self.name, "documents": self.rebuild(())}

    def execute(self, plan: QueryPlan) -> RawResults:
        qs = _filtered(plan)
        pinned = docnumber_ids(plan.doc_key) if plan.doc_key else []
        match = Q()
        title_score = []
        for k, alts in enumerate(plan.terms):
            any_alt = Q()
            in_title = Q()
            # the word as typed too: the database holds unfolded text (，not ,)
            for word in dict.fromkeys([plan.raw_words[k], *alts]):
                any_alt |= _text_q(word)
                in_title |= Q(title__icontains=word)
            match &= any_alt
            title_score.append(Case(When(in_title, then=Value(SCORE_TITLE)), default=Value(0.0)))
        if pinned:
            match = match | Q(pk__in=pinned)
        qs = qs.filter(match)
        score = Value(SCORE_MATCH) + Case(
            When(validity="valid", then=Value(SCORE_VALID)), default=Value(0.0)
        )
        for s in title_score:
            score = score + s
        if plan.phrase:
            together = Q(title__icontains=plan.phrase) | Q(body_text__icontains=plan.phrase)
            score = score + Case(When(together, then=Value(SCORE_PHRASE)), default=Value(0.0))
        if pinned:
            score = score + Case(
                When(pk__in=pinned, then=Value(SCORE_DOCNUMBER)), default=Value(0.0)
            )
        total = qs.count()
        ordered = qs.annotate(score=score)
        if plan.sort == "newest":
            ordered = ordered.order_by(F("published_at").desc(nulls_last=True), "-pk")
        elif plan.sort == "oldest":
            ordered = ordered.order_by(F("published_at").asc(nulls_last=True), "pk")
        else:
            ordered = ordered.order_by("-score", F("published_at").desc(nulls_last=True), "-pk")
        page = list(ordered.values_list("pk", "score")[plan.offset : plan.offset + plan.limit])
        docs = build_docs([pk for pk, _ in page])
        hits = []
        for pk, s in page:
            d = docs.get(pk)
            if d is None:
                continue
            hits.append(
                RawHit(
                    id=pk,
                    score=float(s),
                    title=d.title,
                    text=d.text,
                    org_label=d.org_label,
                    doc_number=d.doc_number,
                    validity=d.validity,
                    published_at=d.published_at,
                    url=d.url,
                )
            )
        return RawResults(total=total, hits=hits, facets=facets_of(qs))
