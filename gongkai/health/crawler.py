"""A polite link and availability checker (standard library only).

- per-host concurrency limit and a minimum interval between requests to one host;
- a timeout per request (the indicators' 15 s); a page slower than ``slow_seconds`` is reported;
- ``Retry-After`` on 429/503 is respected (waited up to ``max_retry_wait``, then retried once);
- robots.txt of every host is read once and obeyed (a disallowed URL is skipped, not broken);
- redirects are followed by hand (at most ``max_redirects``; a loop is a broken link);
- results are cached for ``cache_seconds`` (a link shared by many items is fetched once);
- bounded runs: ``max_pages`` pages parsed and ``max_seconds`` in all.

``crawl(base)`` walks the site's own pages (same host) and checks every link and attachment on
them, internal and external; ``check(url)`` checks one URL. Tests run it against a local server.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser

USER_AGENT = "gongkai-health/1.0 (+site self-check)"


@dataclass
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    seconds: float | None = None
    error: str = ""
    final_url: str = ""
    content_type: str = ""
    skipped: bool = False  # robots.txt disallows it, or the run's time ran out
    found_on: list[str] = field(default_factory=list)
    body: bytes = b""

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "ok": self.ok,
            "status": self.status,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "error": self.error,
            "found_on": self.found_on[:5],
        }


class _Links(HTMLParser):
    ATTRS = {"a": "href", "img": "src", "iframe": "src", "source": "src", "embed": "src"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        want = self.ATTRS.get(tag)
        for name, value in attrs:
            if name == want and value:
                self.links.append(value.strip())


def links_in(html: str, base: str) -> list[str]:
    """Absolute http(s) links of a page (fragments dropped, order kept, no duplicates)."""
    parser = _Links()
    try:
        parser.feed(html)
    except Exception:  # noqa: BLE001 - broken HTML still yields what was read
        pass
    out = []
    for href in parser.links:
        if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            continue
        absolute = urllib.parse.urldefrag(urllib.parse.urljoin(base, href))[0]
        if absolute.startswith(("http://", "https://")) and absolute not in out:
            out.append(absolute)
    return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_cache: dict[str, tuple[float, LinkResult]] = {}
_cache_lock = threading.Lock()


class Checker:
    def __init__(
        self,
        *,
        timeout: float = 15.0,
        slow_seconds: float = 5.0,
        per_host: int = 2,
        min_interval: float = 0.2,
        max_retry_wait: float = 30.0,
        max_redirects: int = 5,
        cache_seconds: float = 600.0,
        respect_robots: bool = True,
        deadline: float | None = None,
    ):
        self.timeout = timeout
        self.slow_seconds = slow_seconds
        self.per_host = per_host
        self.min_interval = min_interval
        self.max_retry_wait = max_retry_wait
        self.max_redirects = max_redirects
        self.cache_seconds = cache_seconds
        self.respect_robots = respect_robots
        self.deadline = deadline
        self._hosts: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirect)
        self.requests = 0  # how many HTTP requests were made (tests check politeness)

    # -- politeness -------------------------------------------------------------------
    def _host(self, url: str) -> str:
        return urllib.parse.urlsplit(url).netloc.lower()

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.per_host))

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last.get(host, 0.0) + self.min_interval)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)

    def allowed(self, url: str) -> bool:
        if not self.respect_robots:
            return True
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = root in self._robots
        if not known:
            parser = urllib.robotparser.RobotFileParser()
            try:
                res = self._raw(root + "/robots.txt", method="GET")
                if res[0] and 200 <= res[0] < 300:
                    parser.parse(res[2].decode("utf-8", "replace").splitlines())
                else:
                    parser = None  # no robots.txt: everything allowed
            except Exception:  # noqa: BLE001
                parser = None
            with self._lock:
                self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    # -- fetching ---------------------------------------------------------------------
    def _raw(self, url: str, method: str = "GET"):
        """(status, headers, body) of one request, no redirects followed."""
        host = self._host(url)
        with self._slot(host):
            self._wait_turn(host)
            self.requests += 1
            req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
            try:
                with self._opener.open(req, timeout=self.timeout) as resp:
                    return resp.status, resp.headers, resp.read(2_000_000)
            except urllib.error.HTTPError as err:
                body = err.read(200_000) if err.fp else b""
                return err.code, err.headers, body

    def _retry_after(self, headers) -> float | None:
        value = (headers or {}).get("Retry-After")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                return None

    def check(self, url: str, *, read_body: bool = False) -> LinkResult:
        with _cache_lock:
            hit = _cache.get(url)
        if (
            hit
            and time.monotonic() - hit[0] < self.cache_seconds
            and (hit[1].body or not read_body)
        ):
            return hit[1]
        result = self._check(url)
        with _cache_lock:
            _cache[url] = (time.monotonic(), result)
        return result

    def _check(self, url: str) -> LinkResult:
        if self.deadline is not None and time.monotonic() > self.deadline:
            return LinkResult(url, True, skipped=True, error="本次运行时间已用完，未检查")
        if not self.allowed(url):
            return LinkResult(url, True, skipped=True, error="robots.txt 不允许访问")
        seen = [url]
        current = url
        started = time.monotonic()
        retried = False
        while True:
            try:
                status, headers, body = self._raw(current)
            except Exception as err:  # noqa: BLE001 - timeouts, refused, DNS …
                reason = getattr(err, "reason", err)
                return LinkResult(
                    url, False, None, time.monotonic() - started, f"无法连接：{reason}"
                )
            if status in (429, 503) and not retried:
                wait = self._retry_after(headers)
                if wait is not None and wait <= self.max_retry_wait:
                    time.sleep(wait)
                    retried = True
                    started = time.monotonic()  # the page's own time, not the wait asked for
                    continue
            if status in (301, 302, 303, 307, 308):
                target = urllib.parse.urljoin(current, headers.get("Location", ""))
                if target in seen:
                    return LinkResult(url, False, status, time.monotonic() - started, "重定向循环")
                if len(seen) > self.max_redirects:
                    return LinkResult(
                        url, False, status, time.monotonic() - started, "重定向次数过多"
                    )
                seen.append(target)
                current = target
                continue
            elapsed = time.monotonic() - started
            ok = 200 <= status < 400
            return LinkResult(
                url, ok, status, elapsed, "" if ok else f"状态码{status}", current,
                (headers or {}).get("Content-Type", ""), body=body if ok else b"",
            )  # fmt: skip

    # -- a bounded crawl of one site ----------------------------------------------------------
    def crawl(self, base: str, *, max_pages: int = 200, max_seconds: float = 600.0) -> CrawlReport:
        self.deadline = time.monotonic() + max_seconds
        host = self._host(base)
        report = CrawlReport(base=base)
        queue, queued = [base], {base}
        results: dict[str, LinkResult] = {}
        with ThreadPoolExecutor(max_workers=max(2, self.per_host * 2)) as pool:
            while queue and report.pages < max_pages and time.monotonic() < self.deadline:
                batch, queue = queue[: max_pages - report.pages], queue[max_pages - report.pages :]
                for page_url, res in zip(batch, pool.map(self.check, batch), strict=True):
                    results[page_url] = res
                    report.pages += 1
                    if not res.ok or res.skipped or "html" not in res.content_type:
                        continue
                    links = links_in(res.body.decode("utf-8", "replace"), res.final_url or page_url)
                    outside = []
                    for link in links:
                        report.found_on.setdefault(link, []).append(page_url)
                        if self._host(link) == host:
                            if link not in queued:
                                queued.add(link)
                                queue.append(link)
                        elif link not in results:
                            outside.append(link)
                    for link, r in zip(outside, pool.map(self.check, outside), strict=True):
                        results[link] = r
            report.unvisited = len(queue)
        report.timed_out = time.monotonic() >= self.deadline
        for url, res in results.items():
            res.found_on = report.found_on.get(url, [])
            if res.skipped:
                report.skipped.append(res)
            elif not res.ok:
                report.broken.append(res)
            elif res.seconds is not None and res.seconds > self.slow_seconds:
                report.slow.append(res)
        report.checked = len(results)
        return report


@dataclass
class CrawlReport:
    base: str
    pages: int = 0
    checked: int = 0
    unvisited: int = 0
    timed_out: bool = False
    broken: list[LinkResult] = field(default_factory=list)
    slow: list[LinkResult] = field(default_factory=list)
    skipped: list[LinkResult] = field(default_factory=list)
    found_on: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "base": self.base,
            "pages": self.pages,
            "checked": self.checked,
            "unvisited": self.unvisited,
            "timed_out": self.timed_out,
            "broken": [r.as_dict() for r in self.broken],
            "slow": [r.as_dict() for r in self.slow],
            "skipped": [r.as_dict() for r in self.skipped],
        }


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
