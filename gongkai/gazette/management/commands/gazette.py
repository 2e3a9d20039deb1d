"""gongkai gazette: import the back catalogue, check the numbering, list what is not published.

gongkai gazette import DIR-or-FILE --gazette CODE
gongkai gazette check --gazette CODE
gongkai gazette missing --gazette CODE [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Organisation
from gongkai.rules import dates


class Command(BaseCommand):
    help = "Government gazette: import issues, check numbering, list policies not yet published"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="import whole-issue PDFs/.docx/.txt from a folder or file"
        )
        imp.add_argument("path")
        imp.add_argument("--gazette", required=True, help="organisation code of the government")
        imp.add_argument("--name", default="", help="gazette name when it is created")
        chk = sub.add_parser("check", help="report missing or duplicated issue numbers")
        chk.add_argument("--gazette", required=True)
        mis = sub.add_parser(
            "missing", help="policies published in the catalog but not in any issue"
        )
        mis.add_argument("--gazette", required=True)
        mis.add_argument("--as-of", default="")

    def _org(self, code):
        org = Organisation.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"no organisation with code {code!r}")
        return org

    def handle(self, *args, action, **opts):
        try:
            return getattr(self, f"_{action}")(**opts)
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc

    def _import(self, path, gazette, name="", **_):
        from gongkai.gazette import actions
        from gongkai.gazette.importing import import_path

        org = self._org(gazette)
        target = Path(path)
        if not target.exists():
            raise CommandError(f"{path} does not exist")
        actor = SYSTEM("gazette import")
        paper = actions.ensure_gazette(actor, org, name=name)
        report = import_path(actor, paper, target, progress=self.stdout.write)
        self.stdout.write(report.summary())
        for file, reason in report.failed:
            self.stderr.write(f"failed: {file}: {reason}")

    def _check(self, gazette, **_):
        from gongkai.gazette.queries import numbering

        org = self._org(gazette)
        report = numbering(org)
        if report is None:
            raise CommandError(f"{org.name} has no gazette")
        if report.ok:
            self.stdout.write("numbering OK")
        for message in report.messages():
            self.stdout.write(message)

    def _missing(self, gazette, as_of="", **_):
        from gongkai.gazette.queries import missing_items, period_days

        org = self._org(gazette)
        try:
            day = dt.date.fromisoformat(as_of) if as_of else dates.today()
        except ValueError as exc:
            raise CommandError("--as-of must be YYYY-MM-DD") from exc
        items = missing_items(org, day)
        self.stdout.write(
            f"{len(items)} policies published more than {period_days()} days before {day} "
            "are not in any gazette issue"
        )
        for item in items:
            self.stdout.write(
                f"  {item.doc_number or '-'}  {item.title}  ({dates.zh_date(item.published_at)})"
            )
