"""Benchmarks of the application workflow: concurrent submissions and the clock.

Run on a throwaway database (a fresh demo data dir, or ``run.py``'s PostgreSQL): it stores real
applications. Figures go into docs/benchmarks.md under "Applications".
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections

from gongkai.orgs.models import Organisation
from gongkai.rules import clock as clockrule
from gongkai.rules import dates
from gongkai.rules.idcard import check_char
from gongkai.workcal.services import get_calendar


def concurrent_submissions(n: int = 200, workers: int = 20) -> dict:
    from . import actions
    from .models import Application

    org = Organisation.objects.filter(short_name="市民政局").first() or Organisation.objects.first()
    if org is None:
        raise RuntimeError("no organisation: load the demo first (gongkai demo --no-serve)")
    first17 = "11010519900101001"
    base = {
        "applicant_type": "natural",
        "id_type": "id_card",
        "id_number": first17 + check_char(first17),
        "phone": "13800000000",
        "description": "基准测试申请",
    }
    before = Application.objects.count()
    times: list[float] = []

    def one(i):
        t = time.perf_counter()
        try:
            app = actions.submit(org, {**base, "name": f"基准{i}"}, actor=AnonymousUser())
            times.append((time.perf_counter() - t) * 1000)
            return app.registration_no
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        numbers = list(pool.map(one, range(n)))
    wall = time.perf_counter() - started
    return {
        "n": n,
        "workers": workers,
        "stored": Application.objects.count() - before,
        "unique": len(set(numbers)),
        "wall_s": wall,
        "p50_ms": statistics.median(times),
        "max_ms": max(times),
        "per_s": n / wall,
    }


def clock_speed(rounds: int = 2000) -> dict:
    cal = get_calendar()
    start = dt.date(2026, 1, 5)
    t = time.perf_counter()
    for i in range(rounds):
        received = start + dt.timedelta(days=i % 340)
        clockrule.compute(
            clockrule.ClockInput(
                received=received,
                extension=i % 21,
                stops=(
                    clockrule.Stop(
                        received + dt.timedelta(days=3), received + dt.timedelta(days=10)
                    ),
                ),
            ),
            cal,
            as_of=received,
        )
    per = (time.perf_counter() - t) * 1000 / rounds
    return {"rounds": rounds, "ms_per_clock": per}


def section(sub: dict, clk: dict) -> str:
    db = connection.vendor
    return "\n".join(
        [
            f"### Applications on {db} ({dates.today().isoformat()}, {platform.machine()}, "
            f"{os.cpu_count()} CPU, Python {platform.python_version()})",
            "",
            "Written by `gongkai applications bench`.",
            "",
            "| figure | value |",
            "|---|---:|",
            f"| concurrent submissions (threads) | {sub['n']} ({sub['workers']}) |",
            f"| stored / unique registration numbers | {sub['stored']} / {sub['unique']} |",
            f"| wall time | {sub['wall_s']:.2f} s |",
            f"| submissions per second | {sub['per_s']:.1f} |",
            f"| one submission p50 / max | {sub['p50_ms']:.0f} / {sub['max_ms']:.0f} ms |",
            f"| one clock computation (20–40 working days, one stop) | {clk['ms_per_clock']:.2f} ms |",
            "",
        ]
    )


def write_doc(text: str, path: Path, vendor: str) -> None:
    marker = f"<!-- bench:applications:{vendor} -->"
    end = "<!-- /bench -->"
    block = f"{marker}\n{text}{end}"
    doc = path.read_text() if path.exists() else "# Benchmarks\n"
    if marker in doc:
        doc = re.compile(re.escape(marker) + r".*?" + re.escape(end), re.S).sub(
            lambda _: block, doc
        )
    else:
        if "## Applications" not in doc:
            doc = doc.rstrip() + "\n\n## Applications\n"
        doc = doc.rstrip() + "\n\n" + block + "\n"
    path.write_text(doc)
