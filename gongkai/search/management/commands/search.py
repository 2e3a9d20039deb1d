"""gongkai search rebuild | status | process | query WORDS"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from gongkai.search import indexing
from gongkai.search.backends import BACKENDS, get_backend
from gongkai.search.query import SearchInputError, SearchRequest


class Command(BaseCommand):
    help = "Search index: rebuild it, show its status, index queued changes, try a query."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in [
            ("rebuild", "rebuild the whole index from the published catalog"),
            ("status", "backend, index folder, documents, queue length"),
            ("process", "index the items queued by changes (cron runs this via `jobs run`)"),
        ]:
            p = sub.add_parser(name, help=text)
            p.add_argument(
                "--backend", choices=sorted(BACKENDS), help="default: the configured one"
            )
        p = sub.add_parser("query", help="run a query and print the first page")
        p.add_argument("words", nargs="+")
        p.add_argument("--backend", choices=sorted(BACKENDS))
        p.add_argument("--page", type=int, default=1)

    def handle(self, *args, action, backend=None, **opts):
        engine = get_backend(backend)
        if action == "rebuild":
            started = time.perf_counter()
            n = indexing.rebuild(engine)
            self.stdout.write(
                f"{engine.name}: indexed {n} public item(s) in {time.perf_counter() - started:.1f} s"
            )
        elif action == "status":
            for key, value in engine.status().items():
                self.stdout.write(f"{key}: {value}")
            self.stdout.write(f"queued: {indexing.queue_length()}")
        elif action == "process":
            n = indexing.drain(engine)
            self.stdout.write(f"{engine.name}: {n} queued item(s) indexed")
        elif action == "query":
            try:
                res = engine.search(SearchRequest(q=" ".join(opts["words"]), page=opts["page"]))
            except SearchInputError as exc:
                raise CommandError(exc.message) from None
            self.stdout.write(f"{res.total} result(s) in {res.took_ms:.1f} ms")
            for hit in res.hits:
                self.stdout.write(f"{hit.item_id}\t{hit.score:.3f}\t{hit.title_html}")
            if res.suggestion:
                self.stdout.write(f"did you mean: {res.suggestion}")
