"""Exact document counts per character gram, kept beside the PostgreSQL search table.

A word found in most documents (的, 工作, 公开) has tens of thousands of matches; PostgreSQL 15
(15.18 measured) counts a GIN match by visiting every matching heap page, all-visible or not
(bitmap scans no longer skip them; GIN has no index-only scan), 0.3–0.7 s at 100 000 items.
So the table ``<table>_n`` holds, for every gram of 1 to ``MAX_GRAM`` characters of every
indexed body, the number of documents whose body contains it. It is written in the same
transaction as the rows (``apply_delta`` inside ``update``, a full count inside ``rebuild``), so it is exact whenever the rows are: a one-word query without
filters reads its total with one primary-key lookup.

Grams touching the whitespace sentinel are left out (no query contains it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gongkai.rules import ngrams

MAX_GRAM = 5  # words of up to 5 characters are counted; longer ones are confirmed row by row


def grams_upto(norm: str, longest: int = MAX_GRAM) -> set[str]:
    """Every distinct run of 1..longest characters without the sentinel."""
    out: set[str] = set()
    for part in norm.split(ngrams.SEP):
        size = len(part)
        for n in range(1, min(longest, size) + 1):
            out.update(part[i : i + n] for i in range(size - n + 1))
    return out


def ddl(table: str) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {table}_n (gram text PRIMARY KEY, n integer NOT NULL) "
        f"WITH (fillfactor = 90)"
    )


def tally(bodies: Iterable[str]) -> Counter:
    counts: Counter = Counter()
    for body in bodies:
        counts.update(grams_upto(body))
    return counts


def write_all(cur, table: str, counts: Counter) -> None:
    """Fill a freshly created count table (COPY)."""
    with cur.copy(f"COPY {table}_n (gram, n) FROM STDIN") as copy:
        for gram, n in counts.items():
            copy.write_row((gram, n))


def apply_delta(cur, table: str, delta: Counter) -> None:
    """Add ``delta`` (negative for removed documents); grams in sorted order, so two writers
    lock rows in the same order."""
    delta = {g: n for g, n in delta.items() if n}
    if not delta:
        return
    grams = sorted(delta)
    cur.execute(
        f"INSERT INTO {table}_n AS c (gram, n) "
        f"SELECT * FROM unnest(%s::text[], %s::int[]) "
        f"ON CONFLICT (gram) DO UPDATE SET n = c.n + EXCLUDED.n",
        [grams, [delta[g] for g in grams]],
    )
    cur.execute(f"DELETE FROM {table}_n WHERE gram = ANY(%s) AND n <= 0", [grams])


def lookup(cur, table: str, gram: str) -> int:
    cur.execute(f"SELECT n FROM {table}_n WHERE gram = %s", [gram])
    found = cur.fetchone()
    return found[0] if found else 0


def countable(word: str) -> bool:
    return 1 <= len(word) <= MAX_GRAM and ngrams.SEP not in word
