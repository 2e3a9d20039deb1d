"""``gongkai bench portal`` and ``gongkai bench intake``: the sub-benchmarks of the serving area,
dispatched by the ``bench`` command (whose ``bench search`` is the search area's).

    nice -n 10 gongkai bench portal --items 100000 [--database sqlite|postgres] [--keep DIR]
    nice -n 10 gongkai bench intake --concurrent 200 [--database postgres|sqlite]

Each run uses a fresh database: a new data folder (SQLite) or a throwaway PostgreSQL server
(``gongkai.devtools.pgserver``), and runs itself again as a child process configured for it
(``--inner``). ``--keep DIR`` fills into DIR and keeps it (SQLite: the data folder; PostgreSQL:
also the server's data directory ``DIR/postgres``, started again by the next run); a later run
with the same DIR and ``--items`` resumes an interrupted fill or measures again without filling.
``--fill-only`` fills (or resumes) and stops before measuring. Figures go to docs/benchmarks.md, one marked
section per benchmark, N and database.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

CLEAN_ENV = ("DATABASE_URL", "DATABASE_REPLICA_URLS", "GONGKAI_SEARCH_DIR", "GONGKAI_PRODUCTION",
             "DJANGO_SETTINGS_MODULE", "GONGKAI_MEDIA_ROOT")  # fmt: skip


def add_arguments(parser) -> None:
    """The options of ``bench portal`` / ``bench intake`` (``--seed --keep --no-write
    --doc-file`` are shared with ``bench search``)."""
    parser.add_argument("--items", type=int, default=10_000, help="portal: items to publish")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=None,
                        help="portal: sqlite (default); intake: postgres (default)")  # fmt: skip
    parser.add_argument("--concurrent", type=int, default=200, help="intake: submissions")
    parser.add_argument("--workers", type=int, default=2, help="gongkai serve --workers")
    parser.add_argument("--seconds", type=int, default=5, help="portal: wrk seconds per figure")
    parser.add_argument("--servers", default="gunicorn", help="portal: gunicorn,granian")
    parser.add_argument("--fast", action="store_true",
                        help="portal: a smoke run (a Python client, 0.1 s per figure, no granian)")  # fmt: skip
    parser.add_argument("--fill-only", action="store_true",
                        help="portal: fill (or resume filling) the --keep folder, do not measure")  # fmt: skip
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)


def doc_path(doc_file: str | None) -> Path:
    return Path(doc_file) if doc_file else Path(settings.BASE_DIR).parent / "docs" / "benchmarks.md"


def handle(command, what: str, **opts) -> None:
    opts["database"] = opts.get("database") or ("postgres" if what == "intake" else "sqlite")
    if opts.get("inner"):
        (_inner_portal if what == "portal" else _inner_intake)(command, **opts)
    else:
        _outer(command, what, **opts)


def _argv(what: str, opts: dict, data_dir: str) -> list[str]:
    argv = [sys.executable, "-m", "gongkai.cli", "bench", what, "--inner",
            "--items", str(opts["items"]), "--database", opts["database"],
            "--concurrent", str(opts["concurrent"]), "--workers", str(opts["workers"]),
            "--seconds", str(opts["seconds"]), "--servers", opts["servers"],
            "--seed", str(opts.get("seed") or 2017), "--keep", data_dir,
            "--doc-file", str(doc_path(opts.get("doc_file")).resolve())]  # fmt: skip
    if opts.get("fast"):
        argv.append("--fast")
    if opts.get("no_write"):
        argv.append("--no-write")
    if opts.get("fill_only"):
        argv.append("--fill-only")
    return argv


def _outer(command, what: str, **opts) -> None:
    from django.core.management.base import CommandError

    from gongkai.devtools import pgserver

    keep = opts.get("keep")
    data_dir = keep or tempfile.mkdtemp(prefix=f"gongkai-bench-{what}-")
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env["GONGKAI_DATA_DIR"] = data_dir
    if what == "intake":
        env["DJANGO_SETTINGS_MODULE"] = "gongkai.serving.bench_settings"
    with contextlib.ExitStack() as stack:
        if opts["database"] == "postgres" and keep:  # the cluster lives in DIR, kept and reused
            url = stack.enter_context(pgserver.kept_postgres(Path(data_dir) / "postgres"))
            pgserver.ensure_database(url)
            env["DATABASE_URL"] = url
        elif opts["database"] == "postgres":
            url = stack.enter_context(pgserver.throwaway_postgres())
            pgserver.create_database(url)
            env["DATABASE_URL"] = url
        command.stdout.write(f"bench {what}: data folder {data_dir}, {opts['database']}")
        sys.stdout.flush()
        migrate = [sys.executable, "-m", "gongkai.cli", "manage", "migrate", "-v0"]
        code = subprocess.run(migrate, env=env).returncode
        code = code or subprocess.run(_argv(what, opts, data_dir), env=env).returncode
    if code:
        raise CommandError(f"bench {what} failed (exit status {code})")


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def machine() -> str:
    import platform

    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB memory"
    return f"{os.cpu_count()} CPUs{mem}, Python {platform.python_version()}"


def _inner_portal(command, *, items, keep, fast, workers, seconds, servers, **opts) -> None:
    from django.db import connection

    from gongkai.catalog.models import Item
    from gongkai.rules import dates

    from . import bench, bench_fill, bench_report

    out = command.stdout.write
    _migrate()
    fill_file = Path(keep) / "bench-fill.json"
    have = Item.objects.count()
    state = json.loads(fill_file.read_text()) if fill_file.exists() else {}
    if have < items:  # a fresh folder, or an interrupted fill: (re)start where it stopped
        out(f"filling items {have} … {items - 1} through catalog.actions.publish_many …")

        def progress(done, seconds):
            fill_file.write_text(json.dumps({"items": done, "partial": True, "filled": done - have,
                                             "seconds": seconds, "batch": bench_fill.BATCH}))  # fmt: skip

        fill = bench_fill.fill(items, seed=opts.get("seed") or 2017, out=out, start=have,
                               progress=progress)  # fmt: skip
        fill_file.write_text(json.dumps(fill))
        if opts.get("fill_only"):
            out(f"{items} items in {keep} ({fill['rate']:.0f} items/s): filled, not measured")
            return
    elif opts.get("fill_only"):
        out(f"{have} items already in {keep}: nothing to fill")
        return
    else:
        fill = state or None
        out(f"{have} items already in {keep}: measuring without filling")
    public = Item.objects.public().count()  # a kept folder also holds the items published by
    # earlier runs' publish → visible step
    server_list = ("gunicorn",) if fast else tuple(s for s in servers.split(",") if s)
    started = dates.now()
    load_before = os.getloadavg()
    results, visible, size = bench.run(keep, workers, seconds, server_list, out, fast=fast)
    text = bench_report.render_portal(
        results, visible, size,
        items=public, requested=items, database=connection.vendor,
        workers=workers, when=started, machine=machine(), fill=fill,
        load=(load_before, os.getloadavg()), seconds=seconds, fast=fast,
    )  # fmt: skip
    out(text)
    if not opts.get("no_write"):
        path = doc_path(opts.get("doc_file"))
        bench_report.write_section(path, bench_report.key("portal", connection.vendor, items), text)
        out(f"written to {path}")


def _inner_intake(command, *, concurrent, keep, workers, **opts) -> None:
    from django.db import connection

    from gongkai.rules import dates

    from . import bench, bench_fill, bench_intake, bench_report

    out = command.stdout.write
    _migrate()
    bench_fill._setup()
    org = bench_intake.target_org()
    started = dates.now()
    load_before = os.getloadavg()
    with bench.app_server(keep, workers, "gunicorn") as base:
        out(f"{concurrent} clients submitting to {base}/apply/ …")
        result = bench_intake.run(base, concurrent, org.pk)
    load = f"load average {load_before[0]:.1f} → {os.getloadavg()[0]:.1f}"
    text = bench_intake.render(
        result, database=connection.vendor, workers=workers, when=started,
        machine=f"{machine()}, {load}",
    )  # fmt: skip
    out(text)
    if not opts.get("no_write"):
        path = doc_path(opts.get("doc_file"))
        bench_report.write_section(
            path, bench_report.key("intake", connection.vendor, concurrent), text
        )
        out(f"written to {path}")
