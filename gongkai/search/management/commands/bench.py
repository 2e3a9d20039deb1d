"""gongkai bench search --docs N [--backend tantivy|postgres] [--no-write]

``bench portal`` and ``bench intake`` are the serving area's (gongkai.serving.bench_cmd)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.search import bench


class Command(BaseCommand):
    help = (
        "Benchmarks. `bench search --docs N`: index a synthetic corpus, time queries, recall;"
        " `bench portal --items N`, `bench intake --concurrent N`: serving (docs/benchmarks.md)."
    )

    def add_arguments(self, parser):
        from gongkai.serving import bench_cmd

        parser.add_argument("what", choices=["search", "portal", "intake"])
        parser.add_argument("--docs", type=int, default=100_000)
        parser.add_argument("--backend", default="tantivy", choices=["tantivy", "postgres"])
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--keep", help="index into this folder and keep it")
        parser.add_argument(
            "--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone"
        )
        parser.add_argument("--doc-file", help="default: docs/benchmarks.md of the repository")
        bench_cmd.add_arguments(parser)

    def handle(self, *args, what, docs, backend, seed, keep, no_write, doc_file, **opts):
        if what != "search":
            from gongkai.serving import bench_cmd

            return bench_cmd.handle(
                self, what, seed=seed, keep=keep, no_write=no_write, doc_file=doc_file, **opts
            )
        from django.db import connection

        if backend == "postgres" and connection.vendor != "postgresql":
            raise CommandError(
                "bench search --backend postgres needs DATABASE_URL on a PostgreSQL server; "
                "`python -m gongkai.search.pgbench --docs N` starts a throwaway one"
            )
        result = bench.run(docs, backend, seed, out=self.stdout.write, keep=keep)
        text = bench.summary(result)
        self.stdout.write(text)
        if not no_write:
            path = (
                Path(doc_file)
                if doc_file
                else Path(settings.BASE_DIR).parent / "docs" / "benchmarks.md"
            )
            bench.write_doc(result, path)
            self.stdout.write(f"written to {path}")
