"""Issue #18.2: the CLI on a fresh data directory answers, never with a traceback, also when two
commands start at once on it."""

import os
import subprocess
import sys


def test_two_commands_started_at_once_on_a_fresh_data_dir_both_answer(tmp_path):
    """Two commands at once on a fresh folder (two cron jobs, a bench beside a demo): one
    prepares the database, the other waits for it; neither stops with "table already exists"."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["GONGKAI_DATA_DIR"] = str(tmp_path / "fresh")
    argv = [sys.executable, "-m", "gongkai.cli", "calendar", "add-workdays", "2026-09-25", "20"]
    runs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert "Traceback" not in err, err
        assert run.returncode == 0, err
        assert "2026-10-29" in out
