"""The embedded default: a tantivy index of character n-grams, 1 to 5 (no server).

Why: measured on this machine type at 200 000 documents, ranked top-20 of common words took
1–6 ms here against 94–242 ms for SQLite FTS5 over jieba words (which also misses substrings
jieba split differently) and 0.4–0.8 s for PostgreSQL tsvector (see docs/search.md).

Fields: ``*_uni``, ``*_bi``, ``body_tri``, ``body_quad`` and ``body_pent`` hold the 1- to
5-character grams, so a query of 1-5 characters is one term. ``body_pent`` and ``title_bi``
carry positions (token k = text[k:k+n]): a longer query is the phrase of the grams that tile
it and matches exactly the texts containing it. The body field also carries the
organisation's names and the document number, so they find the item too.

Scores are constant tiers (document number, title, words together, match; see ``base``),
multiplied by a per-item weight: x1.02 for valid items and up to x1.013 more for newer ones, so
valid comes before expired and newer before older inside a tier, never across tiers.

One writer at a time: tantivy allows one ``IndexWriter`` per index across all processes. Every
writer here first takes ``writer.lock`` (fcntl), so web workers and cron take turns; readers
never lock. The live index is the folder named in ``CURRENT``; a rebuild writes a new folder and
switches ``CURRENT`` atomically, and every process reopens when it sees the switch.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import tantivy

from gongkai.rules import ngrams
from gongkai.search.backends.base import (
    SCORE_DOCNUMBER,
    SCORE_MATCH,
    SCORE_PHRASE,
    SCORE_TITLE,
    QueryPlan,
    RawHit,
    RawResults,
    SearchBackend,
    year_facet_label,
)
from gongkai.search.documents import VALIDITY_LABELS, IndexDoc

SCHEMA_VERSION = "4"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SPAN_DAYS = 22_000.0  # to 2060
RECENCY_MAX = 0.0185  # a day moves a score by ~5 float32 steps
# The weight field w multiplies a score by log2(2 + w): valid items get w in [VALID_W, VALID_W +
# RECENCY_MAX] (x1.020 .. x1.033), others w in [0, RECENCY_MAX] (x1.000 .. x1.013). Tiers below
# the document-number tier are >= 4 apart and below ~100, so no factor lifts an item over a
# higher tier.
VALID_W = 2**1.02 - 2
Q = tantivy.Query
Occur = tantivy.Occur


class WriterBusy(RuntimeError):
    pass


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, fast=True)
    sb.add_text_field("key", tokenizer_name="raw")
    sb.add_text_field("title_bi", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("body_bi", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("title_uni", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("body_uni", tokenizer_name="whitespace", index_option="basic")
    # 3-, 4- and 5-character grams: the commonest query lengths become one term lookup (and a
    # count from the term dictionary). 5-grams carry positions (token k = text[k:k+5]): a
    # longer word is the phrase of the 5-grams that tile it, far rarer terms than bigrams, so
    # few candidates need a position check.
    sb.add_text_field("body_tri", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("body_quad", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("body_pent", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("doc_key", tokenizer_name="raw")
    sb.add_unsigned_field("org_id", indexed=True, fast=True)
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_text_field("genre", tokenizer_name="raw", fast=True)
    sb.add_text_field("validity", tokenizer_name="raw", fast=True)
    sb.add_text_field("kind", tokenizer_name="raw", fast=True)
    sb.add_integer_field("published", fast=True)
    sb.add_float_field("weight", fast=True)
    sb.add_bytes_field("stored", stored=True)
    return sb.build()


def recency(published: dt.datetime | None) -> float:
    if published is None:
        return 0.0
    if published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    days = (published - EPOCH).total_seconds() / 86400.0
    return max(0.0, min(RECENCY_MAX, RECENCY_MAX * days / SPAN_DAYS))


def weight(validity: str, published: dt.datetime | None) -> float:
    return recency(published) + (VALID_W if (validity or "valid") == "valid" else 0.0)


def _pack(doc: IndexDoc) -> str:
    """The stored part of a document, one string (cheaper than many stored fields)."""
    ts = doc.published_at.timestamp() if doc.published_at else ""
    head = "\x1f".join(
        [doc.title, doc.org_label, doc.doc_number, doc.validity, str(ts), doc.url]
    ).replace("\x1e", " ")
    return head + "\x1e" + doc.text


def _unpack(s: str):
    head, _, text = s.partition("\x1e")
    title, org_label, doc_number, validity, ts, url = head.split("\x1f")
    published = dt.datetime.fromtimestamp(float(ts), tz=dt.UTC) if ts else None
    return title, org_label, doc_number, validity, published, url, text


def make_document(doc: IndexDoc) -> tantivy.Document:
    t = ngrams.normalise(doc.title)
    # everything searchable in one field (title too), so matching reads one posting list
    b = ngrams.normalise(
        "\n".join(x for x in (doc.title, doc.text, doc.org_names, doc.doc_number) if x)
    )
    d = tantivy.Document()
    d.add_unsigned("id", doc.id)
    d.add_text("key", str(doc.id))
    d.add_text("title_bi", ngrams.bigram_string(t))
    d.add_text("body_bi", ngrams.bigram_string(b))
    d.add_text("title_uni", ngrams.unigram_string(t))
    d.add_text("body_uni", ngrams.unigram_string(b))
    d.add_text("body_tri", ngrams.gram_string(b, 3))
    d.add_text("body_quad", ngrams.gram_string(b, 4))
    d.add_text("body_pent", ngrams.gram_string(b, 5))
    if doc.doc_key:
        d.add_text("doc_key", doc.doc_key)
    d.add_unsigned("org_id", doc.org_id or 0)
    d.add_unsigned("year", doc.year)
    d.add_text("genre", doc.genre or "")
    d.add_text("validity", doc.validity or "valid")
    d.add_text("kind", doc.kind or "")
    d.add_integer("published", int(doc.published_at.timestamp()) if doc.published_at else 0)
    d.add_float("weight", weight(doc.validity, doc.published_at))
    d.add_bytes("stored", _pack(doc).encode())
    return d


class TantivyIndex:
    """A tantivy index in a folder; usable without Django (the benchmark uses it directly)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._current: str | None = None
        self._mutex = threading.Lock()
        self._held = threading.local()
        # totals and facets of recent queries, per index generation (next pages, other sorts)
        self._memo: collections.OrderedDict = collections.OrderedDict()

    # -- folders --------------------------------------------------------------------------
    @property
    def pointer(self) -> Path:
        return self.root / "CURRENT"

    def _read_pointer(self) -> str | None:
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        if not name.endswith(f"-v{SCHEMA_VERSION}"):
            return None  # an index of an older schema: needs a rebuild
        return name

    def exists(self) -> bool:
        name = self._read_pointer()
        return bool(name) and (self.root / name).is_dir()

    def _switch(self, name: str) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.pointer)
        for old in self.root.iterdir():
            if old.is_dir() and old.name.startswith("index-") and old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    def index(self) -> tantivy.Index:
        """The live index, reopened if another process switched to a rebuilt one."""
        with self._mutex:
            name = self._read_pointer()
            if name is None:
                self.root.mkdir(parents=True, exist_ok=True)
                with self.writer_lock():
                    name = self._read_pointer()
                    if name is None:
                        if self.pointer.exists():  # an index of an older schema was live
                            self.rebuild_marker.touch()
                        name = f"index-{time.time_ns()}-v{SCHEMA_VERSION}"
                        (self.root / name).mkdir()
                        tantivy.Index(self.schema, path=str(self.root / name))
                        self._switch(name)
            if name != self._current or self._index is None:
                self._index = tantivy.Index(self.schema, path=str(self.root / name))
                self._current = name
            return self._index

    def searcher(self) -> tantivy.Searcher:
        ix = self.index()
        ix.reload()
        return ix.searcher()

    # -- writing --------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self, timeout: float = 30.0):
        """Hold the one-writer lock of this index folder (all processes), waiting up to timeout.

        Re-entrant within a thread (the queue drain holds it around ``update``)."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "writer.lock", "a+") as fh:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WriterBusy("another process is writing the search index") from None
                    time.sleep(0.02)
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0
                fcntl.flock(fh, fcntl.LOCK_UN)

    def update(self, docs: dict[int, IndexDoc], ids: Iterable[int], timeout: float = 30.0) -> int:
        """Replace or drop the documents of ``ids`` in one commit; returns how many indexed."""
        ids = list(ids)
        if not ids:
            return 0
        ix = self.index()
        with self.writer_lock(timeout):
            writer = ix.writer(30_000_000, 1)
            for pk in ids:
                writer.delete_documents_by_term("key", str(pk))
                if pk in docs:
                    writer.add_document(make_document(docs[pk]))
            writer.commit()
            writer.wait_merging_threads()
        return sum(1 for pk in ids if pk in docs)

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        heap: int = 400_000_000,
        threads: int = 0,
        progress=None,
    ) -> int:
        """Index every document into a new folder, then switch to it."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"index-{time.time_ns()}-v{SCHEMA_VERSION}"
        path = self.root / name
        path.mkdir()
        ix = tantivy.Index(self.schema, path=str(path))
        writer = ix.writer(heap, threads or min(4, os.cpu_count() or 1))
        n = 0
        try:
            for doc in docs:
                writer.add_document(make_document(doc))
                n += 1
                if progress and n % 100_000 == 0:
                    progress(n)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        with self.writer_lock():
            self._switch(name)
            self.rebuild_marker.unlink(missing_ok=True)
        return n

    @property
    def rebuild_marker(self) -> Path:
        """Present while the live index was started empty in place of an older schema's."""
        return self.root / "REBUILD_NEEDED"

    def needs_rebuild(self) -> bool:
        if self.pointer.exists() and self._read_pointer() is None:
            return True
        return self.rebuild_marker.exists()

    def size_bytes(self) -> int:
        name = self._read_pointer()
        if not name:
            return 0
        return sum(p.stat().st_size for p in (self.root / name).rglob("*") if p.is_file())

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
        for name in ("genre", "validity", "kind"):
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
        this_year = dt.date.today().year + 1
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
        filters = (plan.org_ids, plan.year, plan.genre, plan.validity, plan.kind)
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
            title, org_label, doc_number, validity, published, url, text = _unpack(
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
                )
            )
        out = RawResults(total=total, hits=hits)
        if facets and out.total:
            if "facets" not in known:
                known["facets"] = self.facets(searcher, query)
                self._remember(key, facets=known["facets"])
            out.facets = {name: list(rows) for name, rows in known["facets"].items()}
        return out

    def all_ids(self, plan: QueryPlan) -> set[int]:
        """Every matching id (for measuring recall), read from the fast field, not the store."""
        searcher = self.searcher()
        query = self.build_query(plan)
        total = searcher.search(query, 1, count=True).count
        if not total:
            return set()
        result = searcher.search(query, total, count=False, order_by_field="id")
        return {int(key) for key, _ in result.hits}

    def facets(self, searcher, query) -> dict[str, list[tuple]]:
        aggs = searcher.aggregate(
            query,
            {
                "organisation": {"terms": {"field": "org_id", "size": 200}},
                "year": {"terms": {"field": "year", "size": 100}},
                "genre": {"terms": {"field": "genre", "size": 50}},
                "validity": {"terms": {"field": "validity", "size": 10}},
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
        }

    def num_docs(self) -> int:
        return self.searcher().num_docs


class TantivyBackend(SearchBackend):
    name = "tantivy"
    label = "tantivy 字词 n 元索引（内嵌）"

    def __init__(self):
        from gongkai.search.backends import search_dir

        self.engine = TantivyIndex(search_dir() / "tantivy")

    def execute(self, plan: QueryPlan) -> RawResults:
        raw = self.engine.run(plan)
        if raw.facets.get("organisation"):
            from gongkai.orgs.models import Organisation

            ids = [k for k, _, _ in raw.facets["organisation"]]
            names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
            raw.facets["organisation"] = [
                (k, names.get(k, str(k)), n) for k, _, n in raw.facets["organisation"]
            ]
        return raw

    def lock(self):
        return self.engine.writer_lock()

    def count(self, plan: QueryPlan) -> int:
        return self.engine.run(plan, facets=False).total

    def update(self, docs, ids) -> None:
        self.engine.update(docs, ids)

    def rebuild(self, docs) -> int:
        return self.engine.rebuild(docs)

    def needs_rebuild(self) -> bool:
        return self.engine.needs_rebuild()

    def status(self) -> dict:
        return {
            "backend": self.name,
            "needs_rebuild": self.engine.needs_rebuild(),
            "folder": str(self.engine.root),
            "exists": self.engine.exists(),
            "documents": self.engine.num_docs() if self.engine.exists() else 0,
            "size_bytes": self.engine.size_bytes(),
        }
