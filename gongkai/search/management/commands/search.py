"""gongkai search rebuild | status | process | nodes [--forget NAME] | query WORDS"""

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
            ("rebuild", "rebuild the whole index from every registered kind of document"),
            ("status", "backend, index folder, documents, changes not yet applied"),
            ("process", "apply the change log to this node's index (cron: `jobs run`)"),
        ]:
            p = sub.add_parser(name, help=text)
            p.add_argument(
                "--backend", choices=sorted(BACKENDS), help="default: the configured one"
            )
        p = sub.add_parser("nodes", help="the indexes following the change log, and where")
        p.add_argument("--forget", metavar="NAME", help="unregister a node that is gone")
        p = sub.add_parser("query", help="run a query and print the first page")
        p.add_argument("words", nargs="+")
        p.add_argument("--backend", choices=sorted(BACKENDS))
        p.add_argument("--page", type=int, default=1)

    def handle(self, *args, action, backend=None, **opts):
        if action == "nodes":
            return self.nodes(opts.get("forget"))
        engine = get_backend(backend)
        if action == "rebuild":
            started = time.perf_counter()
            n = indexing.rebuild(engine)
            self.stdout.write(
                f"{engine.name}: indexed {n} public document(s) in "
                f"{time.perf_counter() - started:.1f} s"
            )
        elif action == "status":
            for key, value in engine.status().items():
                self.stdout.write(f"{key}: {value}")
            self.stdout.write(f"node: {engine.node_name()}")
            self.stdout.write(f"queued: {indexing.queue_length(engine)}")
        elif action == "process":
            n = indexing.drain(engine)
            self.stdout.write(f"{engine.name}: {n} queued document(s) indexed")
        elif action == "query":
            try:
                res = engine.search(SearchRequest(q=" ".join(opts["words"]), page=opts["page"]))
            except SearchInputError as exc:
                raise CommandError(exc.message) from None
            self.stdout.write(f"{res.total} result(s) in {res.took_ms:.1f} ms")
            for hit in res.hits:
                self.stdout.write(f"{hit.key}\t{hit.score:.3f}\t{hit.title_html}")
            if res.suggestion:
                self.stdout.write(f"did you mean: {res.suggestion}")

    def nodes(self, forget: str | None) -> None:
        from gongkai.search import follow
        from gongkai.search.models import IndexQueue, Node

        if forget:
            if not follow.forget(forget):
                raise CommandError(f"no search node named {forget!r}")
            self.stdout.write(f"forgot {forget}")
            return
        last = IndexQueue.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.stdout.write(f"change log: {IndexQueue.objects.count()} row(s), last id {last}")
        for node in Node.objects.order_by("name"):
            self.stdout.write(
                f"{node.name}\t{node.backend}\tposition {node.position}"
                f"\t+{len(node.applied or [])}\tseen {node.seen_at:%Y-%m-%d %H:%M:%S}"
            )
