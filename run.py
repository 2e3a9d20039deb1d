#!/usr/bin/env python3
"""The two commands of README.md, for a fresh machine with nothing but python3.

    python3 run.py demo [--port N]     install into .venv, load the demo data, start the portal
    python3 run.py test [--postgres] [pytest args]
                                       install into .venv (with test tools), lint, run every test;
                                       --postgres runs them on a throwaway PostgreSQL server that
                                       this script initialises, starts and stops itself

Only the standard library is used here: this file runs before anything is installed.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"


def sh(*cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def install(extras: str = "") -> None:
    """Create .venv and install gongkai into it; skipped when pyproject.toml has not changed."""
    if not (BIN / "python").exists():
        sh(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed{extras}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(
        "run.py: installing gongkai and its dependencies into .venv"
        " (first run or pyproject.toml changed: about 2 minutes)…",
        flush=True,
    )
    sh(
        BIN / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-e",
        f".{extras}",
        cwd=ROOT,
    )
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """Debian's chromium for the browser tests (Playwright drives it; it downloads no browser)."""
    if shutil.which("chromium"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        sh("apt-get", "update", "-qq", env=env)
        sh("apt-get", "install", "-y", "-qq", "chromium", env=env)
    else:
        print(
            "! chromium is not installed and cannot be installed here (need root and apt-get):"
            " the browser tests will be skipped",
            flush=True,
        )


def _find_pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"run.py: PostgreSQL's {name} was not found (apt-get install postgresql)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres():
    """Initialise and start a private PostgreSQL server; yield its URL; stop and delete it."""
    initdb, pg_ctl = _find_pg_bin("initdb"), _find_pg_bin("pg_ctl")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-pg-"))
    data = tmp / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres"
        shutil.chown(tmp, user=user)
        as_user = ["runuser", "-u", user, "--"]
    else:
        user = os.environ.get("USER") or "postgres"
    port = _free_port()
    sh(
        *as_user,
        initdb,
        "-D",
        data,
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        stdout=subprocess.DEVNULL,
    )
    opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    sh(
        *as_user,
        pg_ctl,
        "-D",
        data,
        "-o",
        opts,
        "-l",
        tmp / "server.log",
        "-w",
        "start",
        stdout=subprocess.DEVNULL,
    )
    try:
        url = f"postgresql://postgres@127.0.0.1:{port}/gongkai"
        for _ in range(50):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=1),
            ):
                break
            time.sleep(0.2)
        yield url
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


def cmd_demo(args: list[str]) -> int:
    install()
    os.execv(str(BIN / "gongkai"), [str(BIN / "gongkai"), "demo", *args])
    return 0


def cmd_test(args: list[str]) -> int:
    install("[test]")
    ensure_chromium()
    postgres = "--postgres" in args
    args = [a for a in args if a != "--postgres"]
    if not args:  # a full run also checks lint and formatting
        sh(BIN / "ruff", "check", "gongkai", "tests", "run.py", cwd=ROOT)
        sh(BIN / "ruff", "format", "--check", "--quiet", "gongkai", "tests", "run.py", cwd=ROOT)
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-test-")
    env.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
    with contextlib.ExitStack() as stack:
        if postgres:
            env["DATABASE_URL"] = stack.enter_context(throwaway_postgres())
            print(f"database: {env['DATABASE_URL']}", flush=True)
        else:
            print("database: SQLite", flush=True)
        result = subprocess.run([str(BIN / "pytest"), *args], cwd=ROOT, env=env)
    shutil.rmtree(env["GONGKAI_DATA_DIR"], ignore_errors=True)
    return result.returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return cmd_demo(rest) if command == "demo" else cmd_test(rest)


if __name__ == "__main__":
    sys.exit(main())
