"""gongkai serving_bench [--workers N] [--seconds S] [--servers gunicorn,granian] [--no-write]"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.rules import dates
from gongkai.serving import bench


class Command(BaseCommand):
    help = "Benchmark the portal through gongkai serve and nginx with wrk (docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seconds", type=int, default=5)
        parser.add_argument("--servers", default="gunicorn,granian")
        parser.add_argument("--no-write", action="store_true")

    def handle(self, *args, workers, seconds, servers, no_write, **opts):
        from django.db import connection

        from gongkai.catalog.models import Item

        started = dates.now()
        results, visible, size = bench.run(
            str(settings.DATA_DIR), workers, seconds, tuple(servers.split(",")), self.stdout.write
        )
        text = bench.render(
            results, visible, size, Item.objects.public().count(), connection.vendor, workers,
            started,
        )  # fmt: skip
        self.stdout.write(text)
        if not no_write:
            path = Path(settings.BASE_DIR).parent / "docs" / "benchmarks.md"
            bench.write_doc(text, path)
            self.stdout.write(f"written to {path}")
