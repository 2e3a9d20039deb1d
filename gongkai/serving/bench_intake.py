"""Application intake through ``gongkai serve`` (``gongkai bench intake --concurrent N``).

N clients submit the public application form (``/apply/``) at the same moment, over HTTP, as
a browser does: GET the form (CSRF cookie and token, the challenge when one is shown), then
POST it and expect the redirect to the receipt. Each client connects from its own loopback
address (127.0.0.2, 127.0.0.3 …), as N citizens would; the run also serves with
``gongkai.serving.bench_settings``, which raises the application form's rate limit
(``GONGKAI_RATE_LIMITS["application"]``) so that a second run from the same addresses is not
refused. A challenge, when the server asks for one, is answered as a person would.

Afterwards the database is asked: every submission stored once, every registration number
(登记号) and tracking code unique.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

NAME_PREFIX = "并发基准"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TOKEN = re.compile(r'name="challenge_token" value="([^"]+)"')
_QUESTION = re.compile(r"(\d+) 加 (\d+) 等于几")
_RECEIPT = re.compile(r"/apply/receipt/([^/]+)/")


@dataclass
class Outcome:
    ok: bool
    code: str = ""
    millis: float = 0.0
    status: int = 0
    challenged: bool = False
    error: str = ""


@dataclass
class IntakeResult:
    n: int
    outcomes: list[Outcome] = field(default_factory=list)
    wall: float = 0.0
    stored: int = 0
    unique_registration: int = 0
    unique_tracking: int = 0
    numbers: list[str] = field(default_factory=list)

    @property
    def answered(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    def latency(self, q: float) -> float:
        times = sorted(o.millis for o in self.answered)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(round(q * (len(times) - 1))))]

    @property
    def p50(self) -> float:
        times = [o.millis for o in self.answered]
        return statistics.median(times) if times else float("nan")


def _address(i: int) -> str:
    i += 2
    return f"127.0.{i // 250}.{i % 250 + 1}" if i >= 250 else f"127.0.0.{i}"


def _request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    cookies = "; ".join(c.split(";", 1)[0] for c in r.msg.get_all("Set-Cookie") or [])
    return r.status, r.getheader("Location") or "", cookies, r.read()


def _form_fields(html: str) -> dict:
    fields = {}
    if m := _CSRF.search(html):
        fields["csrfmiddlewaretoken"] = m[1]
    if (t := _TOKEN.search(html)) and (q := _QUESTION.search(html)):
        fields["challenge_token"] = t[1]
        fields["challenge_answer"] = str(int(q[1]) + int(q[2]))
    return fields


def applicant(i: int, org_id: int) -> dict:
    from gongkai.rules.idcard import check_char

    first17 = f"371502199001{i % 28 + 1:02d}{i % 900 + 100:03d}"
    return {
        "organisation": str(org_id),
        "applicant_type": "natural",
        "name": f"{NAME_PREFIX}{i}号",
        "id_type": "id_card",
        "id_number": first17 + check_char(first17),
        "phone": f"139{i:08d}",
        "description": f"申请公开本机关{2020 + i % 5}年城乡低保资金发放情况（第{i}份）。",
        "form_preference": "electronic",
        "delivery": "online",
    }


def client(base: str, i: int, org_id: int, barrier: threading.Barrier) -> Outcome:
    host = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(
        host.hostname, host.port, timeout=300, source_address=(_address(i), 0)
    )
    try:
        try:
            status, _, cookies, body = _request(conn, "GET", f"/apply/?org={org_id}")
        finally:
            barrier.wait(timeout=300)  # every client has its form: all POSTs start together
        if status != 200:
            return Outcome(False, status=status, error="form not shown")
        fields = _form_fields(body.decode())
        challenged = "challenge_token" in fields
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies}
        data = urllib.parse.urlencode({**applicant(i, org_id), **fields})
        t = time.perf_counter()
        status, location, _, body = _request(conn, "POST", "/apply/", data, headers)
        millis = (time.perf_counter() - t) * 1000
        if status == 400 and _TOKEN.search(body.decode()):  # the other worker asked: answer it
            challenged = True
            data = urllib.parse.urlencode({**applicant(i, org_id), **fields,
                                           **_form_fields(body.decode())})  # fmt: skip
            t = time.perf_counter()
            status, location, _, body = _request(conn, "POST", "/apply/", data, headers)
            millis += (time.perf_counter() - t) * 1000
        m = _RECEIPT.search(location)
        if status != 302 or not m:
            errors = re.findall(r'class="errorlist[^>]*>(.*?)</ul>', body.decode(), re.S)
            return Outcome(False, status=status, millis=millis, error=" ".join(errors)[:200])
        return Outcome(True, m[1], millis, status, challenged)
    except (OSError, threading.BrokenBarrierError) as exc:
        return Outcome(False, error=f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def run(base: str, n: int, org_id: int) -> IntakeResult:
    """N clients at once against the server at ``base``; then the database is checked."""
    from gongkai.applications.models import Application

    result = IntakeResult(n, [None] * n)
    barrier = threading.Barrier(n + 1)

    def one(i):
        result.outcomes[i] = client(base, i, org_id, barrier)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait(timeout=600)
    started = time.perf_counter()
    for t in threads:
        t.join(timeout=900)
    result.wall = time.perf_counter() - started
    codes = [o.code for o in result.outcomes if o and o.ok]
    stored = Application.objects.filter(tracking_code__in=codes)
    result.stored = stored.count()
    result.numbers = list(stored.values_list("registration_no", flat=True))
    result.unique_registration = len(set(result.numbers))
    result.unique_tracking = len(set(codes))
    result.outcomes = [o or Outcome(False, error="no answer") for o in result.outcomes]
    return result


def target_org():
    from gongkai.orgs.models import Organisation

    org = (
        Organisation.objects.filter(is_active=True, short_name="市民政局").order_by("pk").first()
        or Organisation.objects.filter(is_active=True).order_by("pk").first()
    )
    if org is None:
        raise RuntimeError("no organisation to apply to")
    return org


def _threads() -> str:
    from .management.commands.serve import default_threads

    n = default_threads()
    return f", {n} threads each (gthread)" if n > 1 else ", sync workers"


def render(result: IntakeResult, *, database: str, workers: int, when, machine: str) -> str:
    from gongkai.rules import dates

    database = "postgres" if database.startswith("postgres") else database
    ok = len(result.answered)
    lost = result.n - result.stored
    challenged = sum(o.challenged for o in result.outcomes)
    failures = [o for o in result.outcomes if not o.ok]
    lines = [
        f"### Application intake, {result.n} concurrent submissions, {database}",
        "",
        f"Measured {dates.zh_datetime(when)} on {machine}; `gongkai bench intake --concurrent "
        f"{result.n} --database {database}`; `gongkai serve --insecure --workers {workers}` "
        f"(gunicorn{_threads()}) with `gongkai.serving.bench_settings` (the application form's rate limit "
        "raised to 1,000,000 an hour for the run); each client from its own loopback address; "
        "GET the form, then all POSTs released at once.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| submissions answered with the receipt redirect | {ok} of {result.n} |",
        f"| stored in the database (queried afterwards) | {result.stored} |",
        f"| lost | {lost} |",
        f"| unique registration numbers (登记号) | {result.unique_registration} |",
        f"| unique tracking codes (查询码) | {result.unique_tracking} |",
        f"| clients asked the challenge (answered) | {challenged} |",
        f"| POST latency p50 | {result.p50:,.0f} ms |",
        f"| POST latency p99 | {result.latency(0.99):,.0f} ms |",
        f"| all {result.n} answered in | {result.wall:.1f} s |",
    ]
    if failures:
        first = failures[0]
        lines += ["", f"First failure: status {first.status} {first.error[:120]!r}"]
    return "\n".join(lines)
