"""The crawler against a local server: broken links, slow pages, redirect loops, Retry-After,
robots.txt, per-host politeness and bounded runs (no database, no internet)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.health import crawler

PAGES = {
    "/": '<a href="/a">A</a> <a href="/missing">丢失</a> <a href="/slow">慢</a>'
    '<a href="/loop1">循环</a> <a href="/busy">忙</a> <a href="/private/x">私有</a>'
    '<a href="/files/report.pdf">附件</a> <a href="mailto:x@y.cn">信箱</a>',
    "/a": '<a href="/">首页</a> <a href="/b">B</a>',
    "/b": "<p>B</p>",
}


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    concurrent = 0
    max_concurrent = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        cls = type(self)
        with cls.lock:
            cls.hits[self.path] = cls.hits.get(self.path, 0) + 1
            cls.concurrent += 1
            cls.max_concurrent = max(cls.max_concurrent, cls.concurrent)
        try:
            self._answer()
        finally:
            with cls.lock:
                cls.concurrent -= 1

    def _answer(self):
        p = self.path
        if p == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if p in PAGES:
            time.sleep(0.05)
            return self._send(200, PAGES[p].encode(), "text/html; charset=utf-8")
        if p == "/slow":
            time.sleep(0.6)
            return self._send(200, b"<p>slow</p>", "text/html")
        if p == "/loop1":
            return self._redirect("/loop2")
        if p == "/loop2":
            return self._redirect("/loop1")
        if p == "/busy":
            if type(self).hits[p] == 1:
                self.send_response(503)
                self.send_header("Retry-After", "1")
                self.end_headers()
                return None
            return self._send(200, b"ok", "text/plain")
        if p == "/files/report.pdf":
            return self._send(200, b"%PDF-1.4", "application/pdf")
        return self._send(404, b"not found", "text/plain")

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.end_headers()

    def _send(self, code, body, ctype):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    Handler.hits = {}
    Handler.max_concurrent = 0
    crawler.clear_cache()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # a short poll: shutdown() waits for the loop to look (0.5 s by default, at every test)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    crawler.clear_cache()


def checker(**kw):
    kw.setdefault("min_interval", 0.0)
    kw.setdefault("slow_seconds", 0.4)
    return crawler.Checker(**kw)


def test_crawl_finds_broken_slow_loops_and_obeys_robots(site):
    report = checker(per_host=2).crawl(site + "/", max_pages=20, max_seconds=30)
    broken = {r.url.removeprefix(site): r for r in report.broken}
    assert set(broken) == {"/missing", "/loop1"}
    assert broken["/missing"].status == 404 and broken["/missing"].found_on == [site + "/"]
    assert broken["/loop1"].error == "重定向循环"
    assert [r.url.removeprefix(site) for r in report.slow] == ["/slow"]
    assert [r.url.removeprefix(site) for r in report.skipped] == ["/private/x"]
    assert "/private/x" not in Handler.hits  # never fetched
    # Retry-After: the busy page answered 503 first, was asked again after the wait, and is fine
    assert Handler.hits["/busy"] == 2 and "/busy" not in broken
    assert Handler.max_concurrent <= 2  # the per-host limit held
    assert report.pages >= 3 and Handler.hits["/"] == 1  # every page once (the cache)


def test_retry_after_longer_than_allowed_is_broken(site):
    res = checker(max_retry_wait=0.5).check(site + "/busy")  # asks for 1 s
    assert not res.ok and res.status == 503


def test_bounded_runs(site):
    report = checker().crawl(site + "/", max_pages=1, max_seconds=30)
    assert report.pages == 1 and report.unvisited >= 1
    crawler.clear_cache()
    Handler.hits = {}
    report = checker().crawl(site + "/", max_pages=50, max_seconds=0)
    assert report.pages == 0 or report.timed_out


def test_timeout_counts_as_broken(site):
    res = checker(timeout=0.2).check(site + "/slow")
    assert not res.ok and res.status is None and "无法连接" in res.error


def test_min_interval_spaces_requests_to_one_host(site):
    c = checker(min_interval=0.15, respect_robots=False)
    started = time.monotonic()
    for path in ("/a", "/b", "/files/report.pdf"):
        assert c.check(site + path).ok
    assert time.monotonic() - started >= 0.3


def test_crawl_command_prints_broken_and_slow(site):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("health", "crawl", "--base", site + "/", "--max-pages", "10", "--slow", "0.4",
                 stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "broken " + site + "/missing (404)" in text and "slow   " + site + "/slow" in text
    crawler.clear_cache()
    out = StringIO()
    call_command("health", "crawl", "--base", site + "/", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {b["url"] for b in data["broken"]} == {site + "/missing", site + "/loop1"}
