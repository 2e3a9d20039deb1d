"""Issue #18.2: the CLI on a fresh data directory answers, never with a traceback."""

import os
import subprocess
import sys


def test_calendar_command_on_a_fresh_data_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["GONGKAI_DATA_DIR"] = str(tmp_path / "fresh")
    res = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "calendar", "add-workdays", "2026-09-25", "20"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in res.stderr, res.stderr
    assert res.returncode == 0, res.stderr
    assert "2026-10-29" in res.stdout
