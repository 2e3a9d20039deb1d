"""Run the search benchmark on a throwaway PostgreSQL server.

    gongkai-python -m gongkai.search.pgbench --docs 100000 [bench options]

Starts a private server (``gongkai.devtools.pgserver``), creates and migrates the database, runs
``gongkai bench search --backend postgres`` against it and stops the server. Extra server
settings for an experiment: ``GONGKAI_PGBENCH_OPTIONS="-c work_mem=64MB"``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gongkai.devtools.pgserver import create_database, throwaway_postgres


def main(argv: list[str]) -> int:
    with throwaway_postgres(os.environ.get("GONGKAI_PGBENCH_OPTIONS", "")) as url:
        create_database(url)
        env = dict(os.environ, DATABASE_URL=url)
        gongkai = str(Path(sys.executable).parent / "gongkai")
        # the command refuses an unmigrated server database
        subprocess.run([gongkai, "manage", "migrate", "--verbosity", "0"], env=env, check=True)
        cmd = [gongkai, "bench", "search", "--backend", "postgres"]
        return subprocess.run([*cmd, *argv], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
