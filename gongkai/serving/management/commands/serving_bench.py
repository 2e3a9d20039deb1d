"""gongkai serving_bench [--workers N] [--seconds S] [--servers gunicorn,granian] [--no-write]

The serving benchmark on the data folder in use (no fill): the same measuring as
``gongkai bench portal``, whose section of docs/benchmarks.md it writes for the N it finds."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.rules import dates
from gongkai.serving import bench, bench_cmd, bench_report


class Command(BaseCommand):
    help = "Serving benchmark on the current data folder (gongkai bench portal fills one first)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seconds", type=int, default=5)
        parser.add_argument("--servers", default="gunicorn,granian")
        parser.add_argument("--no-write", action="store_true")
        parser.add_argument("--doc-file", help="default: docs/benchmarks.md of the repository")

    def handle(self, *args, workers, seconds, servers, no_write, doc_file, **opts):
        from django.db import connection

        from gongkai.catalog.models import Item

        started, load = dates.now(), os.getloadavg()
        results, visible, size = bench.run(
            str(settings.DATA_DIR), workers, seconds, tuple(servers.split(",")), self.stdout.write
        )
        n = Item.objects.public().count()
        text = bench_report.render_portal(
            results, visible, size, items=n, requested=n, database=connection.vendor,
            workers=workers, when=started, machine=bench_cmd.machine(), fill=None,
            load=(load, os.getloadavg()), seconds=seconds,
        )  # fmt: skip
        self.stdout.write(text)
        if not no_write:
            path = bench_cmd.doc_path(doc_file)
            bench_report.write_section(path, bench_report.key("portal", connection.vendor, n), text)
            self.stdout.write(f"written to {path}")
