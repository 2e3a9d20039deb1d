from django.core.management.base import BaseCommand, CommandError

from gongkai.orgs.models import Organisation
from gongkai.orgs.services import find_city, resolve, resolve_units


class Command(BaseCommand):
    help = "Organisations: resolve a name as a plan writes it, or list a city's tree."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser(
            "resolve", help="find the organisation(s) a name or a responsibility parenthesis means"
        )
        p.add_argument("name")
        p.add_argument("--city", help="the city whose plans use the name (聊城市, 东营 ...)")
        p = sub.add_parser("tree", help="print a city's organisations")
        p.add_argument("city")

    def handle(self, *args, action, **o):
        if action == "resolve":
            city = self._city(o["city"]) if o.get("city") else None
            failed = 0
            for res in (
                resolve_units(o["name"], within=city)
                if "、" in o["name"]
                else [resolve(o["name"], city)]
            ):
                if res.found:
                    codes = ", ".join(f"{org.code} {org.name}" for org in res.organisations)
                    self.stdout.write(f"{res.name}\t{codes}")
                else:
                    failed += 1
                    hint = (
                        " (did you mean: " + ", ".join(res.suggestions) + ")"
                        if res.suggestions
                        else ""
                    )
                    self.stderr.write(f"{res.name}\tno organisation of that name{hint}")
            if failed:
                raise CommandError(f"{failed} name(s) not resolved")
        else:
            city = self._city(o["city"])
            self._print(city, 0)

    def _city(self, name):
        city = find_city(name)
        if city is None:
            raise CommandError(f"no city named {name!r}")
        return city

    def _print(self, org, depth):
        self.stdout.write(f"{'  ' * depth}{org.code} {org.name} ({org.short_name})")
        for child in Organisation.objects.filter(parent=org).order_by("sort_order", "code"):
            self._print(child, depth + 1)
