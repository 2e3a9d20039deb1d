"""``gongkai serve``: the production server (gunicorn; see docs/deployment.md for the choice)."""

from __future__ import annotations

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Apache "combined" plus the request duration in seconds (what nginx and log tools read).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s'


def default_workers() -> int:
    """2 x CPUs + 1 (gunicorn's advice for sync workers), at least 2; GONGKAI_WORKERS wins."""
    if os.environ.get("GONGKAI_WORKERS"):
        return max(1, int(os.environ["GONGKAI_WORKERS"]))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, 2 * (cpus or 1) + 1)


def default_threads() -> int:
    """Threads per worker (gunicorn's gthread worker when above 1); GONGKAI_THREADS wins."""
    return max(1, int(os.environ.get("GONGKAI_THREADS") or DEFAULT_THREADS))


# Sync workers by default: gthread (2 workers × 4 threads) measured no clear gain on this
# 2-core machine (portal +15–20 % requests/s within the noise; 200 concurrent submissions
# 24.6 s against 21.2 s; docs/deployment.md). The work is CPU-bound Python under one GIL.
DEFAULT_THREADS = 1
# Database connections are kept between requests (Django's CONN_MAX_AGE, seconds) unless the
# environment says otherwise: opening one per request cost 30–35 ms of a 60 ms item page on
# SQLite at 42,500 items (schema read, cold page cache; docs/benchmarks.md), a connection
# set-up on PostgreSQL.
DEFAULT_CONN_MAX_AGE = "60"


MAX_REQUESTS = 20_000


def gunicorn_argv(
    bind: str, workers: int, access_log: str, timeout: int, threads: int = 1
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.wsgi:application",
        "--config",
        "python:gongkai.serving.gunicorn_hooks",
        "--bind",
        bind,
        "--workers",
        str(workers),
        *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
        *(
            ["--access-logfile", access_log, "--access-logformat", ACCESS_LOG_FORMAT]
            if access_log
            else []
        ),
        "--error-logfile",
        "-",
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        "--keep-alive",
        "5",
        # A worker is replaced after 20,000-40,000 requests (a leak stays bounded). With a jitter
        # of 10 %, two workers sharing the load reached their limit within the same second and
        # both stopped accepting while they booted and warmed (a 1.04 s stall, measured).
        "--max-requests",
        str(MAX_REQUESTS),
        "--max-requests-jitter",
        str(MAX_REQUESTS),
        "--forwarded-allow-ips",
        os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--preload",
        "--no-control-socket",  # one fixed path per user would clash between instances
    ]


def granian_argv(
    bind: str, workers: int, access_log: str, timeout: int, threads: int = 1
) -> list[str]:
    host, _, port = bind.rpartition(":")
    argv = [
        shutil.which("granian") or os.path.join(os.path.dirname(sys.executable), "granian"),
        "--interface",
        "wsgi",
        "--host",
        host.strip("[]") or "127.0.0.1",
        "--port",
        port,
        "--workers",
        str(workers),
        *(["--blocking-threads", str(threads)] if threads > 1 else []),
        "--respawn-failed-workers",
        "--workers-kill-timeout",
        "30",
    ]
    if access_log:
        argv.append("--access-log")
    return [*argv, "gongkai.wsgi:application"]


class Command(BaseCommand):
    help = "Serve gongkai in production (gunicorn): workers, access log, graceful restart."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GONGKAI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None, help="default: 2 x CPUs + 1")
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help=f"threads per worker (gthread above 1; default {DEFAULT_THREADS}, GONGKAI_THREADS)",
        )
        parser.add_argument(
            "--insecure",
            action="store_true",
            help="do not set GONGKAI_PRODUCTION=1 (plain HTTP; for local trials only)",
        )
        parser.add_argument(
            "--access-log", default="-", help="file for the access log ('-': stdout; '': none)"
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help="seconds before a worker is killed"
        )
        parser.add_argument(
            "--server",
            choices=["gunicorn", "granian"],
            default=os.environ.get("GONGKAI_SERVER", "gunicorn"),
            help="granian is kept for comparison (docs/benchmarks.md)",
        )
        parser.add_argument("--no-collectstatic", action="store_true")
        parser.add_argument("--print", action="store_true", help="print the command, do not run it")

    def handle(self, *args, bind, workers, insecure, access_log, timeout, server, **opts):
        env = dict(os.environ)
        env.setdefault("GONGKAI_DB_CONN_MAX_AGE", DEFAULT_CONN_MAX_AGE)
        if insecure:
            env.pop("GONGKAI_PRODUCTION", None)
            self.stderr.write(
                "warning: --insecure: not in production mode (no HTTPS enforcement, no secure"
                " cookies). For local trials only."
            )
        else:
            if not env.get("GONGKAI_ALLOWED_HOSTS") or "*" in env["GONGKAI_ALLOWED_HOSTS"]:
                raise CommandError(
                    "set GONGKAI_ALLOWED_HOSTS to the site's host names (or use --insecure for a"
                    " local trial)"
                )
            env["GONGKAI_PRODUCTION"] = "1"
        workers = workers or default_workers()
        make = gunicorn_argv if server == "gunicorn" else granian_argv
        threads = opts.get("threads") or default_threads()
        argv = make(bind, workers, access_log, timeout, threads)
        if opts["print"]:
            self.stdout.write(" ".join(argv))
            return
        if not opts["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        self._catch_up_search()
        self.stdout.write(
            f"serving on http://{bind}/ with {server}, {workers} workers"
            + (f" × {threads} threads" if threads > 1 else "")
            + f" ({'insecure trial' if insecure else 'production'}); SIGHUP reloads gracefully"
        )
        sys.stdout.flush()
        env.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
        env["GONGKAI_DATA_DIR"] = str(settings.DATA_DIR)
        os.execvpe(argv[0], argv, env)

    def _catch_up_search(self) -> None:
        """A new node builds its index, an existing one applies what it missed, before serving."""
        try:
            from gongkai.search import indexing

            applied = indexing.drain()
            if applied:
                self.stdout.write(f"search: {applied} change(s) applied before serving")
        except Exception as exc:  # the server must start; searches catch up on their own
            self.stderr.write(f"search: not caught up ({type(exc).__name__}: {exc})")
