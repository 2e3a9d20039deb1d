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
never lock. A commit's segment merges finish behind that lock in a background thread, never in
the publishing request (``tantivy_writer``). The live index is the folder named in ``CURRENT``; a rebuild writes a new folder and
switches ``CURRENT`` atomically, and every process reopens when it sees the switch.
"""

from __future__ import annotations

import collections
import datetime as dt
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
    QueryPlan,
    RawResults,
    SearchBackend,
)
from gongkai.search.backends.tantivy_query import Q, TantivyQueries
from gongkai.search.backends.tantivy_writer import WriterBusy, WriterLock  # noqa: F401
from gongkai.search.follow import Cursor
from gongkai.search.registry import SearchDoc

SCHEMA_VERSION = "5"  # 5: documents of every registered kind, keyed by (kind, id)
CURSOR_KEY = "__cursor__"  # the document holding this index's position in the change log
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SPAN_DAYS = 22_000.0  # to 2060
RECENCY_MAX = 0.0185  # a day moves a score by ~5 float32 steps
# The weight field w multiplies a score by log2(2 + w): valid items get w in [VALID_W, VALID_W +
# RECENCY_MAX] (x1.020 .. x1.033), others w in [0, RECENCY_MAX] (x1.000 .. x1.013). Tiers below
# the document-number tier are >= 4 apart and below ~100, so no factor lifts an item over a
# higher tier.
VALID_W = 2**1.02 - 2


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
    sb.add_text_field("category", tokenizer_name="raw", fast=True)
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


def _pack(doc: SearchDoc) -> str:
    """The stored part of a document, one string (cheaper than many stored fields)."""
    ts = doc.published_at.timestamp() if doc.published_at else ""
    head = "\x1f".join(
        [doc.title, doc.org_label, doc.doc_number, doc.validity, str(ts), doc.url, doc.kind]
    ).replace("\x1e", " ")
    return head + "\x1e" + doc.text


def cursor_document(cursor: Cursor) -> tantivy.Document:
    """The index's position in the change log, committed with the documents it accounts for.
    It has no grams and kind ``__cursor__``, so no query or filter matches it."""
    d = tantivy.Document()
    d.add_unsigned("id", 0)
    d.add_text("key", CURSOR_KEY)
    d.add_text("kind", CURSOR_KEY)
    d.add_bytes("stored", json.dumps(cursor.to_json()).encode())
    return d


def make_document(doc: SearchDoc) -> tantivy.Document:
    t = ngrams.normalise(doc.title)
    # everything searchable in one field (title too), so matching reads one posting list
    b = ngrams.normalise(
        "\n".join(x for x in (doc.title, doc.text, doc.org_names, doc.doc_number) if x)
    )
    d = tantivy.Document()
    d.add_unsigned("id", doc.id)
    d.add_text("key", doc.key)
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
    d.add_text("kind", doc.kind or "item")
    d.add_text("category", doc.category or "")
    d.add_integer("published", int(doc.published_at.timestamp()) if doc.published_at else 0)
    d.add_float("weight", weight(doc.validity, doc.published_at))
    d.add_bytes("stored", _pack(doc).encode())
    return d


class TantivyIndex(TantivyQueries):
    """A tantivy index in a folder; usable without Django (the benchmark uses it directly)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._current: str | None = None
        self._mutex = threading.Lock()
        self.writer = WriterLock(self.root)
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
    def writer_lock(self, timeout: float = 30.0):
        return self.writer.hold(timeout)

    def update(
        self,
        docs: dict[str, SearchDoc],
        keys: Iterable[str],
        cursor: Cursor | None = None,
        timeout: float = 30.0,
    ) -> int:
        """Replace or drop the documents of ``keys`` ("kind:id") and store the cursor, in one
        commit; returns how many indexed."""
        keys = list(keys)
        if not keys and cursor is None:
            return 0
        ix = self.index()
        with self.writer_lock(timeout):
            self.writer.finish_pending()  # a second commit inside one lock
            writer = ix.writer(30_000_000, 1)
            for k in keys:
                writer.delete_documents_by_term("key", k)
                if k in docs:
                    writer.add_document(make_document(docs[k]))
            if cursor is not None:
                writer.delete_documents_by_term("key", CURSOR_KEY)
                writer.add_document(cursor_document(cursor))
            writer.commit()  # searchable now; merges it started run on (tantivy_writer)
            self.writer.hand_off(writer)
        return sum(1 for k in keys if k in docs)

    def read_cursor(self) -> Cursor | None:
        """The position stored in the live index; None for an index never built."""
        searcher = self.searcher()
        result = searcher.search(Q.term_query(self.schema, "key", CURSOR_KEY), 1)
        if not result.hits:
            return None
        doc = searcher.doc(result.hits[0][1])
        return Cursor.from_json(json.loads(bytes(doc.get_first("stored")).decode()))

    def rebuild(
        self,
        docs: Iterable[SearchDoc],
        heap: int = 400_000_000,
        threads: int = 0,
        progress=None,
        cursor: Cursor | None = None,
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
            if cursor is not None:
                writer.add_document(cursor_document(cursor))
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

    def num_docs(self) -> int:
        """Documents in the index (the cursor document left out)."""
        searcher = self.searcher()
        return searcher.num_docs - searcher.doc_freq("key", CURSOR_KEY)


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

    def node_name(self) -> str:
        """This node's index: GONGKAI_SEARCH_NODE, else host name and index folder."""
        import socket

        from django.conf import settings

        custom = getattr(settings, "GONGKAI_SEARCH_NODE", "")
        return custom or f"{socket.gethostname()}:{self.engine.root}"

    def lock(self, wait: float = 30.0):
        return self.engine.writer_lock(wait)

    def read_cursor(self):
        return self.engine.read_cursor()

    def count(self, plan: QueryPlan) -> int:
        return self.engine.run(plan, facets=False).total

    def apply(self, docs, keys, cursor) -> None:
        self.engine.update(docs, keys, cursor)

    def rebuild(self, docs, cursor=None) -> int:
        return self.engine.rebuild(docs, cursor=cursor)

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
