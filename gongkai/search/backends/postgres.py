"""The PostgreSQL backend, for deployments that run only PostgreSQL (no index files).

One table ``search_pgdoc`` holds, per public document of every registered kind (keyed by kind
and id), its normalised searchable text and the array of its distinct character unigrams and
bigrams under a GIN index (``tgrams``: the same for the title). A word is found by ``grams @>
ARRAY[its bigrams]`` (the index narrows the candidates) and confirmed by ``strpos(body, word) > 0``
(exact substring semantics, so recall equals a substring scan); one- and two-character words
need no confirmation. Ranking is the shared tier order: document number, title, words
together, valid, newer.

Speed (docs/search.md, "PostgreSQL: what Debian's 15 offers"): the exact total of a one-word
query of up to 5 characters without filters comes from gram counts kept in the same
transaction as the rows (``postgres_counts``: PostgreSQL 15.18 visits every heap page a GIN
bitmap names even when all-visible, so a count of 的 read 50 000 pages); a one-word page is
filled rank by rank from the newest rows (``postgres_rank``), so a common word reads a window
of 2 000 rows, not every match; substring tests (``strpos``, faster than ``LIKE`` here) stand
apart from the GIN condition, so no row's out-of-line gram array is read back; several words
are ranked in one pass (the total a window count beside the page); GIN without a pending list
(``fastupdate = off``).

Why not the alternatives: ``tsvector`` over a Chinese parser splits words (misses substrings)
and its ranking reads every match (0.4–0.8 s for common words at 200 000 items); ``pg_trgm``
cannot use its index for one- and two-character words, the most common Chinese queries;
``rum`` keeps positions in the index, but a tsvector keeps at most 256 positions per lexeme and
none beyond 16 383, so character phrases in long texts would be missed.
"""

from __future__ import annotations

from django.db import connection, transaction

from gongkai.rules import ngrams
from gongkai.search import follow, registry
from gongkai.search.backends import postgres_counts as counts
from gongkai.search.backends import postgres_rank as rank
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
from gongkai.search.backends.postgres_table import PostgresTable
from gongkai.search.documents import VALIDITY_LABELS


def _prefer_index(cur) -> None:
    """Use the GIN index even for grams in most rows. The planner then prefers a sequential
    scan, which unpacks every row's gram array (~0.8 s for 的 at 30 000 rows); the bitmap from
    the index is exact for @> and needs no recheck (~12 ms). Only for this transaction."""
    cur.execute("SET LOCAL enable_seqscan = off")


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


SMALL = 1000  # a one-word query with at most this many matches is ranked in one pass


class PostgresIndex(PostgresTable):
    # -- querying -------------------------------------------------------------------------
    def _where(self, plan: QueryPlan) -> tuple[str, list]:
        params: list = []
        parts = []
        # one GIN condition for every one-spelling word (one index read), one per word with
        # alias spellings; the substring tests stand apart, so no row's gram array is read
        single = sorted(
            {g for alts in plan.terms if len(alts) == 1 for g in rank.grams_for(alts[0])}
        )
        if single:
            parts.append("grams @> %s::text[]")
            params.append(single)
        for alts in plan.terms:
            if len(alts) > 1:
                parts.append(rank.indexed("grams", alts, params))
            if any(len(w) > 2 for w in alts):
                parts.append(rank.contains("body", alts, params))
        text = " AND ".join(parts) if parts else "TRUE"
        if plan.doc_key:
            text = f"(({text}) OR doc_key = %s)"
            params.append(plan.doc_key)
        clauses = [text, *self._filters(plan, params)]
        return " AND ".join(clauses), params

    def _filters(self, plan: QueryPlan, params: list) -> list[str]:
        clauses = []
        if plan.org_ids is not None:
            clauses.append("org_id = ANY(%s)")
            params.append(list(plan.org_ids))
        if plan.year:
            clauses.append("year = %s")
            params.append(plan.year)
        for name in ("genre", "validity", "kind", "category"):
            if getattr(plan, name):
                clauses.append(f"{name} = %s")
                params.append(getattr(plan, name))
        return clauses

    def _title_tier(self, plan: QueryPlan) -> tuple[str, list]:
        """The best tier (every word in the title, all words together, valid): its rows are
        the first of the ranking, in date order; for a common word the newest are found by
        walking the date index, without reading every match."""
        params: list = []
        parts = []
        for alts in plan.terms:
            ors = []
            for w in alts:
                params.append([w] if len(w) <= 2 else ngrams.bigrams(w))
                if len(w) <= 2:
                    ors.append("tgrams @> %s::text[]")
                else:
                    params.append(_like(w))
                    ors.append("(tgrams @> %s::text[] AND title_norm LIKE %s)")
            parts.append("(" + " OR ".join(ors) + ")")
        if plan.phrase:
            parts.append("body LIKE %s")
            params.append(_like(plan.phrase))
        parts.append("validity = 'valid'")
        parts += self._filters(plan, params)
        return " AND ".join(parts), params

    def _top_tier(self, cur, plan: QueryPlan):
        """The page's rows if it lies wholly in the best tier, else None."""
        if plan.sort != "relevance" or not plan.terms or plan.doc_key:
            return None
        need = plan.offset + plan.limit
        where, params = self._title_tier(plan)
        source, head = self.table, []
        if not plan.has_filters and need <= 200:
            # the newest valid rows, walked on the date index: if the best tier fills the page
            # among them, these are its newest rows (any other is older than all of them)
            source = (
                f"(SELECT * FROM {self.table} WHERE validity = 'valid' "
                f"ORDER BY published DESC NULLS LAST, obj_id DESC LIMIT %s) AS recent"
            )
            head = [max(2000, need * 50)]
        cur.execute(
            f"SELECT obj_id, 0, title, text, org_label, doc_number, validity, published, url, "
            f"kind FROM {source} WHERE {where} "
            f"ORDER BY published DESC NULLS LAST, obj_id DESC LIMIT %s",
            [*head, *params, need],
        )
        rows = cur.fetchall()
        if len(rows) < need:
            return None
        score = SCORE_MATCH + SCORE_TITLE * len(plan.terms) + SCORE_VALID / 4
        score += SCORE_PHRASE if plan.phrase else 0
        return [(r[0], score, *r[2:]) for r in rows[plan.offset :]]

    def _score(self, plan: QueryPlan) -> tuple[str, list]:
        params: list = []
        parts = [f"{SCORE_MATCH}"]
        for alts in plan.terms:
            cond = " OR ".join(["title_norm LIKE %s"] * len(alts))
            params += [_like(w) for w in alts]
            parts.append(f"(CASE WHEN {cond} THEN {SCORE_TITLE} ELSE 0 END)")
        if plan.phrase:
            parts.append(f"(CASE WHEN body LIKE %s THEN {SCORE_PHRASE} ELSE 0 END)")
            params.append(_like(plan.phrase))
        if plan.doc_key:
            parts.append(f"(CASE WHEN doc_key = %s THEN {SCORE_DOCNUMBER} ELSE 0 END)")
            params.append(plan.doc_key)
        parts.append(f"(CASE WHEN validity = 'valid' THEN {SCORE_VALID / 4} ELSE 0 END)")
        return " + ".join(parts), params

    def _count(self, cur, where: str, params: list) -> int:
        cur.execute(f"SELECT count(*) FROM {self.table} WHERE {where}", params)
        return cur.fetchone()[0]

    def _counted(self, cur, plan: QueryPlan) -> int | None:
        """The exact total of a one-word, one-spelling query of up to 5 characters without
        filters, from the gram counts (one key lookup); None for any other query."""
        if plan.has_filters or plan.doc_key or len(plan.terms) != 1 or len(plan.terms[0]) != 1:
            return None
        word = plan.terms[0][0]
        return counts.lookup(cur, self.table, word) if counts.countable(word) else None

    def _filter_sql(self, plan: QueryPlan) -> tuple[str, list]:
        params: list = []
        return " AND ".join(self._filters(plan, params)), params

    def run(self, plan: QueryPlan, facets: bool = True) -> RawResults:
        self.ensure()
        where, wparams = self._where(plan)
        score, sparams = self._score(plan)
        if plan.sort == "newest":
            order = "published DESC NULLS LAST, obj_id DESC"
        elif plan.sort == "oldest":
            order = "published ASC NULLS LAST, obj_id"
        else:
            order = "score DESC, published DESC NULLS LAST, obj_id DESC"
        with transaction.atomic(), connection.cursor() as cur:
            _prefer_index(cur)
            total, rows = self._counted(cur, plan), None
            if rank.applies(plan):
                # one word: the total first (gram counts, else one pass over the matches);
                # a common word's page is then filled rank by rank from the newest rows
                if total is None:
                    total = self._count(cur, where, wparams)
                if total > SMALL:
                    keys = rank.page(self, cur, plan, self._filter_sql(plan))
                    rows = rank.fetch(self, cur, keys[plan.offset :])
            top = None if rows is not None else self._top_tier(cur, plan)
            if rows is not None:
                pass
            elif top is not None:
                rows = top
                if total is None:
                    total = self._count(cur, where, wparams)
            else:
                # one pass over the matches: the total comes with the page (a window count),
                # the display text of only the page's rows is read
                cur.execute(
                    f"SELECT obj_id, {score} AS score, title, text, org_label, doc_number, "
                    f"validity, published, url, kind, count(*) OVER () FROM {self.table} "
                    f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                    sparams + wparams + [plan.limit, plan.offset],
                )
                rows = cur.fetchall()
                if rows:
                    total = rows[0][10]
                elif total is None:
                    total = self._count(cur, where, wparams)
            hits = []
            if rows:
                hits = [
                    RawHit(
                        id=r[0],
                        score=float(r[1]),
                        title=r[2],
                        text=r[3],
                        org_label=r[4],
                        doc_number=r[5],
                        validity=r[6],
                        published_at=r[7],
                        url=r[8],
                        kind=r[9],
                    )
                    for r in rows
                ]
            out = RawResults(total=total, hits=hits)
            if facets and total:
                cur.execute(
                    f"SELECT org_id, max(org_label), year, genre, validity, kind, category, "
                    f"count(*) FROM {self.table} WHERE {where} GROUP BY GROUPING SETS "
                    f"((org_id), (year), (genre), (validity), (kind), (category))",
                    wparams,
                )
                f = {
                    "kind": [],
                    "organisation": [],
                    "year": [],
                    "genre": [],
                    "validity": [],
                    "category": [],
                }
                for org_id, label, year, genre, validity, kind, category, n in cur.fetchall():
                    if kind is not None:
                        f["kind"].append((kind, registry.label(kind), n))
                    elif category is not None:
                        if category:
                            f["category"].append((category, category, n))
                    elif org_id is not None:
                        f["organisation"].append((org_id, label, n))
                    elif year is not None:
                        f["year"].append((year, year_facet_label(year), n))
                    elif genre is not None:
                        if genre:
                            f["genre"].append((genre, genre, n))
                    elif validity is not None:
                        f["validity"].append((validity, VALIDITY_LABELS.get(validity, validity), n))
                for key in ("kind", "organisation", "genre", "validity", "category"):
                    f[key].sort(key=lambda t: (-t[2], str(t[1])))
                f["year"].sort(reverse=True)
                out.facets = f
        return out

    def all_ids(self, plan: QueryPlan) -> set[str]:
        """Every matching document's key ("kind:id"), for measuring recall."""
        self.ensure()
        where, params = self._where(plan)
        with transaction.atomic(), connection.cursor() as cur:
            _prefer_index(cur)
            cur.execute(f"SELECT kind, obj_id FROM {self.table} WHERE {where}", params)
            return {f"{r[0]}:{r[1]}" for r in cur.fetchall()}

    def num_docs(self) -> int:
        self.ensure()
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {self.table}")
            return cur.fetchone()[0]


class PostgresBackend(SearchBackend):
    name = "postgres"
    label = "PostgreSQL 字词二元数组（GIN）"
    cursor_in_node = True  # the Node row db:postgres, written in the table's transaction

    def __init__(self):
        if connection.vendor != "postgresql":
            raise RuntimeError(
                "GONGKAI_SEARCH_BACKEND=postgres needs DATABASE_URL to point at PostgreSQL"
            )
        self.engine = PostgresIndex()

    def execute(self, plan: QueryPlan) -> RawResults:
        return self.engine.run(plan)

    def lock(self, wait: float = 30.0):  # the database's own lock wait
        from gongkai.search.backends.simple import _node_lock

        return _node_lock(self.node_name(), self.name)

    def read_cursor(self):
        from gongkai.search.models import Node

        if self.engine.ensure():
            Node.objects.filter(name=self.node_name()).update(backend="new")
        row = Node.objects.filter(name=self.node_name()).first()
        if row is None or row.backend == "new":
            return None
        return follow.Cursor(row.position, list(row.applied or []))

    def apply(self, docs, keys, cursor) -> None:
        from gongkai.search.backends.simple import _store

        with transaction.atomic():
            if keys:
                self.engine.update(docs, keys)
            _store(self.node_name(), self.name, cursor)

    def count(self, plan: QueryPlan) -> int:
        return self.engine.run(plan, facets=False).total

    def rebuild(self, docs, cursor=None) -> int:
        from gongkai.search.backends.simple import _store

        with transaction.atomic():
            n = self.engine.rebuild(docs)
            _store(self.node_name(), self.name, cursor or follow.Cursor())
        return n

    def status(self) -> dict:
        return {
            "backend": self.name,
            "table": self.engine.table,
            "documents": self.engine.num_docs(),
            "size_bytes": self.engine.size_bytes(),
        }
