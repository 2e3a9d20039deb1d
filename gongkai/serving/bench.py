"""The serving benchmark's measuring: real servers on loopback, measured with wrk.

``gongkai bench portal --items N`` (``bench_cmd``) fills a fresh database through the catalog's
actions (``bench_fill``) and calls ``run``: it starts ``gongkai serve --insecure`` (gunicorn, or
granian for comparison) and nginx serving the same page bytes as a static file, and measures
with wrk: one client (p50/p99) and 50 clients (requests/s) on the item page, a column list, the
home page and the search page, with the page cache off and on, and through the product's front
proxy (deploy/nginx, rendered by ``proxy``: nginx's proxy_cache honouring the application's
``s-maxage=1``); then the time from publishing an item to seeing it on its page, its column and
in search, straight from the server and through the proxy. ``gongkai serving_bench`` measures
the current data folder the same way. Without wrk (``--fast`` only) a Python client times
sequential requests; without nginx the static and proxy rows are left out.
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
    clients: int = 50  # of the requests/s figure


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m[1]) * _UNITS[m[2]] if m else float("nan")


def wrk(
    url: str, *, connections: int, seconds: int = 5, threads: int = 2
) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of ``wrk --latency`` against ``url``."""
    threads = min(threads, connections)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    if int(re.search(r"(\d+) requests in", out)[1]) == 0:  # none answered within the run
        return float("nan"), float("nan"), float("nan")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    # the latency distribution's lines ("     50%   10.99ms"), not a "+/- Stdev" column
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1])
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1])
    if log := os.environ.get("GONGKAI_BENCH_WRK_LOG"):
        with open(log, "a") as f:
            f.write(f"{url} -c{connections}\n{out}\n")
    if "Non-2xx" in out:
        raise RuntimeError(f"{url}: wrk saw error answers\n{out}")
    return rps, p50, p99


def python_client(url: str, seconds: float) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of one sequential client (when wrk is not installed)."""
    times: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or len(times) < 3:
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, round(q * (len(times) - 1)))]  # noqa: E731
    return 1000 * len(times) / sum(times), pick(0.5), pick(0.99)


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def have_nginx() -> bool:
    return bool(shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"))


WARMUP = 20  # unmeasured requests before each figure: a served site is warm (imports, caches)
# ``--fast`` (the tests' smoke run): a few warm-up requests, then one sequential Python client
# for a tenth of a second per figure; it shows that every page answers, not how fast
FAST_WARMUP = 3
FAST_SECONDS = 0.1


def warm(url: str, n: int = WARMUP) -> None:
    for _ in range(n):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=300).read()


def measure(label: str, url: str, seconds: int = 5, fast: bool = False) -> Figure:
    """One row: p50/p99 of one client and the requests/s of 50. ``fast`` (the tests' smoke
    run, or no wrk installed): one sequential Python client, whose requests/s is shown."""
    if fast:
        warm(url, FAST_WARMUP)
        rps, p50, p99 = python_client(url, FAST_SECONDS)
        return Figure(label, rps, p50, p99, clients=1)
    warm(url, WARMUP)
    if not have_wrk():
        rps, p50, p99 = python_client(url, seconds)
        return Figure(label, rps, p50, p99, clients=1)
    _, p50, p99 = wrk(url, connections=1, seconds=seconds, threads=1)
    rps, _, _ = wrk(url, connections=50, seconds=seconds)
    drained(url)
    return Figure(label, rps, p50, p99)


def drained(url: str) -> None:
    """Wait until the server has answered the requests wrk left queued when it stopped (the
    next figure would otherwise wait behind them)."""
    base = re.match(r"https?://[^/]+", url)[0]
    for _ in range(3):  # three quick answers in a row: the listen queue is empty
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + "/healthz", timeout=300).read()


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
        from . import proxy

        proxy.stop(proc, 40)


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
    word = "低保标准"
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


def proxied(base: str, data_dir: str, targets, seconds: int, entry, out=print, fast=False):
    """The pages through deploy/nginx in front of the server at ``base`` (figures), then
    publish → visible through it."""
    from . import proxy

    port = int(base.rsplit(":", 1)[1])
    with proxy.running(port, Path(data_dir) / "static", access_log=False) as (front, _):
        for _, p in targets:  # nginx's copy of each page (MISS, then HIT)
            for _ in range(2):
                urllib.request.urlopen(front + p).read()
        figures = [measure(lbl, front + p, seconds, fast) for lbl, p in targets]
        out("nginx proxy cache done")
        drained(base)
        for _, p in targets:  # a copy of the column (and the rest) sits in the cache
            urllib.request.urlopen(front + p).read()
        visible = publish_visible(front, entry)
        out("publish → visible through nginx done")
    return figures, visible


def run(
    data_dir: str,
    workers: int = 2,
    seconds: int = 5,
    servers=("gunicorn", "granian"),
    out=print,
    fast: bool = False,
):
    """(figures by row label, publish → visible by path, item page size)."""
    item, entry, targets = _targets()
    results: dict[str, list[Figure]] = {}
    visible: dict[str, list[tuple[str, float]]] = {}
    # the smoke run warms each page itself (FAST_WARMUP); the workers' own warm-up is skipped
    extra = {"GONGKAI_WARMUP": "0"} if fast else {}
    for server in servers:
        with app_server(data_dir, workers, server, {"GONGKAI_PAGE_CACHE": "0", **extra}) as base:
            results[f"{server}, uncached"] = [
                measure(lbl, base + p, seconds, fast) for lbl, p in targets
            ]
            out(f"{server} uncached done")
    with app_server(data_dir, workers, servers[0], extra) as base:
        for _, p in targets:
            urllib.request.urlopen(base + p).read()
        results[f"{servers[0]}, page cache"] = [
            measure(lbl, base + p, seconds, fast) for lbl, p in targets
        ]
        out(f"{servers[0]} page cache done")
        with urllib.request.urlopen(base + targets[0][1]) as r:
            body = r.read()
        drained(base)
        visible[SERVED] = publish_visible(base, entry)
        out("publish → visible done")
        if have_nginx():
            results[PROXY], visible[PROXY] = proxied(
                base, data_dir, targets, seconds, entry, out, fast
            )
    if have_nginx():
        with static_nginx(body) as url:
            results[NGINX] = [measure("item page bytes", url, seconds, fast)]
    return results, visible, len(body)


NGINX = "nginx static (same item page bytes)"
PROXY = "nginx proxy cache (deploy/ configuration)"
SERVED = "gongkai serve"
