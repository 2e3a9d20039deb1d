"""The search benchmark: synthetic corpus, index, fixed queries, latency and recall.

The engine is fed straight from the generated documents (no catalog rows); the reference is a
real substring scan, Python ``in`` over the same normalised texts (title and text). Recall is
|engine ∩ scan| / |scan| over the complete result sets, and the engine's extra hits are counted
too (they must be 0 except for alias expansion, whose reference is the scan of every spelling).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.rules import ngrams, search_aliases
from gongkai.rules.dates import today
from gongkai.search import benchcorpus
from gongkai.search.backends.base import SearchBackend, check
from gongkai.search.query import SearchRequest

ONE = ["的", "税", "保", "镇", "罚", "暖"]
TWO = ["低保", "教育", "工作", "通知", "扶贫", "养老", "公开", "危房", "污染", "取暖"]
FOUR = [
    "政务公开",
    "营商环境",
    "安全生产",
    "城乡低保",
    "义务教育",
    "精准扶贫",
    "乡村振兴",
    "老旧小区",
]
LONGER = ["不动产登记", "关于进一步做好", "农村危房改造工作", "有效期至2020年"]
MIXED = ["PM2.5", "5G基站", "gdp", "0635-85", "低保 标准", "养老 服务 体系", "量子计算机"]
ALIASES = ["市发改委", "市人社局", "市住建局", "市卫计委", "市食药监局", "市经信委"]
REPEAT = 5


@dataclass
class QueryFigure:
    kind: str
    q: str
    total: int = 0
    scan_total: int = 0
    recall: float = 1.0
    extra: int = 0
    first_ok: bool | None = None
    times_ms: list[float] = field(default_factory=list)
    facet_ms: list[float] = field(default_factory=list)
    scan_ms: float = 0.0


class _Bench(SearchBackend):
    """Runs plans on an engine with the benchmark's own organisation spellings."""

    def __init__(self, engine, groups, facets: bool):
        self.engine, self.groups, self.facets = engine, groups, facets

    def alias_groups(self):
        return self.groups

    def suggest(self, plan):
        return None

    def execute(self, plan):
        if hasattr(self.engine, "forget"):
            self.engine.forget()  # every timed query is a cold one
        return self.engine.run(plan, facets=self.facets)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, TypeError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {mem} memory, Python {platform.python_version()}"


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def make_engine(backend: str, folder: Path):
    if backend == "tantivy":
        from gongkai.search.backends.tantivy import TantivyIndex

        return TantivyIndex(folder)
    if backend == "postgres":
        from gongkai.search.backends.postgres import PostgresIndex

        return PostgresIndex(table="search_bench_doc")
    if backend == "simple":
        raise SystemExit("the simple backend has no index to benchmark; its cost is the scan")
    raise SystemExit(f"unknown backend {backend}")


def run(n: int, backend: str = "tantivy", seed: int = 2017, out=print, keep: str | None = None):
    out(f"generating {n} documents (seed {seed}) ...")
    started = time.perf_counter()
    docs = list(benchcorpus.generate(n, seed))
    texts = [ngrams.normalise(d.title + "\n" + d.text) for d in docs]
    out(f"  generated in {time.perf_counter() - started:.1f} s")

    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    engine = make_engine(backend, folder)
    out(f"indexing into {backend} ...")
    started = time.perf_counter()
    engine.rebuild(iter(docs), progress=lambda k: out(f"  {k} indexed"))
    index_s = time.perf_counter() - started
    size = engine.size_bytes()
    out(f"  indexed in {index_s:.1f} s, {size / 1e6:.0f} MB")

    spellings = benchcorpus.alias_spellings()
    groups = search_aliases.build_groups(spellings, ngrams.normalise)
    rnd_ids = [docs[i * (n // 7)].id for i in range(1, 7)]
    numbers = []
    for k, pk in enumerate(rnd_ids):
        number = docs[pk - 1].doc_number
        number = [
            number,
            number.replace("〔", "[").replace("〕", "]"),
            number.replace("〔", "").replace("〕", ""),
            number.replace("〔", "（").replace("〕", "）"),
            number.replace("〔", "(").replace("〕", ")"),
            number.replace("〔", "").replace("〕", "年"),
        ][k % 6]
        numbers.append((number, pk))

    queries = (
        [("1 char", q) for q in ONE]
        + [("2 chars", q) for q in TWO]
        + [("4 chars", q) for q in FOUR]
        + [("5+ chars", q) for q in LONGER]
        + [("mixed", q) for q in MIXED]
        + [("alias", q) for q in ALIASES]
        + [("doc number", q) for q, _ in numbers]
    )
    expected_first = dict(numbers)
    bench = _Bench(engine, groups, facets=False)
    with_facets = _Bench(engine, groups, facets=True)
    figures = []
    load_before = os.getloadavg()[0]
    for kind, q in queries:
        fig = QueryFigure(kind, q)
        plan = check(SearchRequest(q=q), groups)
        # the reference scan: every spelling of every word, Python `in` over the texts
        started = time.perf_counter()
        scan = None
        for alts in plan.terms:
            found = {d.key for d, t in zip(docs, texts, strict=True) if any(a in t for a in alts)}
            scan = found if scan is None else scan & found
        fig.scan_ms = (time.perf_counter() - started) * 1000
        scan = scan or set()
        if kind == "doc number":
            scan.add(f"item:{expected_first[q]}")
        fig.scan_total = len(scan)
        got = engine.all_ids(plan)
        fig.total = len(got)
        fig.recall = len(got & scan) / len(scan) if scan else 1.0
        fig.extra = len(got - scan)
        bench.search(SearchRequest(q=q))  # warm-up
        for _ in range(REPEAT):
            res = bench.search(SearchRequest(q=q))
            fig.times_ms.append(res.took_ms)
        for _ in range(2):
            fig.facet_ms.append(with_facets.search(SearchRequest(q=q)).took_ms)
        if kind == "doc number":
            fig.first_ok = bool(res.hits) and res.hits[0].item_id == expected_first[q]
        figures.append(fig)
        out(
            f"  {kind:10} {q:12} total {fig.total:>8}  scan {fig.scan_total:>8}  "
            f"recall {fig.recall:.4f}  p50 {statistics.median(fig.times_ms):6.1f} ms  "
            f"scan {fig.scan_ms:7.0f} ms"
            + ("" if fig.first_ok is None else f"  first {fig.first_ok}")
        )
    load = (load_before, os.getloadavg()[0])
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    if hasattr(engine, "drop"):
        engine.drop()
    return {
        "backend": backend,
        "docs": n,
        "avg_chars": sum(len(t) for t in texts) / max(len(texts), 1),
        "index_s": index_s,
        "size": size,
        "figures": figures,
        "machine": machine(),
        "load": load,
        "date": today().isoformat(),
    }


def summary(result) -> str:
    figs = result["figures"]
    times = [t for f in figs for t in f.times_ms]
    facet = [t for f in figs for t in f.facet_ms]
    scans = [f.scan_ms for f in figs]
    scan_total = sum(f.scan_total for f in figs)
    found = sum(round(f.recall * f.scan_total) for f in figs)
    extra = sum(f.extra for f in figs)
    docnum = [f for f in figs if f.first_ok is not None]
    lines = [
        f"### {result['backend']}, {result['docs']:,} items",
        "",
        f"Measured {result['date']} on {result['machine']}. Corpus: `gongkai bench search --docs "
        f"{result['docs']} --backend {result['backend']}` (seed 2017, "
        f"{result['avg_chars']:.0f} characters per item on average). Load average while the "
        f"queries ran: {result['load'][0]:.1f} → {result['load'][1]:.1f} (other processes "
        "on the machine inflate latencies; 2.0 means both cores busy).",
        "",
        "| figure | engine | substring scan |",
        "|---|---|---|",
        f"| index time | {result['index_s']:.1f} s | – |",
        f"| index size | {result['size'] / 1e6:,.0f} MB | – |",
        f"| p50 latency (ranked top-20, total, snippets) | {pct(times, 50):.1f} ms | "
        f"{pct(scans, 50):,.0f} ms |",
        f"| p95 latency | {pct(times, 95):.1f} ms | {pct(scans, 95):,.0f} ms |",
        f"| p99 latency | {pct(times, 99):.1f} ms | {pct(scans, 99):,.0f} ms |",
        f"| p95 with facets (as the portal asks) | {pct(facet, 95):.1f} ms | – |",
        f"| recall over all queries | {found / scan_total:.2%} ({found:,} of {scan_total:,}) | "
        "100% (reference) |",
        f"| hits the scan does not have | {extra} | – |",
        f"| doc numbers found first | {sum(f.first_ok for f in docnum)} of {len(docnum)} | – |",
        "",
        "<details><summary>per query</summary>",
        "",
        "| kind | query | total | scan total | recall | p50 ms | max ms | scan ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figs:
        lines.append(
            f"| {f.kind} | {f.q} | {f.total:,} | {f.scan_total:,} | {f.recall:.2%} | "
            f"{statistics.median(f.times_ms):.1f} | {max(f.times_ms):.1f} | {f.scan_ms:,.0f} |"
        )
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def write_doc(result, path: Path) -> None:
    """Put this run's section into docs/benchmarks.md, replacing the same backend and size."""
    marker = f"<!-- bench:search:{result['backend']}:{result['docs']} -->"
    end = "<!-- /bench -->"
    block = f"{marker}\n{summary(result)}{end}"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if marker in text:
        pattern = re.compile(re.escape(marker) + r".*?" + re.escape(end), re.S)
        text = pattern.sub(lambda _: block, text)
    else:
        heading = "## Search"
        if heading not in text:
            text = text.rstrip() + f"\n\n{heading}\n\nWritten by `gongkai bench search`.\n"
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
