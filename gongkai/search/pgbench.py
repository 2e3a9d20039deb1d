"""Run the search benchmark on a throwaway PostgreSQL server (the one ``run.py`` starts).

    .venv/bin/python -m gongkai.search.pgbench --docs 100000

Starts a private server with ``run.throwaway_postgres()``, creates the database, runs
``gongkai bench search --backend postgres`` against it and stops the server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    import psycopg

    from run import throwaway_postgres  # the repository's own helper

    with throwaway_postgres() as url:
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE gongkai")
        env = dict(os.environ, DATABASE_URL=url)
        cmd = [str(Path(sys.executable).parent / "gongkai"), "bench", "search", "--backend"]
        return subprocess.run([*cmd, "postgres", *argv], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
