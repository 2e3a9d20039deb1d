"""The simple backend: substring matching on the database (LIKE '%词%') over its own table.

``search_document`` holds one row per public document of every registered kind: the
normalised searchable text (title, text, organisation names, document number) and the fields
filtered and shown. No index to maintain beyond that table, exactly the substring semantics; it
scans every document per query, so it suits small sites, tests and a fallback (about 0.5 s at
200 000 documents). Its position in the change log is the ``Node`` row ``db:simple``, written
in the same transaction as the table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, Q, Value, When

from gongkai.rules import ngrams
from gongkai.search import follow, registry
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
from gongkai.search.documents import VALIDITY_LABELS
from gongkai.search.models import Document, Node


def document_row(doc) -> Document:
    body = ngrams.normalise(
        "\n".join(x for x in (doc.title, doc.text, doc.org_names, doc.doc_number) if x)
    )
    return Document(
        kind=doc.kind,
        obj_id=doc.id,
        body=body,
        title_norm=ngrams.normalise(doc.title),
        title=doc.title,
        text=doc.text,
        url=doc.url or "",
        org_id=doc.org_id or None,
        org_label=doc.org_label or "",
        doc_number=doc.doc_number or "",
        doc_key=doc.doc_key or "",
        year=doc.year or None,
        genre=doc.genre or "",
        category=doc.category or "",
        validity=doc.validity or "valid",
        published=doc.published_at,
    )


def _filtered(plan: QueryPlan):
    qs = Document.objects.all()
    if plan.org_ids is not None:
        qs = qs.filter(org_id__in=plan.org_ids)
    if plan.year:
        qs = qs.filter(year=plan.year)
    for name in ("genre", "validity", "kind", "category"):
        if getattr(plan, name):
            qs = qs.filter(**{name: getattr(plan, name)})
    return qs


def facets_of(qs) -> dict[str, list[tuple]]:
    """Counts by kind, organisation, year, genre, validity and category of a queryset."""

    def count(field):
        return list(qs.values(field).annotate(n=Count("pk")).order_by("-n", field))

    orgs = qs.exclude(org_id=None).values("org_id").annotate(n=Count("pk")).order_by("-n", "org_id")
    labels = {}
    if orgs:
        from gongkai.orgs.models import Organisation

        ids = [r["org_id"] for r in orgs]
        labels = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    years = sorted(
        ((r["year"], r["n"]) for r in count("year")), key=lambda t: t[0] or 0, reverse=True
    )
    return {
        "kind": [(r["kind"], registry.label(r["kind"]), r["n"]) for r in count("kind")],
        "organisation": [
            (r["org_id"], labels.get(r["org_id"], str(r["org_id"])), r["n"]) for r in orgs
        ],
        "year": [(y, year_facet_label(y), n) for y, n in years],
        "genre": [(r["genre"], r["genre"], r["n"]) for r in count("genre") if r["genre"]],
        "validity": [
            (r["validity"], VALIDITY_LABELS.get(r["validity"], r["validity"]), r["n"])
            for r in count("validity")
        ],
        "category": [
            (r["category"], r["category"], r["n"]) for r in count("category") if r["category"]
        ],
    }


class SimpleBackend(SearchBackend):
    name = "simple"
    label = "数据库子串匹配"
    cursor_in_node = True  # the Node row is the cursor itself, written with the table

    # -- the index (a table) --------------------------------------------------------------
    def lock(self, wait: float = 30.0):  # the database's own lock wait
        """A transaction whose first statement writes this node's row: one drain at a time
        (a row lock on PostgreSQL, the database's write lock on SQLite)."""
        return _node_lock(self.node_name(), self.name)

    def read_cursor(self):
        row = Node.objects.filter(name=self.node_name()).first()
        if row is None or row.backend == "new":
            return None
        return follow.Cursor(row.position, list(row.applied or []))

    def apply(self, docs, keys: Iterable[str], cursor) -> None:
        with transaction.atomic():
            keys = list(keys)
            by_kind: dict[str, list[int]] = {}
            for k in keys:
                kind, _, pk = k.rpartition(":")
                by_kind.setdefault(kind, []).append(int(pk))
            for kind, ids in by_kind.items():
                Document.objects.filter(kind=kind, obj_id__in=ids).delete()
            Document.objects.bulk_create([document_row(docs[k]) for k in keys if k in docs])
            _store(self.node_name(), self.name, cursor)

    def rebuild(self, docs, cursor=None) -> int:
        n = 0
        with transaction.atomic():
            Document.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(document_row(doc))
                if len(batch) >= 500:
                    Document.objects.bulk_create(batch)
                    n, batch = n + len(batch), []
            Document.objects.bulk_create(batch)
            n += len(batch)
            _store(self.node_name(), self.name, cursor or follow.Cursor())
        return n

    def status(self) -> dict:
        return {"backend": self.name, "documents": Document.objects.count()}

    # -- searching ------------------------------------------------------------------------
    def execute(self, plan: QueryPlan) -> RawResults:
        qs = _filtered(plan)
        match = Q()
        title_score = []
        for alts in plan.terms:
            any_alt = Q()
            in_title = Q()
            for word in alts:
                any_alt |= Q(body__contains=word)
                in_title |= Q(title_norm__contains=word)
            match &= any_alt
            title_score.append(Case(When(in_title, then=Value(SCORE_TITLE)), default=Value(0.0)))
        if plan.doc_key:
            match = match | Q(doc_key=plan.doc_key)
        qs = qs.filter(match)
        score = Value(SCORE_MATCH) + Case(
            When(validity="valid", then=Value(SCORE_VALID)), default=Value(0.0)
        )
        for s in title_score:
            score = score + s
        if plan.phrase:
            score = score + Case(
                When(body__contains=plan.phrase, then=Value(SCORE_PHRASE)), default=Value(0.0)
            )
        if plan.doc_key:
            score = score + Case(
                When(doc_key=plan.doc_key, then=Value(SCORE_DOCNUMBER)), default=Value(0.0)
            )
        total = qs.count()
        ordered = qs.annotate(score=score)
        if plan.sort == "newest":
            ordered = ordered.order_by(F("published").desc(nulls_last=True), "-pk")
        elif plan.sort == "oldest":
            ordered = ordered.order_by(F("published").asc(nulls_last=True), "pk")
        else:
            ordered = ordered.order_by("-score", F("published").desc(nulls_last=True), "-pk")
        hits = [
            RawHit(
                id=d.obj_id,
                score=float(d.score),
                title=d.title,
                text=d.text,
                org_label=d.org_label,
                doc_number=d.doc_number,
                validity=d.validity,
                published_at=d.published,
                url=d.url,
                kind=d.kind,
            )
            for d in ordered[plan.offset : plan.offset + plan.limit]
        ]
        return RawResults(total=total, hits=hits, facets=facets_of(qs) if total else {})

    def all_ids(self, plan: QueryPlan) -> set[str]:
        return {f"{k}:{pk}" for k, pk in _filtered_match(self, plan)}


def _filtered_match(backend, plan):
    qs = _filtered(plan)
    match = Q()
    for alts in plan.terms:
        any_alt = Q()
        for word in alts:
            any_alt |= Q(body__contains=word)
        match &= any_alt
    if plan.doc_key:
        match = match | Q(doc_key=plan.doc_key)
    return qs.filter(match).values_list("kind", "obj_id")


def _store(name: str, backend: str, cursor) -> None:
    Node.objects.update_or_create(
        name=name,
        defaults={
            "backend": backend,
            "position": cursor.position,
            "applied": sorted(cursor.applied),
        },
    )


class _node_lock:
    def __init__(self, name: str, backend: str):
        self.name, self.backend = name, backend
        self.atomic = transaction.atomic()

    def __enter__(self):
        from django.utils import timezone

        self.atomic.__enter__()
        if not Node.objects.filter(name=self.name).update(seen_at=timezone.now()):
            Node.objects.get_or_create(name=self.name, defaults={"backend": "new"})
            Node.objects.filter(name=self.name).update(seen_at=timezone.now())
        return self

    def __exit__(self, *exc):
        return self.atomic.__exit__(*exc)
