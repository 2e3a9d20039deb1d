"""A throwaway PostgreSQL server: initialised in a temporary folder, started on a free port,
stopped and deleted afterwards. Standard library only, so ``run.py`` can use it before the
virtual environment exists, and the benchmarks can use it from an installed package.

    from gongkai.devtools.pgserver import throwaway_postgres
    with throwaway_postgres() as url:      # postgresql://postgres@127.0.0.1:PORT/gongkai
        ...

    with throwaway_postgres() as url, streaming_replica(url) as replica_url:
        ...                                # a hot standby fed by streaming replication

    python -m gongkai.devtools.pgserver CMD ARGS...   # run CMD with DATABASE_URL set
    python -m gongkai.devtools.pgserver --replica CMD ARGS...   # and DATABASE_REPLICA_URLS

The database named in the URL (``gongkai``) is not created: Django's test runner creates its
own; ``create_database(url)`` creates it for tools that need it (the benchmark).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=300"
)


def _sh(*cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def find_pg_bin(name: str) -> str:
    """A PostgreSQL program (initdb, pg_ctl, psql ...), newest installed version first."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"PostgreSQL's {name} was not found (apt-get install postgresql)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workdir(prefix: str) -> tuple[Path, list[str]]:
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres"
        shutil.chown(tmp, user=user)
        as_user = ["runuser", "-u", user, "--"]
    return tmp, as_user


def _wait_port(port: int) -> None:
    for _ in range(50):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)


@contextlib.contextmanager
def streaming_replica(primary_url: str, options: str = ""):
    """A hot standby of the throwaway server at ``primary_url``: ``pg_basebackup -R`` (a base
    backup that writes the standby's connection settings), started on a free port; yield its URL
    (same database name); stop and delete it."""
    pg_basebackup = find_pg_bin("pg_basebackup")
    address, _, name = primary_url.rpartition("/")
    primary_port = address.rpartition(":")[2]
    tmp, as_user = _workdir("gongkai-pg-replica-")
    data = tmp / "data"
    _sh(
        *as_user,
        pg_basebackup,
        "-h",
        "127.0.0.1",
        "-p",
        primary_port,
        "-U",
        "postgres",
        "-D",
        data,
        "-R",
        "-X",
        "stream",
        "--checkpoint=fast",
    )
    try:
        with _started(as_user, data, tmp, f"-c hot_standby=on {options}") as port:
            yield f"postgresql://postgres@127.0.0.1:{port}/{name}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _started(as_user: list[str], data: Path, folder: Path, options: str = ""):
    """Start the server of ``data`` on a free port (socket and log in ``folder``); yield the
    port; stop it."""
    pg_ctl = find_pg_bin("pg_ctl")
    port = free_port()
    opts = f"-p {port} -k {folder} {SERVER_OPTIONS} {options}".strip()
    _sh(*as_user, pg_ctl, "-D", data, "-o", opts, "-l", folder / "server.log", "-w", "start",
        stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_port(port)
        yield port
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )


@contextlib.contextmanager
def throwaway_postgres(options: str = ""):
    """Initialise and start a private PostgreSQL server; yield its URL; stop and delete it.

    ``options``: extra server settings (``-c name=value ...``), e.g. for a benchmark."""
    initdb, pg_ctl = find_pg_bin("initdb"), find_pg_bin("pg_ctl")
    tmp, as_user = _workdir("gongkai-pg-")
    data = tmp / "data"
    port = free_port()
    _sh(
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
    opts = f"-p {port} -k {tmp} {SERVER_OPTIONS} {options}".strip()
    _sh(
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


@contextlib.contextmanager
def kept_postgres(folder, options: str = ""):
    """A PostgreSQL server whose data directory is ``folder/data`` and is kept: initialised on
    the first use, started on a free port, yield its URL, stopped (not deleted) afterwards, and
    started again with its data by the next use (a benchmark's kept fill)."""
    initdb = find_pg_bin("initdb")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, user="postgres")
        # the server must reach its data also once the parent is made 750 (a gongkai data
        # folder is, by the settings of the process that runs next)
        shutil.chown(folder.parent, group="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        _sh(*as_user, initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", stdout=subprocess.DEVNULL)  # fmt: skip
    with _started(as_user, data, folder, options) as port:
        yield f"postgresql://postgres@127.0.0.1:{port}/gongkai"


def ensure_database(url: str) -> None:
    """``create_database`` unless the database exists already (a kept server)."""
    admin, _, name = url.rpartition("/")
    found = subprocess.run(
        [find_pg_bin("psql"), f"{admin}/postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if found != "1":
        create_database(url)


def create_database(url: str) -> None:
    """Create the database named in the URL (with psql, so no driver is needed)."""
    admin, _, name = url.rpartition("/")
    subprocess.run(
        [find_pg_bin("psql"), f"{admin}/postgres", "-qc", f'CREATE DATABASE "{name}"'],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main(argv: list[str]) -> int:
    replica = bool(argv) and argv[0] == "--replica"
    argv = argv[1:] if replica else argv
    if not argv:
        print(__doc__)
        return 2
    with throwaway_postgres() as url:
        env = dict(os.environ, DATABASE_URL=url)
        if not replica:
            return subprocess.run(argv, env=env).returncode
        create_database(url)
        with streaming_replica(url) as replica_url:
            env["DATABASE_REPLICA_URLS"] = replica_url
            return subprocess.run(argv, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
