"""gongkai catalog: the disclosure catalog from the console.

gongkai catalog init [--org CODE]                      legal structure for one/all organisations
gongkai catalog import FILE --org CODE [--user NAME]   import a standard-catalog table (.xlsx/.csv)
gongkai catalog export --org CODE [--format xlsx|csv] [--output PATH]
gongkai catalog tree --org CODE                        print the column tree with slugs
gongkai catalog publish-due / expire                   run the scheduled jobs once
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog import actions, services
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation


class Command(BaseCommand):
    help = "Disclosure catalog: init, import, export, tree, publish-due, expire."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        p = sub.add_parser("init", help="give organisations their legal catalog structure")
        p.add_argument("--org", help="organisation code (default: every organisation)")
        p = sub.add_parser("import", help="import a standard-catalog table (.xlsx or .csv)")
        p.add_argument("file")
        p.add_argument("--org", required=True, help="organisation code")
        p.add_argument(
            "--user", help="username recorded as the actor (needs 管理员 role); default: the system"
        )
        p = sub.add_parser("export", help="export an organisation's catalog")
        p.add_argument("--org", required=True)
        p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        p.add_argument("--output", help="file to write (default: catalog-<code>.<format>)")
        p = sub.add_parser("tree", help="print the column tree with slugs")
        p.add_argument("--org", required=True)
        p = sub.add_parser("bench", help="measure the workflow, guard and sanitiser (throwaway db)")
        p.add_argument("--items", type=int, default=300)
        p.add_argument("--threads", type=int, default=8)
        p.add_argument("--no-write", action="store_true", help="print only")
        p.add_argument("--doc-file", help="default: docs/catalog.md of the repository")
        sub.add_parser("publish-due", help="publish approved items whose time has come")
        sub.add_parser("expire", help="mark items whose expiry date has come as 失效")

    def _org(self, code):
        try:
            return Organisation.objects.get(code=code)
        except Organisation.DoesNotExist:
            raise CommandError(f"no organisation with code {code!r}") from None

    def handle(self, *args, op, **options):
        if op == "init":
            orgs = [self._org(options["org"])] if options.get("org") else Organisation.objects.all()
            n = 0
            for org in orgs:
                services.ensure_legal_structure(org)
                n += 1
            self.stdout.write(f"legal catalog structure ensured for {n} organisation(s)")
        elif op == "import":
            self._import(options)
        elif op == "export":
            org = self._org(options["org"])
            data = services.export_file(org, options["format"])
            path = options.get("output") or f"catalog-{org.code}.{options['format']}"
            with open(path, "wb") as fh:
                fh.write(data)
            self.stdout.write(f"wrote {path} ({len(data)} bytes)")
        elif op == "tree":
            org = self._org(options["org"])
            for entry, depth in services.tree(org, active_only=False):
                flag = "" if entry.is_active else " (inactive)"
                self.stdout.write(f"{'  ' * depth}{entry.name} [{entry.slug}]{flag}")
        elif op == "bench":
            self._bench(options)
        elif op == "publish-due":
            self.stdout.write(actions.publish_due())
        elif op == "expire":
            self.stdout.write(actions.expire_due())

    def _bench(self, options):
        from pathlib import Path

        from django.conf import settings
        from django.core.management import call_command

        from gongkai.catalog import bench

        call_command("migrate", interactive=False, verbosity=0)
        try:
            rows = bench.run(options["items"], options["threads"], out=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        if not options["no_write"]:
            path = (
                Path(options["doc_file"])
                if options.get("doc_file")
                else Path(settings.BASE_DIR).parent / "docs" / "catalog.md"
            )
            bench.write_doc(rows, path)
            self.stdout.write(f"figures written to {path}")

    def _import(self, options):
        from gongkai.accounts.models import User

        org = self._org(options["org"])
        if options.get("user"):
            try:
                actor = User.objects.get(username=options["user"])
            except User.DoesNotExist:
                raise CommandError(f"no user {options['user']!r}") from None
        else:
            actor = SYSTEM("catalog import")
        try:
            with open(options["file"], "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from None
        try:
            created, updated, errors = actions.import_entries(
                organisation=org, actor=actor, name=options["file"], data=data
            )
        except Forbidden as exc:
            raise CommandError(
                f"user {actor.username} may not administer {org.code}: {exc}"
            ) from None
        except Invalid as exc:
            raise CommandError(str(exc)) from None
        for number, reason in errors:
            self.stderr.write(f"row {number}: {reason}")
        self.stdout.write(f"created {created}, updated {updated}, rejected {len(errors)} row(s)")
        if errors and not (created or updated):
            raise CommandError("no row imported")
