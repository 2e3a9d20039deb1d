#!/usr/bin/env python3
"""The two commands of README.md, for a fresh machine with nothing but python3.

    python3 run.py demo [--port N]     install into .venv, load the demo data, start the portal
    python3 run.py test [--postgres] [pytest args]
                                       install into .venv (with test tools), lint, run every test
                                       in one pytest-xdist worker per CPU (pass -n 0 for one);
                                       --postgres runs them on a throwaway PostgreSQL server that
                                       this script initialises, starts and stops itself

Only the standard library is used here: this file runs before anything is installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"


def sh(*cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def install(extras: str = "") -> None:
    """Create .venv and install gongkai into it; skipped when pyproject.toml has not changed.
    Two runs started at once install one after the other (a lock file beside .venv)."""
    import fcntl

    with open(ROOT / ".venv.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _install(extras)


def _install(extras: str) -> None:
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


# Debian packages the tests use: the browser for the browser tests, Tesseract with its Simplified
# Chinese data and poppler (with its Chinese maps) for the gazette's OCR and page images, a CJK font to draw them, nginx
# for the front-proxy tests, PostgreSQL for `test --postgres`.
SYSTEM_PACKAGES = {
    "chromium": "/usr/bin/chromium",
    "tesseract-ocr": "/usr/bin/tesseract",
    "tesseract-ocr-chi-sim": "/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata",
    "poppler-utils": "/usr/bin/pdftoppm",
    # the Chinese character maps: a PDF whose Chinese font is not embedded (SimSun in most
    # government PDFs) renders blank pages without them
    "poppler-data": "/usr/share/poppler/cMap/Adobe-GB1",
    "fonts-wqy-zenhei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "nginx": "/usr/sbin/nginx",
    "wrk": "/usr/bin/wrk",
}


def ensure_system_packages() -> None:
    """Install what the tests need from Debian (as root); without root, say what is missing."""
    missing = [name for name, path in SYSTEM_PACKAGES.items() if not os.path.exists(path)]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"run.py: installing Debian packages for the tests: {' '.join(missing)}", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        sh("apt-get", "update", "-qq", env=env)
        sh("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)
    else:
        print(
            f"! not installed and cannot install here (need root and apt-get): {' '.join(missing)};"
            " the tests that need them will be skipped",
            flush=True,
        )


def throwaway_postgres():
    """The package's throwaway PostgreSQL server (standard library only, importable before the
    virtual environment exists): gongkai/devtools/pgserver.py."""
    sys.path.insert(0, str(ROOT))
    from gongkai.devtools.pgserver import throwaway_postgres as server

    return server()


def cmd_demo(args: list[str]) -> int:
    install()
    os.execv(str(BIN / "gongkai"), [str(BIN / "gongkai"), "demo", *args])
    return 0


def cmd_test(args: list[str]) -> int:
    install("[test]")
    ensure_system_packages()
    postgres = "--postgres" in args
    args = [a for a in args if a != "--postgres"]
    if not args:  # a full run also checks lint and formatting
        sh(BIN / "ruff", "check", "gongkai", "tests", "run.py", cwd=ROOT)
        sh(BIN / "ruff", "format", "--check", "--quiet", "gongkai", "tests", "run.py", cwd=ROOT)
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # Bytecode is written (into the git-ignored __pycache__ folders) even where the machine sets
    # PYTHONDONTWRITEBYTECODE: else every process of the run (each pytest-xdist worker, every
    # `gongkai serve` worker and command a test starts) compiles gongkai and rewrites the tests'
    # asserts again; collection took 4.8 s a worker without it, 2.0 s with it (docs/architecture.md)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-test-")
    env.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
    with contextlib.ExitStack() as stack:
        if postgres:
            env["DATABASE_URL"] = stack.enter_context(throwaway_postgres())
            print(f"database: {env['DATABASE_URL']}", flush=True)
        else:
            print("database: SQLite", flush=True)
        if not any(a.startswith(("-n", "--numprocesses", "--dist")) for a in args):
            # pytest-xdist: one worker per CPU, each with its own test database (…_gw0, …_gw1);
            # an idle worker takes tests queued for the other, so a few long tests (the demo,
            # the serving bench) do not leave one CPU waiting at the end
            args = ["-n", "auto", "--dist", "worksteal", *args]
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
