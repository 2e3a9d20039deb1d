"""The catalog benchmark: how fast items go through the workflow, how fast the guard and the
sanitiser run, and (on PostgreSQL) publication from several threads at once.

    GONGKAI_DATA_DIR=/tmp/bench-catalog gongkai catalog bench --items 300

It refuses a database that already holds items (use a throwaway data folder). It loads the demo
organisations and staff, then measures; ``write_doc`` puts the table into docs/catalog.md.
"""

from __future__ import annotations

import platform
import re
import statistics
import threading
import time
from pathlib import Path

from django.db import connection, connections, transaction

from gongkai.rules import dates

START = "<!-- catalog-bench:start -->"
END = "<!-- catalog-bench:end -->"


def _ms(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return statistics.median(values) * 1000, p95 * 1000


def run(items: int = 300, threads: int = 8, out=print) -> list[tuple[str, str]]:
    import io

    from gongkai.accounts import demo as accounts_demo
    from gongkai.core.actors import SYSTEM
    from gongkai.core.demo import DemoContext
    from gongkai.orgs import demo as orgs_demo
    from gongkai.orgs.models import Organisation
    from gongkai.rules import privacy
    from gongkai.rules.idcard import check_char
    from gongkai.rules.sanitize import sanitize_html, text_to_html

    from . import actions, services
    from .models import Item

    if Item.objects.exists():
        raise RuntimeError("the database already holds items: run on a throwaway data folder")
    ctx = DemoContext(stdout=io.StringIO())
    if not Organisation.objects.exists():
        orgs_demo.load(ctx)
        accounts_demo.load(ctx)
    from gongkai.accounts.models import User

    editor, reviewer = (
        User.objects.get(username="lc-editor"),
        User.objects.get(username="lc-reviewer"),
    )
    finance = Organisation.objects.get(city__name__startswith="聊城", short_name="市财政局")
    services.ensure_legal_structure(finance)
    column = services.entry(finance, "czsz")
    rows: list[tuple[str, str]] = []

    t0 = time.perf_counter()
    created = services.ensure_legal_structure_many(Organisation.objects.all())
    rows.append((f"legal structure for {Organisation.objects.count()} organisations ({created} columns)",
                 f"{time.perf_counter() - t0:.2f} s"))  # fmt: skip

    timings = []
    for n in range(items):
        start = time.perf_counter()
        item = actions.create_item(
            organisation=finance, actor=editor, title=f"基准测试 {n}", entries=[column],
            body="<p>全市一般公共预算收入完成情况。</p>" * 5,
        )  # fmt: skip
        actions.approve(actions.submit(item, actor=editor), actor=reviewer)
        timings.append(time.perf_counter() - start)
    med, p95 = _ms(timings)
    rows.append((f"draft → submit → approve → publish, {items} items, each step its own "
                 "transaction (incl. other apps' after-commit hooks: search indexing …)",
                 f"median {med:.1f} ms, p95 {p95:.1f} ms, {items / sum(timings):.0f} items/s"))  # fmt: skip

    timings = []
    with transaction.atomic():
        for n in range(items):
            start = time.perf_counter()
            actions.publish_item_now(
                organisation=finance,
                title=f"加载 {n}",
                body="<p>x</p>",
                entries=[column],
                actor=SYSTEM("catalog bench"),
            )
            timings.append(time.perf_counter() - start)
        commit_start = time.perf_counter()
    commit = time.perf_counter() - commit_start
    med, p95 = _ms(timings)
    rows.append((f"publish_item_now (loaders), {items} items in one transaction",
                 f"median {med:.1f} ms, p95 {p95:.1f} ms; commit incl. other apps' "
                 f"after-commit hooks {commit:.1f} s"))  # fmt: skip

    if connection.vendor == "postgresql":
        drafts = [
            actions.submit(actions.create_item(organisation=finance, actor=editor,
                                               title=f"并发 {n}", entries=[column]), actor=editor)
            for n in range(threads * 25)
        ]  # fmt: skip
        barrier = threading.Barrier(threads)

        def work(chunk):
            try:
                barrier.wait()
                for item in chunk:
                    actions.approve(item, actor=reviewer)
            finally:
                connections.close_all()

        start = time.perf_counter()
        pool = [threading.Thread(target=work, args=(drafts[i::threads],)) for i in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        took = time.perf_counter() - start
        numbers = list(Item.objects.exclude(index_no=None).values_list("index_no", flat=True))
        unique = "all unique" if len(numbers) == len(set(numbers)) else "DUPLICATES"
        rows.append((f"{len(drafts)} approvals from {threads} threads at once",
                     f"{took:.2f} s, {len(drafts) / took:.0f} items/s, index numbers {unique}"))  # fmt: skip

    from gongkai.core.seeds import SEEDS_DIR as seeds

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] or [
        "政务公开。" * 5000
    ]
    text = "\n".join(texts)
    start = time.perf_counter()
    for _ in range(20):
        sanitize_html(text_to_html(text))
    rows.append((f"text_to_html + sanitize_html of the seed documents ({len(text)} characters)",
                 f"{(time.perf_counter() - start) / 20 * 1000:.1f} ms"))  # fmt: skip
    first17 = "37150219850312001"
    line = f"王某某\t{first17 + check_char(first17)}\t13912345678\t2\t820\n"
    big = line * 10000
    start = time.perf_counter()
    found = privacy.scan(big)
    took = time.perf_counter() - start
    rows.append((f"privacy guard on a 10,000-row list ({len(big) / 1e6:.1f} MB text)",
                 f"{took * 1000:.0f} ms, {len(found)} findings"))  # fmt: skip
    start = time.perf_counter()
    privacy.mask_text(big)
    rows.append(("masking the same list (一键遮盖 on text)",
                 f"{(time.perf_counter() - start) * 1000:.0f} ms"))  # fmt: skip
    for label, value in rows:
        out(f"{label}: {value}")
    return rows


def write_doc(rows: list[tuple[str, str]], path: Path) -> None:
    vendor = connection.vendor
    machine = f"{platform.node()} · {platform.machine()} · Python {platform.python_version()}"
    when = dates.now().strftime("%Y-%m-%d %H:%M")
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    section = (
        f"{START}\n### {vendor} — {when} — {machine}\n\n| measured | result |\n|---|---|\n"
        f"{table}\n{END}"
    )
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(
        re.escape(START) + r"\n### " + re.escape(vendor) + r" .*?" + re.escape(END), re.S
    )
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
