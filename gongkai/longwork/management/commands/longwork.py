"""gongkai longwork worker [--batch] [--max-tasks N] [--interval S] | list [--active]

``worker`` runs the queue's worker (django-tasks-db's ``db_worker``) on this node: it takes the
queued jobs from the database (``GONGKAI_TASKS_BACKEND=database``) one at a time; SIGTERM lets
the running job finish first. ``list`` prints the latest jobs.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.longwork.models import Job


class Command(BaseCommand):
    help = "Long work started from /staff/work/: the queue worker, the list of jobs."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        w = sub.add_parser("worker", help="run the queue worker (GONGKAI_TASKS_BACKEND=database)")
        w.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        w.add_argument("--max-tasks", type=int, default=None, help="exit after N jobs")
        w.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        w.add_argument("--worker-id", default=None)
        ls = sub.add_parser("list", help="the latest jobs")
        ls.add_argument("--active", action="store_true", help="only queued and running jobs")

    def handle(self, *args, action, **opts):
        if action == "worker":
            return self.worker(opts)
        return self.list(opts)

    def worker(self, opts):
        from django_tasks import task_backends
        from django_tasks_db import DatabaseBackend

        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "the task backend is not the database one: set GONGKAI_TASKS_BACKEND=database"
                " (with 'immediate' every job runs inside the request that starts it)"
            )
        argv = ["--interval", str(opts["interval"]), "--queue-name", "default", "--no-reload"]
        if opts["batch"]:
            argv.append("--batch")
        if opts["max_tasks"]:
            argv += ["--max-tasks", str(opts["max_tasks"])]
        if opts["worker_id"]:
            argv += ["--worker-id", opts["worker_id"]]
        self.stdout.write("longwork: worker started (GONGKAI_TASKS_BACKEND=database)")
        self.stdout.flush()
        call_command("db_worker", *argv, verbosity=opts.get("verbosity", 1))

    def list(self, opts):
        qs = Job.objects.select_related("organisation").order_by("-created_at", "-pk")
        if opts["active"]:
            qs = qs.filter(state__in=Job.ACTIVE)
        for job in qs[:50]:
            progress = f"{job.done}/{job.total}" if job.total else str(job.done)
            self.stdout.write(
                f"{job.pk:>6} {job.kind:<22} {job.state:<8} {progress:>11} "
                f"{job.organisation.code} {job.actor_label}"
                + (f" [{job.worker}]" if job.active and job.worker else "")
            )
