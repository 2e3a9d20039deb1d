"""The serving benchmark (``gongkai bench portal``): real servers on loopback, measured with wrk.

    GONGKAI_DATA_DIR=/tmp/bench-serving gongkai bench portal --items 10000

fills an empty database with ``--items`` published items through the portal benchmark's bulk
path (``gongkai.portal.bench.populate``: the catalog's own bulk loader), starts ``gongkai serve
--insecure`` (gunicorn, or granian with ``--server granian``) and nginx serving the same page
bytes as a static file, and measures with wrk: one client (p50/p99) and 50 clients (requests/s)
on the item page, a column list, the home page and the search page, with the page cache off and
on; then the time from publishing an item to seeing it on its page, its column and in search.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from gongkai.devtools.pgserver import free_port

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Figure:
    label: str
    rps: float
    p50: float
    p99: float


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m[1]) * _UNITS[m[2]] if m else float("nan")


def wrk(
    url: str, *, connections: int, seconds: int = 5, threads: int = 2
) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of ``wrk --latency`` against ``url``."""
    threads = min(threads, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p50 = _ms(re.search(r"50%\s+(\S+)", out)[1])
    p99 = _ms(re.search(r"99%\s+(\S+)", out)[1])
    if "Non-2xx" in out:
        raise RuntimeError(f"{url}: wrk saw error answers\n{out}")
    return rps, p50, p99


def measure(label: str, url: str, seconds: int = 5) -> Figure:
    _, p50, p99 = wrk(url, connections=1, seconds=seconds, threads=1)
    rps, _, _ = wrk(url, connections=50, seconds=seconds)
    return Figure(label, rps, p50, p99)


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


@contextlib.contextmanager
def app_server(data_dir: str, workers: int, server: str = "gunicorn", env_extra=None):
    """``gongkai serve --insecure`` on a free loopback port; yields its base URL."""
    port = free_port()
    env = dict(os.environ, GONGKAI_DATA_DIR=data_dir, **(env_extra or {}))
    env.pop("GONGKAI_PRODUCTION", None)
    gongkai = Path(sys.executable).parent / "gongkai"
    proc = subprocess.Popen(
        [gongkai, "serve", "--insecure", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--access-log", "", "--server", server],
        env=env, stdout=open(Path(data_dir) / f"bench-{server}.log", "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", 300)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def static_nginx(body: bytes):
    """nginx serving ``body`` as a static file on a free loopback port; yields its URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    (tmp / "www").mkdir()
    (tmp / "www" / "page.html").write_bytes(body)
    port = free_port()
    (tmp / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;"
        f" fastcgi_temp_path {tmp}/f; uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s;"
        f" server {{ listen 127.0.0.1:{port}; root {tmp}/www; }} }}\n"
    )
    proc = subprocess.Popen(
        [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/page.html", 20)
        yield f"http://127.0.0.1:{port}/page.html"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


def table(figures: list[Figure]) -> str:
    lines = [
        "| page | 1 client p50 (ms) | 1 client p99 (ms) | 50 clients (req/s) |",
        "|---|---|---|---|",
    ]
    for f in figures:
        lines.append(f"| {f.label} | {f.p50:.2f} | {f.p99:.2f} | {f.rps:,.0f} |")
    return "\n".join(lines)


def _targets():
    """(label, path) of the measured pages, chosen from the data in the database."""
    from django.db.models import Count

    from gongkai.catalog.models import CatalogEntry, Item

    item = Item.objects.public().order_by("-published_at").first()
    entry = (
        CatalogEntry.objects.filter(is_active=True, items__state=Item.STATE_PUBLISHED)
        .annotate(n=Count("items"))
        .order_by("-n")
        .first()
    )
    word = item.title[:2]
    return (
        item,
        entry,
        [
            ("item page", f"/item/{item.pk}/"),
            ("column list", f"/org/{entry.organisation.code}/gk/c/{entry.slug}/"),
            ("home page", "/"),
            ("search page", f"/search/?q={urllib.request.quote(word)}"),
        ],
    )


def publish_visible(base: str, entry, timeout: float = 30.0) -> list[tuple[str, float]]:
    """Publish an item through the catalog's action; seconds until its page, column and search
    show it (requests go through the server, as a visitor's)."""
    from gongkai.catalog import actions
    from gongkai.core.actors import SYSTEM

    title = f"基准测试发布{time.time_ns() % 10**9}号通知"
    started = time.monotonic()
    item = actions.publish_item_now(
        organisation=entry.organisation, title=title, body=f"<p>{title}</p>", entries=[entry],
        actor=SYSTEM("serving bench"),
    )  # fmt: skip
    published = time.monotonic()
    pages = [
        ("item page", f"/item/{item.pk}/"),
        ("column list", f"/org/{entry.organisation.code}/gk/c/{entry.slug}/"),
        ("search", f"/search/?q={urllib.request.quote(title)}"),
    ]
    found = []
    for label, path in pages:
        while True:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(base + path, timeout=10) as r:
                    if title in r.read().decode():
                        break
            if time.monotonic() - published > timeout:
                found.append((label, float("inf")))
                break
            time.sleep(0.05)
        if not found or found[-1][0] != label:
            found.append((label, time.monotonic() - started))
    return found


def run(
    data_dir: str, workers: int = 2, seconds: int = 5, servers=("gunicorn", "granian"), out=print
):
    item, entry, targets = _targets()
    results: dict[str, list[Figure]] = {}
    for server in servers:
        with app_server(data_dir, workers, server, {"GONGKAI_PAGE_CACHE": "0"}) as base:
            results[f"{server}, uncached"] = [measure(lbl, base + p, seconds) for lbl, p in targets]
            out(f"{server} uncached done")
    with app_server(data_dir, workers, servers[0]) as base:
        for _, p in targets:
            urllib.request.urlopen(base + p).read()
        results[f"{servers[0]}, page cache"] = [
            measure(lbl, base + p, seconds) for lbl, p in targets
        ]
        with urllib.request.urlopen(base + targets[0][1]) as r:
            body = r.read()
        visible = publish_visible(base, entry)
    with static_nginx(body) as url:
        results["nginx static (same item page bytes)"] = [measure("item page bytes", url, seconds)]
    return results, visible, len(body)


START, END = "<!-- serving-bench:start -->", "<!-- serving-bench:end -->"


def machine() -> str:
    cpus = os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpus} CPUs, load average {load} at the start (shared machine)"


def render(results, visible, size: int, items: int, database: str, workers: int, started) -> str:
    from gongkai.rules import dates

    parts = [
        START,
        "## Portal serving (`gongkai serving_bench`)",
        "",
        f"{dates.zh_datetime(started)}; {machine()};"
        f" {items} public items, {database}; `gongkai serve --insecure --workers {workers}`;"
        f" wrk on loopback, 5 s per figure; page of {size:,} bytes.",
        "",
    ]
    for label, figures in results.items():
        parts += [f"**{label}**", "", table(figures), ""]
    parts += [
        "**publish → visible** (seconds from the start of the publishing action until a visitor's request through the server shows the item)",
        "",
    ]
    parts += [f"- {label}: {secs:.2f} s" for label, secs in visible]
    parts += ["", END]
    return "\n".join(parts)


def write_doc(text: str, path: Path) -> None:
    doc = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in doc and END in doc:
        head, rest = doc.split(START, 1)
        doc = head + text + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip() + "\n\n" + text + "\n"
    path.write_text(doc)
