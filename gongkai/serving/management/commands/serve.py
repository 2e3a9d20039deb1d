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


def gunicorn_argv(bind: str, workers: int, access_log: str, timeout: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
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
        "--max-requests",
        "5000",
        "--max-requests-jitter",
        "500",
        "--forwarded-allow-ips",
        os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--preload",
        "--no-control-socket",  # one fixed path per user would clash between instances
    ]


def granian_argv(bind: str, workers: int, access_log: str, timeout: int) -> list[str]:
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
        argv = make(bind, workers, access_log, timeout)
        if opts["print"]:
            self.stdout.write(" ".join(argv))
            return
        if not opts["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        self._catch_up_search()
        self.stdout.write(
            f"serving on http://{bind}/ with {server}, {workers} workers"
            f" ({'insecure trial' if insecure else 'production'}); SIGHUP reloads gracefully"
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
