"""The product's front proxy, ``deploy/nginx/``, run on loopback in front of a local server.

The repository's own files are used, not a copy: ``render`` reads ``gongkai-http.conf``,
``gongkai-locations.conf``, ``gongkai-proxy.conf`` (and ``gongkai-brotli.conf`` where the
module is installed), replaces the production paths and the upstream's ``127.0.0.1:8000`` with
a temporary folder and the application's port, and wraps them in a minimal ``nginx.conf`` whose
one ``server`` listens on loopback instead of ``gongkai-site.conf``'s TLS server. Used by
tests/serving/test_nginx.py and by ``gongkai bench portal`` ("nginx proxy cache").
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from gongkai.devtools.pgserver import free_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
_TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )


def _ours(name: str, tmp: Path, app_port: int, static_root: Path) -> str:
    text = (DEPLOY / name).read_text(encoding="utf-8")
    text = text.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    text = text.replace("/var/cache/nginx/gongkai", str(tmp / "cache"))
    text = text.replace("/var/lib/gongkai/static/", f"{static_root}/")
    return text.replace("/etc/nginx/gongkai-", f"{tmp}/gongkai-")


def render(
    tmp: Path, app_port: int, port: int, static_root: Path, *, access_log: bool = True
) -> Path:
    """Write deploy/nginx's files for ``tmp`` and the application on ``app_port``; the path of
    the ``nginx.conf`` that listens on ``127.0.0.1:port``."""
    for name in ("gongkai-locations.conf", "gongkai-proxy.conf", "gongkai-brotli.conf"):
        (tmp / name).write_text(_ours(name, tmp, app_port, static_root), encoding="utf-8")
    brotli = BROTLI.exists()
    temp_paths = "".join(f" {d}_temp_path {tmp}/{d};\n" for d in _TEMP_DIRS)
    conf = tmp / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI};\n" if brotli else "")
        + ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        + "events { worker_connections 1024; }\n"
        + "http {\n include /etc/nginx/mime.types;\n"
        + (f" access_log {tmp}/access.log;\n" if access_log else " access_log off;\n")
        + temp_paths
        + _ours("gongkai-http.conf", tmp, app_port, static_root)
        + f"\n server {{\n  listen 127.0.0.1:{port};\n  include {tmp}/gongkai-locations.conf;\n"
        + (f"  include {tmp}/gongkai-brotli.conf;\n" if brotli else "")
        + " }\n}\n",
        encoding="utf-8",
    )
    return conf


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def stop(proc: subprocess.Popen, timeout: float) -> None:
    """Ask a server process to end; kill it when it has not ended after ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def running(app_port: int, static_root: Path, *, tmp: Path | None = None, access_log=True):
    """nginx with deploy/nginx in front of the application on ``app_port``; yields
    (base URL, its folder). The folder is removed afterwards unless ``tmp`` was given."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    own = tmp is None
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-proxy-")) if own else Path(tmp)
    port = free_port()
    conf = render(tmp, app_port, port, Path(static_root), access_log=access_log)
    proc = subprocess.Popen(
        [nginx, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
        stderr=open(tmp / "nginx.out", "w"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(base + "/healthz"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(tmp / 'nginx.out').read_text()}")
            time.sleep(0.2)
        yield base, tmp
    finally:
        stop(proc, 20)
        if own:
            shutil.rmtree(tmp, ignore_errors=True)
