from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core import jobs


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (cron: every 5 minutes): expiries, scheduled publishing, reminders."
        " Each job runs under a database lock: a job already running elsewhere is skipped."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="list the registered jobs")
        run = sub.add_parser("run", help="run every job (or the named ones)")
        run.add_argument("names", nargs="*")

    def handle(self, *args, action, names=(), **options):
        if action == "list":
            for job in jobs.all_jobs():
                self.stdout.write(f"{job.name:<32} {job.description}")
            return
        selected = jobs.all_jobs()
        if names:
            known = {j.name for j in selected}
            unknown = [n for n in names if n not in known]
            if unknown:
                raise CommandError(f"unknown job(s): {', '.join(unknown)}")
            selected = [j for j in selected if j.name in names]
        for job in selected:
            with jobs.job_lock(job.name) as held:
                if not held:
                    self.stdout.write(f"{job.name}: skipped (already running elsewhere)")
                    continue
                summary = job.fn(timezone.now())
            self.stdout.write(f"{job.name}: {summary}")
