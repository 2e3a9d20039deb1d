"""Filling a fresh database with N published items through the catalog's own actions.

``fill(n)`` loads the demo organisations and their legal catalog columns, then publishes ``n``
items through the catalog's bulk path ``catalog.actions.publish_many`` (actor
``SYSTEM("bench fill")``), ``BATCH`` of them per transaction. Every item goes through the workflow's rules: fields validated and
normalised, body sanitised, the index number taken from the (organisation, year) counter, a
version kept, "create" and "published" audit entries, ``item_published`` sent after the commit
(opendata, plans, gazette, responses and the page cache receive it) and a row in the search
change log.

Two things are batched, as a bulk import on a site nobody visits yet may do:

- the search index is not drained after every commit (one tantivy commit per item made the
  catalog benchmark's loader 175 ms per item); the change log keeps every row, and the index
  is built once at the end, as a new node builds its index and then follows the log;
- the page cache's invalidation is off while nothing is served (as ``gongkai demo`` does).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import time

from django.conf import settings
from django.db import transaction

BATCH = 1000
KINDS = ["document"] * 6 + ["normative", "policy", "news"]
VALIDITIES = ["valid"] * 8 + ["expired", "repealed"]
SECTIONS_SKIPPED = {"guide", "report"}  # columns whose pages are not item lists


@contextlib.contextmanager
def _bulk_import():
    """Search drains deferred to one at the end; page cache invalidation off."""
    from gongkai.search import indexing

    real = indexing.drain_quietly
    before = getattr(settings, "GONGKAI_PAGE_CACHE", None)
    indexing.drain_quietly = lambda: None
    settings.GONGKAI_PAGE_CACHE = False
    try:
        yield real
    finally:
        indexing.drain_quietly = real
        if before is None:
            del settings.GONGKAI_PAGE_CACHE
        else:
            settings.GONGKAI_PAGE_CACHE = before


def _setup():
    from gongkai.accounts import demo as accounts_demo
    from gongkai.catalog.models import CatalogEntry
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.core.demo import DemoContext
    from gongkai.orgs import demo as orgs_demo
    from gongkai.orgs.models import Organisation

    if not Organisation.objects.exists():
        ctx = DemoContext(stdout=io.StringIO())
        with transaction.atomic():
            orgs_demo.load(ctx)
            accounts_demo.load(ctx)
    orgs = list(Organisation.objects.filter(is_active=True).order_by("pk"))
    ensure_legal_structure_many(orgs)
    columns: dict[int, list[int]] = {}
    for org_id, entry_id in (
        CatalogEntry.objects.filter(section="statutory", is_active=True, parent__isnull=False)
        .order_by("pk")
        .values_list("organisation_id", "pk")
    ):
        columns.setdefault(org_id, []).append(entry_id)
    return [o for o in orgs if o.pk in columns], columns


def _fields(rnd: random.Random, org, i: int) -> dict:
    from gongkai.portal.bench import GENRES, THEMES, WORDS

    published = dt.datetime(2010, 1, 1) + dt.timedelta(minutes=rnd.randrange(16 * 365 * 24 * 60))
    published = published.replace(tzinfo=dt.UTC)
    word, other = rnd.sample(WORDS, 2)
    kind = rnd.choice(KINDS)
    genre = rnd.choice(GENRES)
    title = f"关于{org.short_name}{published.year}年{word}工作的{genre}（第{i}号）"
    paragraphs = [
        f"为做好{word}和{other}工作，根据有关规定，现将{published.year}年有关事项公开如下。",
        f"一、{word}工作由{org.name}负责组织实施，各有关单位按照职责分工做好配合。",
        f"二、{other}相关资金已按规定拨付，具体标准见附表，请各单位认真落实。",
        "三、本文件自印发之日起施行。",
    ]
    fields = {
        "title": title,
        "body": "".join(f"<p>{p}</p>" for p in paragraphs),
        "kind": kind,
        "theme": rnd.choice(THEMES),
        "genre": genre,
        "signed_on": (published - dt.timedelta(days=rnd.randrange(10))).date(),
        "published_at": published,
        "validity": rnd.choice(VALIDITIES) if kind in ("normative", "policy") else "valid",
    }
    if kind in ("normative", "policy"):
        fields["doc_number"] = f"{org.short_name[:2]}发〔{published.year}〕{i % 97 + 1}号"
    return fields


def fill(n: int, seed: int = 2017, out=print, start: int = 0, progress=None) -> dict:
    """Publish items ``start`` … ``n - 1`` (``start``: items already there, so an interrupted
    fill resumes); returns {"items", "filled", "seconds", "rate", "index_seconds", "batch"}.
    ``progress(done, seconds)`` is called after every committed batch."""
    from gongkai.catalog import actions
    from gongkai.catalog.models import Item
    from gongkai.core.actors import SYSTEM
    from gongkai.portal.maintenance import refresh_statistics
    from gongkai.search import indexing

    have = Item.objects.count()
    if have != start:
        raise RuntimeError(f"the database holds {have} items, not {start}: use a fresh folder")
    orgs, columns = _setup()
    rnd = random.Random(seed + start)
    actor = SYSTEM("bench fill")
    started = time.perf_counter()
    with _bulk_import():
        for offset in range(start, n, BATCH):
            rows = []
            for i in range(offset, min(n, offset + BATCH)):
                org = rnd.choice(orgs)
                row = _fields(rnd, org, i)
                row.update(organisation=org, entries=[rnd.choice(columns[org.pk])])
                rows.append(row)
            actions.publish_many(rows, actor=actor, reason="基准测试批量导入")
            done = min(n, offset + BATCH)
            took = time.perf_counter() - started
            if progress:
                progress(done, took)
            if done == n or done % (BATCH * 10) == 0:
                rate = (done - start) / took
                out(f"  {done} items published ({took:.0f} s, {rate:.1f} items/s)")
    seconds = time.perf_counter() - started
    # what the portal.statistics job (SQLite) and autovacuum (PostgreSQL) do after a bulk
    # import: without it SQLite counted a 1,300-item column by walking all 10^6 items (259 ms)
    t = time.perf_counter()
    out(f"  {refresh_statistics(force=True)} in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    indexing.rebuild()
    indexing.drain()
    index_seconds = time.perf_counter() - t
    out(f"  search index built in {index_seconds:.0f} s")
    filled = n - start
    return {"items": n, "filled": filled, "seconds": seconds, "batch": BATCH,
            "rate": filled / seconds if seconds else 0.0, "index_seconds": index_seconds}  # fmt: skip
