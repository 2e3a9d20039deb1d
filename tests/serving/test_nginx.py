"""deploy/nginx in front of a real `gongkai serve`: a cached hit, a 304, static files with their
cache headers and gzip, the POST limit of the public forms, a graceful reload (SIGHUP); and a
publication through the catalog's action showing through the proxy's cache within seconds
(the application's `s-maxage=1`, revalidated by nginx with a 304)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from gongkai.devtools.pgserver import free_port
from gongkai.serving import proxy
from tests.dbcache import migrated_data_dir

NGINX = proxy.nginx_binary()

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install -y nginx)"
)


def fetch(url, headers=None, data=None):
    req = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_for(url, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def stack(tmp_path, request):
    data = migrated_data_dir(request.config, tmp_path / "data")
    app_port = free_port()
    env = dict(
        os.environ,
        GONGKAI_DATA_DIR=str(data),
        DATABASE_URL=f"sqlite:///{data / 'gongkai.sqlite3'}",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    env.pop("GONGKAI_PRODUCTION", None)
    gongkai = Path(sys.executable).parent / "gongkai"
    app = subprocess.Popen(
        [gongkai, "serve", "--insecure", "--bind", f"127.0.0.1:{app_port}", "--workers", "2"],
        env=env,
        stdout=open(tmp_path / "app.log", "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        with proxy.running(app_port, data / "static", tmp=tmp_path) as (base, _):
            yield SimpleNamespace(base=base, app=app, tmp=tmp_path, env=env)
    finally:
        proxy.stop(app, 40)


def test_nginx_caches_public_pages_and_answers_304(stack):
    base, app, tmp = stack.base, stack.app, stack.tmp
    status, first, body = fetch(base + "/")
    assert status == 200
    assert first["Cache-Control"].startswith("public")
    assert first["X-Cache-Status"] in ("MISS", "EXPIRED")
    status, second, again = fetch(base + "/")
    assert second["X-Cache-Status"] == "HIT"
    assert again == body
    assert "X-Accel-Expires" not in first and "X-Accel-Expires" not in second  # nginx's own
    status, headers, empty = fetch(base + "/", {"If-None-Match": second["ETag"]})
    assert status == 304 and empty == b""
    # a visitor with a session never gets the shared copy
    _, staff, _ = fetch(base + "/", {"Cookie": "sessionid=abc"})
    assert staff["X-Cache-Status"] == "BYPASS"
    # the login page (a form with a CSRF token) is never stored
    fetch(base + "/accounts/login/")
    _, login, _ = fetch(base + "/accounts/login/")
    assert login["X-Cache-Status"] != "HIT"
    assert "no-store" in login["Cache-Control"]

    # static files: from disk, cache headers, gzip
    css = "/static/catalog/catalog.css"
    status, headers, _ = fetch(base + css, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert headers.get("Content-Encoding") == "gzip"

    # public form POSTs are limited per address (burst 5): the 7th within a minute is refused
    codes = [fetch(base + "/apply/", data=b"x=1")[0] for _ in range(7)]
    assert codes[-1] == 429 and 429 not in codes[:5]

    # graceful reload: gunicorn replaces its workers, the site keeps answering
    app.send_signal(signal.SIGHUP)
    time.sleep(2)
    assert fetch(base + "/healthz")[0] == 200
    log = (tmp / "app.log").read_text()
    assert "Handling signal: hup" in log
    assert '"GET /healthz HTTP/1.0" 200' in log or '"GET /healthz HTTP/1.1" 200' in log


# Run in a child process on the served database (the test's own database is another one): the
# catalog's actions, as staff or a job would call them.
PUBLISH = """
import sys, time, django
django.setup()
from gongkai.catalog import actions
from gongkai.catalog.models import CatalogEntry
from gongkai.core.actors import SYSTEM
from gongkai.core.demo import DemoContext
from gongkai.orgs import demo
from gongkai.orgs.models import Organisation
from gongkai.orgs.services import resolve
import io

actor = SYSTEM("nginx test")
if not Organisation.objects.exists():
    demo.load(DemoContext(stdout=io.StringIO()))
city = Organisation.objects.get(parent__isnull=True, name="聊城市人民政府")
org = resolve("市财政局", within=city).organisation
entry = CatalogEntry.objects.filter(organisation=org, slug="nginx-test").first()
if entry is None:
    entry = actions.save_entry(organisation=org, actor=actor, parent=None, slug="nginx-test",
                               name="代理缓存测试", section="statutory")
title = sys.argv[1]
actions.publish_item_now(organisation=org, title=title, body=f"<p>{title}</p>",
                         entries=[entry], actor=actor)
print(f"/org/{org.code}/gk/c/{entry.slug}/ {time.time():.3f}")
"""


def publish(env, title):
    """(column path, the Unix time right after the action returned)."""
    done = subprocess.run(
        [sys.executable, "-c", PUBLISH, title], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.split()
    return out[-2], float(out[-1])


def test_a_publication_shows_through_the_proxy_cache_within_seconds(stack):
    base = stack.base
    column, _ = publish(stack.env, "代理缓存测试第一号通知")
    _, first, body = fetch(base + column)
    assert "s-maxage=1" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    _, again, _ = fetch(base + column)
    assert again["X-Cache-Status"] == "HIT"  # nginx answers from its copy
    assert "代理缓存测试第一号通知" in body.decode()

    _, published = publish(stack.env, "代理缓存测试第二号通知")
    seen, statuses = None, []
    while time.time() - published < 30:  # a bound, not a performance figure
        _, headers, body = fetch(base + column)
        statuses.append(headers["X-Cache-Status"])
        if "代理缓存测试第二号通知" in body.decode():
            seen = time.time() - published
            break
        time.sleep(0.1)
    assert seen is not None, f"not visible through nginx after 30 s: {statuses}"
    print(f"publish → visible through nginx: {seen:.2f} s ({' '.join(statuses)})")
    # nginx refreshed its copy from the application, it did not drop it: while it asked, the
    # visitors were answered from the stale copy (never a MISS)
    assert "MISS" not in statuses
    # an unchanged page is revalidated with its ETag: the application answers 304
    _, before, body = fetch(base + "/")
    time.sleep(2.2)
    fetch(base + "/")  # stale: answered from the copy while nginx asks the application
    deadline = time.monotonic() + 10
    while (
        time.monotonic() < deadline
        and '"GET / HTTP/1.1" 304' not in (stack.tmp / "app.log").read_text()
    ):
        time.sleep(0.2)
    assert '"GET / HTTP/1.1" 304' in (stack.tmp / "app.log").read_text()
    _, after, again = fetch(base + "/")
    assert after["X-Cache-Status"] != "MISS" and again == body  # the copy was kept
