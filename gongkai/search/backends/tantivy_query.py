"""Querying the tantivy index (the reading half of ``TantivyIndex``; see ``tantivy``)."""

from __future__ import annotations

import datetime as dt
import json

import tantivy

from gongkai.rules.dates import today
from gongkai.search import registry
from gongkai.search.backends.base import (
    SCORE_DOCNUMBER,
    SCORE_MATCH,
    SCORE_PHRASE,
    SCORE_TITLE,
    QueryPlan,
    RawHit,
    RawResults,
    year_facet_label,
)
from gongkai.search.documents import VALIDITY_LABELS

Q = tantivy.Query
Occur = tantivy.Occur


def _unpack(s: str):
    head, _, text = s.partition("\x1e")
    title, org_label, doc_number, validity, ts, url, kind = head.split("\x1f")
    published = dt.datetime.fromtimestamp(float(ts), tz=dt.UTC) if ts else None
    return title, org_label, doc_number, validity, published, url, kind, text


class TantivyQueries:
    """Finding, ranking, counting and faceting; needs ``schema``, ``searcher()``, ``root``,
    ``_read_pointer()`` and ``_memo`` from the index."""

    # -- querying -------------------------------------------------------------------------
    def _token(self, word: str, field: str) -> tuple[str, str] | None:
        """(field, token) when the word is a single indexed gram of that field."""
        if len(word) == 1:
            return f"{field}_uni", word
        if len(word) == 2:
            return f"{field}_bi", word
        if field == "body" and len(word) == 3:
            return "body_tri", word
        if field == "body" and len(word) == 4:
            return "body_quad", word
        if field == "body" and len(word) == 5:
            return "body_pent", word
        return None

    def _word(self, word: str, field: str) -> tantivy.Query:
        single = self._token(word, field)
        if single is not None:
            name, token = single
            option = "position" if name == "title_bi" else "basic"
            return Q.term_query(self.schema, name, token, index_option=option)
        if field == "body":
            # 5-grams at offsets 0, 5, 10 ... and the last one tile the word: the texts that
            # hold them at those distances are exactly the texts containing the word.
            size, name = 5, "body_pent"
        else:
            # titles keep bigram positions: offsets 0, 2, 4 ... and the last one
            size, name = 2, f"{field}_bi"
        last = len(word) - size
        offsets = sorted({*range(0, last + 1, size), last})
        return Q.phrase_query(self.schema, name, [(k, word[k : k + size]) for k in offsets])

    def _any(self, words: list[str], fields=("body",)) -> tantivy.Query:
        parts = [self._word(w, f) for w in words for f in fields]
        if len(parts) == 1:
            return parts[0]
        return Q.boolean_query([(Occur.Should, p) for p in parts])

    def _filters(self, plan: QueryPlan) -> list[tantivy.Query]:
        out = []
        if plan.org_ids is not None:
            out.append(Q.term_set_query(self.schema, "org_id", list(plan.org_ids) or [0]))
        if plan.year:
            out.append(Q.term_query(self.schema, "year", plan.year))
        for name in ("genre", "validity", "kind", "category"):
            value = getattr(plan, name)
            if value:
                out.append(Q.term_query(self.schema, name, value))
        return out

    def _match_query(self, plan: QueryPlan) -> tantivy.Query:
        """What must match (words or document number, and the filters), unscored."""
        parts = []
        if plan.terms:
            words = [self._any(alts) for alts in plan.terms]
            text = (
                words[0] if len(words) == 1 else Q.boolean_query([(Occur.Must, w) for w in words])
            )
            if plan.doc_key:
                number = Q.term_query(self.schema, "doc_key", plan.doc_key)
                text = Q.boolean_query([(Occur.Should, text), (Occur.Should, number)])
            parts.append(text)
        else:
            parts.append(Q.all_query())
        parts += self._filters(plan)
        return parts[0] if len(parts) == 1 else Q.boolean_query([(Occur.Must, p) for p in parts])

    def build_query(self, plan: QueryPlan) -> tantivy.Query:
        must: list[tantivy.Query] = []
        should: list[tantivy.Query] = []
        if plan.terms:
            words = [(Occur.Must, self._any(alts)) for alts in plan.terms]
            text = words[0][1] if len(words) == 1 else Q.boolean_query(words)
            text = Q.const_score_query(text, SCORE_MATCH)
            if plan.doc_key:
                by_number = Q.const_score_query(
                    Q.term_query(self.schema, "doc_key", plan.doc_key), SCORE_DOCNUMBER
                )
                text = Q.boolean_query([(Occur.Should, text), (Occur.Should, by_number)])
            must.append(text)
            for alts in plan.terms:
                should.append(Q.const_score_query(self._any(alts, ("title",)), SCORE_TITLE))
            if plan.phrase:
                should.append(Q.const_score_query(self._any([plan.phrase]), SCORE_PHRASE))
        else:
            must.append(Q.const_score_query(Q.all_query(), SCORE_MATCH))
        must += [Q.const_score_query(f, 0.0) for f in self._filters(plan)]
        if not should and len(must) == 1:
            return must[0]
        return Q.boolean_query(
            [(Occur.Must, m) for m in must] + [(Occur.Should, s) for s in should]
        )

    def has_deletes(self) -> bool:
        """Whether any segment holds deleted documents (then doc_freq overcounts)."""
        name = self._read_pointer()
        try:
            meta = json.loads((self.root / name / "meta.json").read_text())
        except (OSError, TypeError, ValueError):
            return True
        return any(seg.get("deletes") for seg in meta.get("segments", []))

    def _fast_total(self, searcher, plan: QueryPlan) -> int | None:
        """The count of a one-gram query from the term dictionary (no posting is read)."""
        if len(plan.terms) != 1 or len(plan.terms[0]) != 1 or plan.doc_key or plan.has_filters:
            return None
        single = self._token(plan.terms[0][0], "body")
        if single is None or self.has_deletes():
            return None
        return searcher.doc_freq(*single)

    def _title_tier(self, plan: QueryPlan) -> tantivy.Query:
        """The best tier: every word in the title (and all words together), valid."""
        parts = [self._any(alts, ("title",)) for alts in plan.terms]
        if plan.phrase:
            parts.append(self._any([plan.phrase]))
        parts.append(Q.term_query(self.schema, "validity", "valid"))
        parts += self._filters(plan)
        return Q.boolean_query([(Occur.Must, p) for p in parts])

    def _top_of_title_tier(self, searcher, plan: QueryPlan):
        """The page, if it lies wholly in the best tier: that tier ordered by date (its order in
        the full ranking), read from the newest years first so that common words stop early."""
        need = plan.offset + plan.limit
        tier = self._title_tier(plan)
        this_year = today().year + 1
        for span in (1, 2, 4, 8, 16, None):
            query = tier
            if span is not None:
                years = list(range(this_year - span, this_year + 1))
                window = Q.term_set_query(self.schema, "year", years)
                query = Q.boolean_query([(Occur.Must, tier), (Occur.Must, window)])
            result = searcher.search(query, need, count=True, order_by_field="published")
            if result.count >= need:
                score = (SCORE_MATCH + SCORE_TITLE * len(plan.terms)) * 1.02
                if plan.phrase:
                    score += SCORE_PHRASE * 1.02
                return [(score, address) for _, address in result.hits[plan.offset :]]
        return None

    def _generation(self) -> tuple:
        """Changes with every commit: meta.json lists the segments and the commit's opstamp."""
        name = self._read_pointer()
        try:
            return (name, hash((self.root / name / "meta.json").read_bytes()))
        except (OSError, TypeError):
            return (name, None)

    def _memo_key(self, plan: QueryPlan) -> tuple:
        words = tuple(tuple(alts) for alts in plan.terms)
        filters = (plan.org_ids, plan.year, plan.genre, plan.validity, plan.kind, plan.category)
        return (self._generation(), words, plan.doc_key, plan.phrase, filters)

    def forget(self) -> None:
        """Drop remembered totals and facets (the benchmark times cold queries)."""
        self._memo.clear()

    def _remember(self, key, **values) -> None:
        entry = self._memo.setdefault(key, {})
        entry.update(values)
        self._memo.move_to_end(key)
        while len(self._memo) > 256:
            self._memo.popitem(last=False)

    def _count(self, searcher, query) -> int:
        return searcher.search(Q.const_score_query(query, 1.0), 1, count=True).count or 0

    def run(self, plan: QueryPlan, facets: bool = True) -> RawResults:
        searcher = self.searcher()
        query = self.build_query(plan)
        key = self._memo_key(plan)
        known = dict(self._memo.get(key, {}))
        total = known.get("total")
        if plan.sort in ("newest", "oldest"):
            result = searcher.search(
                query,
                plan.limit,
                count=total is None,
                order_by_field="published",
                offset=plan.offset,
                order=tantivy.Order.Desc if plan.sort == "newest" else tantivy.Order.Asc,
            )
            total, ranked = (total if total is not None else result.count or 0), result.hits
        else:
            if total is None:
                total = self._fast_total(searcher, plan)
            ranked = None
            if plan.terms and not plan.doc_key:
                ranked = self._top_of_title_tier(searcher, plan)
            if ranked is not None and total is None:
                total = self._count(searcher, self._match_query(plan))
            if ranked is None:
                result = searcher.search(
                    query,
                    plan.limit,
                    count=total is None,
                    offset=plan.offset,
                    weight_by_field="weight",
                )
                ranked = result.hits
                total = total if total is not None else (result.count or 0)
        self._remember(key, total=total)
        hits = []
        for key, address in ranked:
            doc = searcher.doc(address)
            title, org_label, doc_number, validity, published, url, kind, text = _unpack(
                bytes(doc.get_first("stored")).decode()
            )
            score = float(key) if isinstance(key, float) else 0.0
            hits.append(
                RawHit(
                    id=doc.get_first("id"),
                    score=score,
                    title=title,
                    text=text,
                    org_label=org_label,
                    doc_number=doc_number,
                    validity=validity,
                    published_at=published,
                    url=url,
                    kind=kind,
                )
            )
        out = RawResults(total=total, hits=hits)
        if facets and out.total:
            if "facets" not in known:
                known["facets"] = self.facets(searcher, query)
                self._remember(key, facets=known["facets"])
            out.facets = {name: list(rows) for name, rows in known["facets"].items()}
        return out

    def all_ids(self, plan: QueryPlan) -> set[str]:
        """Every matching key "kind:id" (for measuring recall), read per kind from the fast
        field, not the store."""
        searcher = self.searcher()
        query = self.build_query(plan)
        kinds = searcher.aggregate(query, {"k": {"terms": {"field": "kind", "size": 1000}}})
        out: set[str] = set()
        for bucket in kinds.get("k", {}).get("buckets", []):
            kind, n = bucket["key"], bucket["doc_count"]
            one = Q.boolean_query(
                [(Occur.Must, query), (Occur.Must, Q.term_query(self.schema, "kind", kind))]
            )
            result = searcher.search(one, n, count=False, order_by_field="id")
            out |= {f"{kind}:{int(key)}" for key, _ in result.hits}
        return out

    def facets(self, searcher, query) -> dict[str, list[tuple]]:
        aggs = searcher.aggregate(
            query,
            {
                "organisation": {"terms": {"field": "org_id", "size": 200}},
                "year": {"terms": {"field": "year", "size": 100}},
                "genre": {"terms": {"field": "genre", "size": 50}},
                "validity": {"terms": {"field": "validity", "size": 10}},
                "kind": {"terms": {"field": "kind", "size": 100}},
                "category": {"terms": {"field": "category", "size": 20}},
            },
        )

        def buckets(name):
            return [(b["key"], b["doc_count"]) for b in aggs.get(name, {}).get("buckets", [])]

        years = sorted(((int(k), n) for k, n in buckets("year")), reverse=True)
        return {
            "organisation": [(int(k), "", n) for k, n in buckets("organisation")],
            "year": [(y, year_facet_label(y), n) for y, n in years],
            "genre": [(k, k, n) for k, n in buckets("genre") if k],
            "validity": [(k, VALIDITY_LABELS.get(k, k), n) for k, n in buckets("validity")],
            "kind": [(k, registry.label(k), n) for k, n in buckets("kind")],
            "category": [(k, k, n) for k, n in buckets("category") if k],
        }
