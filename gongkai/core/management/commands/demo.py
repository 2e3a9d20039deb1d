import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.core.demo import DemoContext, load_all
from gongkai.orgs.models import Organisation


class Command(BaseCommand):
    help = (
        "Start the demo portal: create the database, load the demo data, print the logins, serve."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="load the data and exit")
        parser.add_argument("--reset", action="store_true", help="delete the demo database first")

    def handle(self, *args, port, host, no_serve, reset, **options):
        db = settings.DATABASES["default"]
        if reset and db["ENGINE"].endswith("sqlite3"):
            path = str(db["NAME"])
            from django.db import connections

            connections.close_all()
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        self.stdout.write(f"data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        ctx = DemoContext(stdout=self.stdout)
        if Organisation.objects.exists():
            self.stdout.write("demo data already present (use --reset to start over)")
            from gongkai.accounts.demo import known_logins

            ctx.logins = known_logins()
        else:
            self.stdout.write("loading demo data ...")
            load_all(ctx)
        self.stdout.write("")
        self.stdout.write("staff logins (password for all: see column 4):")
        for city, role, username, password in ctx.logins:
            self.stdout.write(f"  {city:<6} {role:<14} {username:<24} {password}")
        applicants = ctx.shared.get("applicant_logins") or []
        if applicants:
            self.stdout.write("")
            self.stdout.write(
                "an applicant's status page (网上获取: the reply letter downloads there):"
            )
            for city, code, verifier in applicants:
                self.stdout.write(f"  {city:<6} 查询码 {code:<20} 验证码 {verifier}")
        self.stdout.write("")
        url = f"http://{host}:{port}/"
        self.stdout.write(f"portal:    {url}")
        self.stdout.write(f"workbench: {url}staff/")
        if no_serve:
            return
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
