"""The PostgreSQL search backend's table: its layout, rows, incremental updates and the bulk
rebuild (COPY, then the GIN indexes built once). Queries are in ``postgres``."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.db import connection, transaction

from gongkai.rules import ngrams
from gongkai.search.backends import postgres_counts as counts
from gongkai.search.registry import SearchDoc

COLUMNS = (
    "kind",
    "obj_id",
    "body",
    "title_norm",
    "grams",
    "tgrams",
    "doc_key",
    "org_id",
    "year",
    "genre",
    "validity",
    "category",
    "published",
    "title",
    "text",
    "org_label",
    "doc_number",
    "url",
)


def grams_of(norm: str) -> list[str]:
    chars = {c for c in norm if c != ngrams.SEP}
    pairs = {g for g in ngrams.bigrams(norm) if ngrams.SEP not in g}
    return sorted(chars | pairs)


def row(doc: SearchDoc) -> tuple:
    body = ngrams.normalise(
        "\n".join(x for x in (doc.title, doc.text, doc.org_names, doc.doc_number) if x)
    )
    return (
        doc.kind,
        doc.id,
        body,
        ngrams.normalise(doc.title),
        grams_of(body),
        grams_of(ngrams.normalise(doc.title)),
        doc.doc_key or None,
        doc.org_id or None,
        doc.year or None,
        doc.genre or "",
        doc.validity or "valid",
        doc.category or "",
        doc.published_at,
        doc.title,
        doc.text,
        doc.org_label,
        doc.doc_number,
        doc.url,
    )


_READY: set[tuple[str, str]] = set()  # (database, table) there in the current format


class PostgresTable:
    def __init__(self, table: str = "search_pgdoc"):
        self.table = table

    def ddl(self, table: str) -> list[str]:
        return [
            f"""CREATE TABLE IF NOT EXISTS {table} (
                kind text NOT NULL, obj_id bigint NOT NULL, body text NOT NULL,
                title_norm text NOT NULL, grams text[] NOT NULL, tgrams text[] NOT NULL, doc_key text, org_id bigint,
                year integer, genre text NOT NULL DEFAULT '',
                validity text NOT NULL DEFAULT 'valid', category text NOT NULL DEFAULT '',
                published timestamptz, title text NOT NULL, text text NOT NULL,
                org_label text NOT NULL DEFAULT '', doc_number text NOT NULL DEFAULT '',
                url text NOT NULL DEFAULT '', PRIMARY KEY (kind, obj_id))
                WITH (toast_tuple_target = 4080)""",
            # what every match reads (body for LIKE, title_norm for ranking) stays in the row,
            # uncompressed; the gram array (read only through its index) and the display text
            # (read for the 20 hits) move out of line, so a scan of matches touches few pages
            f"ALTER TABLE {table} ALTER grams SET STORAGE EXTERNAL, "
            f"ALTER text SET STORAGE EXTERNAL, ALTER body SET STORAGE MAIN",
            # fastupdate off: no pending list that every search would have to scan (a publish
            # writes its postings at once; a few ms more per document)
            f"CREATE INDEX IF NOT EXISTS {table}_grams ON {table} USING gin (grams) "
            f"WITH (fastupdate = off)",
            f"CREATE INDEX IF NOT EXISTS {table}_tgrams ON {table} USING gin (tgrams) "
            f"WITH (fastupdate = off)",
            f"CREATE INDEX IF NOT EXISTS {table}_doc_key ON {table} (doc_key)",
            f"CREATE INDEX IF NOT EXISTS {table}_published ON {table} (published)",
            f"CREATE INDEX IF NOT EXISTS {table}_recent ON {table} "
            f"(published DESC NULLS LAST, obj_id DESC)",
        ]

    def _key(self) -> tuple[str, str]:
        return (str(connection.settings_dict.get("NAME")), self.table)

    def ensure(self) -> bool:
        """Create the table if missing (or of the format before kinds); True if created.

        Once a table is known to be there in the current format, this process does not ask
        again: the three catalog queries cost 2–5 ms of every search (measured at 100,000
        items). A rebuild swaps a new table in under the same name, so the answer stays true;
        ``drop`` forgets it. Not remembered inside a transaction, which may still roll back."""
        if self._key() in _READY:
            return False
        created = self._ensure()
        if not connection.in_atomic_block:
            _READY.add(self._key())
        return created

    def _ensure(self) -> bool:
        with connection.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", [self.table])
            if cur.fetchone()[0] is not None:
                cur.execute(
                    "SELECT 1 FROM information_schema.columns "
                    "WHERE table_name = %s AND column_name = 'tgrams'",
                    [self.table],
                )
                found = cur.fetchone()
                cur.execute("SELECT to_regclass(%s)", [f"{self.table}_n"])
                if found and cur.fetchone()[0] is not None:
                    return False
                # the item-only format, or no gram counts yet: rebuild
                cur.execute(f"DROP TABLE {self.table}")
            for sql in self.ddl(self.table):
                cur.execute(sql)
            cur.execute(f"DROP TABLE IF EXISTS {self.table}_n")
            cur.execute(counts.ddl(self.table))
            return True

    def update(self, docs: dict[str, SearchDoc], keys: Iterable[str]) -> None:
        keys = list(keys)
        self.ensure()
        with transaction.atomic(), connection.cursor() as cur:
            pairs = [k.rpartition(":") for k in keys]
            cur.execute(
                f"DELETE FROM {self.table} WHERE (kind, obj_id) IN "
                f"(SELECT * FROM unnest(%s::text[], %s::bigint[])) RETURNING body",
                [[p[0] for p in pairs], [int(p[2]) for p in pairs]],
            )
            removed = [r[0] for r in cur.fetchall()]
            rows = [row(docs[k]) for k in keys if k in docs]
            delta = counts.tally(r[2] for r in rows)  # the gram counts: bodies added ...
            delta.subtract(counts.tally(removed))  # ... less those removed
            if rows:
                marks = ", ".join(["%s"] * len(COLUMNS))
                cur.executemany(
                    f"INSERT INTO {self.table} ({', '.join(COLUMNS)}) VALUES ({marks})", rows
                )
            counts.apply_delta(cur, self.table, delta)

    def rebuild(self, docs: Iterable[SearchDoc], progress=None) -> int:
        """Load everything into a new table with COPY, index it, then swap it in."""
        new = f"{self.table}_new"
        n = 0
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {new}")
            cur.execute(self.ddl(new)[0])
            cur.execute(self.ddl(new)[1])
            cur.execute(f"DROP TABLE IF EXISTS {new}_n")
            cur.execute(counts.ddl(new))
            tally = counts.Counter()
            docs = iter(docs)
            while True:
                # the documents may come from queries on this same connection: take a chunk
                # first, then COPY it (a connection cannot query in the middle of a COPY)
                chunk = [row(doc) for doc in itertools.islice(docs, 2000)]
                if not chunk:
                    break
                with cur.copy(f"COPY {new} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for r in chunk:
                        copy.write_row(r)
                tally.update(counts.tally(r[2] for r in chunk))
                before, n = n, n + len(chunk)
                if progress and n // 100_000 > before // 100_000:
                    progress(n // 100_000 * 100_000)
            counts.write_all(cur, new, tally)
            # the GIN indexes are built once over the loaded table: with room to sort their
            # entries in memory that takes seconds per 100 000 rows instead of minutes
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in self.ddl(new)[2:]:
                cur.execute(sql)
            cur.execute(f"DROP TABLE IF EXISTS {self.table}")
            cur.execute(f"DROP TABLE IF EXISTS {self.table}_n")
            cur.execute(f"ALTER TABLE {new} RENAME TO {self.table}")
            cur.execute(f"ALTER TABLE {new}_n RENAME TO {self.table}_n")
            for suffix in ("grams", "tgrams", "doc_key", "published", "recent"):
                cur.execute(f"ALTER INDEX {new}_{suffix} RENAME TO {self.table}_{suffix}")
            cur.execute(f"ANALYZE {self.table}")
            cur.execute(f"ANALYZE {self.table}_n")
        self.vacuum()
        return n

    def vacuum(self) -> None:
        """Mark the new table's pages all-visible (a count of one- and two-character words
        is then answered from the index alone); only possible outside a transaction."""
        if connection.in_atomic_block:
            return
        with connection.cursor() as cur:
            cur.execute(f"VACUUM (ANALYZE) {self.table}")

    def drop(self) -> None:
        _READY.discard(self._key())
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.table}")
            cur.execute(f"DROP TABLE IF EXISTS {self.table}_n")

    def size_bytes(self) -> int:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT coalesce(pg_total_relation_size(to_regclass(%s)), 0) "
                "+ coalesce(pg_total_relation_size(to_regclass(%s)), 0)",
                [self.table, f"{self.table}_n"],
            )
            return cur.fetchone()[0] or 0
