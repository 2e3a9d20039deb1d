"""gongkai portal bench --items N [--no-write]"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Portal tools. `portal bench --items N`: fill an empty database, time the public pages."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["bench"])
        parser.add_argument("--items", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--existing",
            action="store_true",
            help="time the pages on the database as it is (read-only; nothing is added)",
        )
        parser.add_argument(
            "--no-write", action="store_true", help="print only; leave docs/portal.md alone"
        )
        parser.add_argument("--doc-file", help="default: docs/portal.md of the repository")

    def handle(self, *args, what, items, seed, existing, no_write, doc_file, **opts):
        from gongkai.catalog.models import Item
        from gongkai.search import indexing
        from gongkai.search.bench import machine

        from ... import bench
        from ...maintenance import refresh_statistics

        if items < 1 or items > 5_000_000:
            raise CommandError("--items must be between 1 and 5000000")
        if existing:
            items = Item.objects.public().count()
            if not items:
                raise CommandError("no public items to time pages on")
        else:
            call_command("migrate", verbosity=0)
            if Item.objects.exists():
                raise CommandError(
                    "the database already holds items; run the benchmark on an empty data "
                    "folder, e.g. GONGKAI_DATA_DIR=/tmp/bench-portal gongkai portal bench, "
                    "or time the pages as they are with --existing"
                )
            self.stdout.write(f"filling the database with {items} items ...")
            bench.populate(items, seed, out=self.stdout.write)
            self.stdout.write("building the search index ...")
            indexing.rebuild()
            self.stdout.write(refresh_statistics())
        self.stdout.write("timing pages ...")
        rows = bench.measure(out=self.stdout.write)
        text = bench.render(items, rows, machine(), connection.vendor)
        self.stdout.write(text)
        if not no_write:
            path = (
                Path(doc_file)
                if doc_file
                else Path(settings.BASE_DIR).parent / "docs" / "portal.md"
            )
            bench.write_doc(text, path)
            self.stdout.write(f"written to {path}")
