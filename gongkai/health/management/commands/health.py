"""gongkai health check --org CODE [--city NAME] [--json] [--as-of DATE] [--save]
gongkai health crawl --base URL [--max-pages N] [--max-seconds S] [--json]
gongkai health links [--max-links N]

``check`` prints the vetoes that hold, the findings and the predictions of one organisation
(``--org``) or of every monitored organisation of a city (``--city``); ``--save`` stores the run
(history, work-order re-check). ``crawl`` walks a deployment's public site politely and prints
broken links and slow pages. ``links`` checks the links and attachments inside public items.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation
from gongkai.orgs.services import resolve
from gongkai.rules import dates


class Command(BaseCommand):
    help = "Site health: exact checks against the national website indicators; link crawler."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        c = sub.add_parser("check", help="vetoes, findings and predictions")
        c.add_argument("--org", help="organisation code")
        c.add_argument("--city", help="city name (every monitored organisation of it)")
        c.add_argument("--json", action="store_true")
        c.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
        c.add_argument("--save", action="store_true", help="store the run as history")
        w = sub.add_parser("crawl", help="broken links and slow pages of a site")
        w.add_argument("--base", required=True)
        w.add_argument("--max-pages", type=int, default=200)
        w.add_argument("--max-seconds", type=float, default=600.0)
        w.add_argument("--slow", type=float, default=5.0, help="seconds that make a page slow")
        w.add_argument("--json", action="store_true")
        lk = sub.add_parser("links", help="check links and attachments inside public items")
        lk.add_argument("--max-links", type=int, default=500)

    def handle(self, *args, **opts):
        return getattr(self, "_" + opts["sub"])(opts)

    # -- check ---------------------------------------------------------------------------
    def _check(self, opts):
        from gongkai.health.actions import recheck_work_orders, record_run
        from gongkai.health.queries import check_city, check_org

        as_of = dates.today()
        if opts.get("as_of"):
            try:
                as_of = dt.date.fromisoformat(opts["as_of"])
            except ValueError:
                raise CommandError(f"bad --as-of: {opts['as_of']!r} (YYYY-MM-DD)") from None
        city = None
        if opts.get("city"):
            found = resolve(opts["city"])
            if found.organisation is None:
                raise CommandError(f"no such city: {opts['city']}")
            city = found.organisation.root
        if opts.get("org"):
            org = Organisation.objects.filter(code=opts["org"]).first()
            if org is None:
                raise CommandError(f"no organisation with code {opts['org']}")
            if city is not None and not org.is_within(city):
                raise CommandError(f"{opts['org']} is not within {city.name}")
            results = [check_org(org, as_of)]
        elif city is not None:
            results = check_city(city, as_of)
        else:
            raise CommandError("give --org CODE or --city NAME")
        if opts.get("save"):
            actor = SYSTEM("health check command")
            for r in results:
                record_run(actor, r)
            recheck_work_orders(actor, results)
        if opts["json"]:
            out = [self._json(r) for r in results]
            data = out[0] if opts.get("org") else {"organisations": out}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for r in results:
            self._text(r)

    @staticmethod
    def _json(r) -> dict:
        from gongkai.health.scoring import scores_json

        res = r.result
        return {
            "organisation": r.organisation.code,
            "name": r.organisation.name,
            "as_of": res.as_of.isoformat(),
            "score": r.score,
            "vetoes": [v.rule for v in res.vetoes],
            "findings": [
                {
                    "rule": f.rule,
                    "object": f.object,
                    "since": f.as_dict()["since"],
                    "detail": f.detail,
                }
                for f in res.findings
            ],
            "predicted": [
                {
                    "rule": p.rule,
                    "object": p.object,
                    "due_on": p.due_on.isoformat(),
                    "act_by": p.act_by.isoformat(),
                    "detail": p.detail,
                }
                for p in res.predicted
            ],  # fmt: skip
            "scores_period": r.period.as_dict() if r.period else None,
            "scores": scores_json(r.scores),
        }

    def _text(self, r):
        res = r.result
        vetoes = ", ".join(v.rule for v in res.vetoes) or "none"
        self.stdout.write(
            f"{r.organisation.code} {r.organisation.name}: {res.light}, score {r.score}, "
            f"vetoes: {vetoes}, {len(res.findings)} finding(s), {len(res.predicted)} predicted"
        )
        for f in res.findings:
            since = f.since.isoformat() if f.since else "never"
            self.stdout.write(f"  {f.rule:<20} {since:<10} {f.object}")
        for p in res.predicted:
            self.stdout.write(f"  predicted {p.rule:<10} act by {p.act_by.isoformat()} {p.object}")
        for s in r.scores:
            pts = "n/a" if s.points is None else f"{s.points:g}/{s.max:g}"
            value = "n/a" if s.value is None else f"{s.value:g}"
            self.stdout.write(f"  score {s.indicator:<24} {value:>6} {pts}")
        for note in res.notes:
            self.stdout.write(f"  note: {note}")

    # -- crawl ---------------------------------------------------------------------------
    def _crawl(self, opts):
        from gongkai.health.crawler import Checker

        base = opts["base"]
        if not base.startswith(("http://", "https://")):
            raise CommandError("--base must be an http(s) URL")
        if opts["max_pages"] < 1:
            raise CommandError("--max-pages must be at least 1")
        report = Checker(slow_seconds=opts["slow"]).crawl(
            base, max_pages=opts["max_pages"], max_seconds=opts["max_seconds"]
        )
        if opts["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{report.pages} page(s) crawled, {report.checked} URL(s) checked, "
            f"{len(report.broken)} broken, {len(report.slow)} slow, {len(report.skipped)} skipped"
            + (", stopped at the time limit" if report.timed_out else "")
            + (f", {report.unvisited} page(s) left unvisited" if report.unvisited else "")
        )
        for res in report.broken:
            why = res.status or res.error
            self.stdout.write(f"  broken {res.url} ({why}) on {', '.join(res.found_on[:3])}")
        for res in report.slow:
            self.stdout.write(f"  slow   {res.url} ({res.seconds:.1f} s)")

    def _links(self, opts):
        from gongkai.catalog.models import Item
        from gongkai.health.links import check_items

        items = Item.objects.public().prefetch_related("attachments").order_by("-published_at")
        counts = check_items(items, actor=SYSTEM("health links"), max_links=opts["max_links"])
        self.stdout.write(f"{counts['links']} link(s) checked, {counts['broken']} broken")
