"""deploy/nginx in front of a real `gongkai serve`: a cached hit, a 304, static files with their
cache headers and gzip, the POST limit of the public forms, a graceful reload (SIGHUP)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from gongkai.devtools.pgserver import free_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")

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
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def nginx_conf(tmp: Path, app_port: int, port: int, static_root: Path) -> Path:
    def our(name: str) -> str:
        text = (DEPLOY / name).read_text()
        text = text.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        text = text.replace("/var/cache/nginx/gongkai", str(tmp / "cache"))
        text = text.replace("/var/lib/gongkai/static/", f"{static_root}/")
        return text.replace("/etc/nginx/gongkai-", f"{tmp}/gongkai-")

    for name in ("gongkai-locations.conf", "gongkai-proxy.conf", "gongkai-brotli.conf"):
        (tmp / name).write_text(our(name))
    brotli = BROTLI.exists()
    conf = tmp / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI};\n" if brotli else "")
        + ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        + "events { worker_connections 256; }\n"
        + "http {\n include /etc/nginx/mime.types;\n"
        + f" access_log {tmp}/access.log;\n"
        + "".join(
            f" {d} {tmp}/{d.split('_')[0]};\n"
            for d in (
                "client_body_temp_path",
                "proxy_temp_path",
                "fastcgi_temp_path",
                "uwsgi_temp_path",
                "scgi_temp_path",
            )
        )
        + our("gongkai-http.conf")
        + f"\n server {{\n  listen 127.0.0.1:{port};\n  include {tmp}/gongkai-locations.conf;\n"
        + (f"  include {tmp}/gongkai-brotli.conf;\n" if brotli else "")
        + " }\n}\n"
    )
    return conf


@pytest.fixture
def stack(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    app_port, port = free_port(), free_port()
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
    web = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        conf = nginx_conf(tmp_path, app_port, port, data / "static")
        web = subprocess.Popen(
            [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
            stderr=open(tmp_path / "nginx.out", "w"),
        )
        wait_for(f"http://127.0.0.1:{port}/healthz", 30)
        yield f"http://127.0.0.1:{port}", app, tmp_path
    finally:
        for proc in (web, app):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_nginx_caches_public_pages_and_answers_304(stack):
    base, app, tmp = stack
    status, first, body = fetch(base + "/")
    assert status == 200
    assert first["Cache-Control"].startswith("public")
    assert first["X-Cache-Status"] in ("MISS", "EXPIRED")
    status, second, again = fetch(base + "/")
    assert second["X-Cache-Status"] == "HIT"
    assert again == body
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
