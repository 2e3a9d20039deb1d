import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.plans import actions, services
from gongkai.plans.models import Plan
from gongkai.rules.planparser import PlanParseError, parse_file


class Command(BaseCommand):
    help = "Plans (工作要点): parse, import, compare and roll over."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("parse", help="read a plan file and print its tasks and time rules")
        p.add_argument("file")
        p.add_argument("--json", action="store_true", help="print JSON (the default)")
        p.add_argument("--year", type=int, help="plan year when the file does not say")
        p = sub.add_parser("import", help="import a plan for an organisation and year")
        p.add_argument("file")
        p.add_argument("--org", required=True, help="organisation code or name (e.g. 聊城市)")
        p.add_argument("--year", type=int, required=True)
        p.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAME=TARGET",
            help="map an unresolved unit name to an organisation (code or name); remembered",
        )
        p = sub.add_parser("diff", help="compare two plans (files or imported plan ids)")
        p.add_argument("a")
        p.add_argument("b")
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("rollover", help="copy an imported plan to a new year")
        p.add_argument("plan", help="plan id, or ORG:YEAR (e.g. 聊城市:2017)")
        p.add_argument("--year", type=int, required=True)
        p = sub.add_parser("list", help="imported plans")

    def handle(self, *args, action, **o):
        getattr(self, "do_" + action)(**o)

    # -- parse --
    def do_parse(self, file, year=None, **o):
        plan = self._parse(file, year)
        self.stdout.write(json.dumps(plan.as_dict(), ensure_ascii=False, indent=2))

    def _parse(self, file, year=None):
        try:
            return parse_file(file, year=year)
        except PlanParseError as exc:
            raise CommandError(f"{file}: {exc}") from exc

    # -- import --
    def do_import(self, file, org, year, map=(), **o):
        organisation = services.find_org(org)
        if organisation is None:
            raise CommandError(f"no organisation {org!r} (give a code or a name such as 聊城市)")
        path = Path(file)
        data = path.read_bytes() if path.exists() else None
        if data is None:
            raise CommandError(f"{file}: no such file")
        parsed = self._parse(file, year)
        from gongkai.plans.previews import import_warnings

        for warning in import_warnings(parsed, organisation, year):  # told, not refused
            self.stderr.write(f"warning: {warning}")
        mappings = {}
        for m in map:
            name, sep, target = m.partition("=")
            if not sep:
                raise CommandError(f"--map {m!r}: expected NAME=TARGET")
            tgt = services.parse_mapping_target(target, organisation.root)
            if tgt is None:
                raise CommandError(
                    f"--map {m!r}: no organisation {target!r} in {organisation.root.name}"
                )
            mappings[name.strip()] = tgt
        try:
            plan, created = actions.import_plan(
                parsed,
                organisation=organisation,
                year=year,
                mappings=mappings,
                source_name=path.name,
                source_sha256=services.sha256(data),
                actor=SYSTEM("plan import"),
            )
        except Invalid as exc:
            unresolved = getattr(exc, "unresolved", {})
            for name, res in unresolved.items():
                hint = f" (did you mean: {', '.join(res.suggestions)})" if res.suggestions else ""
                self.stderr.write(f"unresolved: {name}{hint}")
            if unresolved:
                self.stderr.write("map them with --map NAME=ORGANISATION and import again")
                raise CommandError(
                    f"{len(unresolved)} unit name(s) resolve to no organisation: "
                    + ", ".join(unresolved)
                ) from exc
            raise CommandError(str(exc)) from exc
        if not created:
            self.stdout.write(
                f"unchanged: plan {plan.pk} {plan.title} already imported from this file"
            )
            return
        obs = sum(t.obligations.count() for t in plan.tasks.all())
        self.stdout.write(
            f"imported plan {plan.pk}: {plan.title} ({plan.year}), "
            f"{plan.tasks.count()} tasks, {obs} time rules"
        )

    # -- diff --
    def _load(self, ref):
        if Path(ref).exists():
            parsed = self._parse(ref)
            from gongkai.orgs.services import find_city

            return parsed.as_dict(), find_city(parsed.city_name) if parsed.city_name else None
        plan = self._plan(ref)
        return services.plan_as_dict(plan), plan.organisation.root

    def _plan(self, ref):
        if ref.isdigit():
            plan = Plan.objects.filter(pk=int(ref)).first()
        else:
            org, _, year = ref.rpartition(":")
            organisation = services.find_org(org)
            plan = (
                Plan.objects.filter(organisation=organisation, year=int(year)).first()
                if organisation and year.isdigit()
                else None
            )
        if plan is None:
            raise CommandError(f"no such file or imported plan: {ref!r}")
        return plan

    def do_diff(self, a, b, json=False, **o):
        import json as _json

        (pa, ca), (pb, cb) = self._load(a), self._load(b)
        diff = services.compare(pa, pb, ca, cb)
        if json:
            self.stdout.write(_json.dumps(diff.as_dict(), ensure_ascii=False, indent=2))
            return
        counts = diff.as_dict()["counts"]
        self.stdout.write(
            f"A: {pa.get('title')}  B: {pb.get('title')}\n"
            f"same {counts['same']}, changed {counts['changed']}, "
            f"only in A {counts['removed']}, only in B {counts['added']}"
        )
        for c in diff.changes:
            if c.status == "same":
                continue
            pa_ = "/".join(c.a["path"]) if c.a else "-"
            pb_ = "/".join(c.b["path"]) if c.b else "-"
            self.stdout.write(f"\n[{c.status}] A {pa_} | B {pb_}  {(c.b or c.a)['heading']}")
            for label, values in (
                ("units added", c.units_added),
                ("units removed", c.units_removed),
                ("rules added", c.rules_added),
                ("rules removed", c.rules_removed),
            ):
                if values:
                    self.stdout.write(f"  {label}: {', '.join(values)}")

    # -- rollover --
    def do_rollover(self, plan, year, **o):
        src = self._plan(plan)
        try:
            new = actions.rollover(src, year=year, actor=SYSTEM("plan rollover"))
        except Invalid as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"rolled over plan {src.pk} to plan {new.pk}: {new.title} ({new.year})")

    def do_list(self, **o):
        for p in Plan.objects.select_related("organisation"):
            self.stdout.write(
                f"{p.pk}\t{p.year}\t{p.organisation.name}\t{p.title}\t{p.tasks.count()} tasks"
            )
