"""gongkai report annual --org CODE --year YYYY [--format json|docx|xlsx] [--out FILE]

Prints (or writes) the organisation's annual report for the year: the stored report when there
is one (its working copy), else the figures computed from today's data (nothing is saved).
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.orgs.models import Organisation
from gongkai.rules.annualreport import checks as C
from gongkai.rules.annualreport.text import draft_other_matters, draft_overview


class Command(BaseCommand):
    help = "Annual report (政府信息公开工作年度报告) tables and checks: report annual --org CODE --year YYYY"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        annual = sub.add_parser("annual", help="one organisation's annual report")
        annual.add_argument("--org", required=True, help="organisation code")
        annual.add_argument("--year", required=True, type=int)
        annual.add_argument("--format", choices=["json", "docx", "xlsx"], default="json")
        annual.add_argument("--out", help="write to this file (default: stdout for json)")

    def handle(self, *args, **opts):
        from gongkai.annualreport import render, services
        from gongkai.annualreport.models import AnnualReport

        org = Organisation.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"no organisation with code {opts['org']!r}")
        year = opts["year"]
        report = AnnualReport.objects.filter(organisation=org, year=year).first()
        if report is not None:
            figures, texts, title = report.figures, report.texts(), report.title
            checks = [c.as_json() for c in services.run_checks(report)]
        else:
            figures = services.own_figures(org, year)
            title = f"{org.name}{year}年政府信息公开工作年度报告"
            texts = {
                "一": draft_overview(org.name, year, figures),
                "五": "",
                "六": draft_other_matters(figures),
            }
            stub = AnnualReport(organisation=org, year=year)
            prev = services.previous(stub)
            checks = [
                c.as_json()
                for c in C.run(
                    figures,
                    texts,
                    prev.figures if prev else None,
                    prev.text if prev else None,
                    services.similarity_threshold(),
                )
            ]
        fmt = opts["format"]
        if fmt == "json":
            data = json.dumps(render.as_json(figures, checks), ensure_ascii=False, indent=2)
            if opts.get("out"):
                with open(opts["out"], "w", encoding="utf-8") as fh:
                    fh.write(data + "\n")
            else:
                self.stdout.write(data)
            return
        if not opts.get("out"):
            raise CommandError(f"--out FILE is required for --format {fmt}")
        data = (
            render.docx_bytes(title, figures, texts)
            if fmt == "docx"
            else render.xlsx_bytes(title, figures)
        )
        with open(opts["out"], "wb") as fh:
            fh.write(data)
        failing = [c["name"] for c in checks if not c["ok"]]
        msg = f"wrote {opts['out']} ({len(data)} bytes)"
        self.stdout.write(msg + (f"; failing checks: {', '.join(failing)}" if failing else ""))
        sys.stdout.flush()
