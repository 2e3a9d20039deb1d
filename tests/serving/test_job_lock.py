"""The job lock: two runs (two processes, as two nodes or two cron runs) never run one job at
once; the lock is released when the job ends, also when it fails."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from gongkai.core import jobs

pytestmark = pytest.mark.django_db(transaction=True)

JOB = "catalog.expire"


def _env() -> dict:
    env = dict(
        os.environ,
        GONGKAI_DATA_DIR=str(settings.DATA_DIR),
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    env.pop("GONGKAI_PRODUCTION", None)
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"  # the test database
        )
    return env


def other_process_runs(job: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "django", "jobs", "run", job],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


TRY_LOCK = (
    "import django; django.setup(); from gongkai.core import jobs\n"
    "with jobs.job_lock(%r) as held: print('held' if held else 'busy')"
)


def other_process_takes(job: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", TRY_LOCK % job],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_a_job_held_by_one_process_is_skipped_by_another():
    with jobs.job_lock(JOB) as held:
        assert held
        assert f"{JOB}: skipped (already running elsewhere)" in other_process_runs(JOB)
        assert other_process_takes(JOB) == "busy"
        assert other_process_takes("another.job") == "held"
    assert other_process_takes(JOB) == "held"  # released when the holder is done


def test_the_lock_is_exclusive_within_one_process_too():
    with jobs.job_lock(JOB) as first:
        with jobs.job_lock(JOB) as second:
            assert first and not second
        with jobs.job_lock("another.job") as third:
            assert third  # one lock per job


def test_a_failing_job_releases_its_lock():
    with pytest.raises(RuntimeError), jobs.job_lock(JOB) as held:
        assert held
        raise RuntimeError("job failed")
    with jobs.job_lock(JOB) as again:
        assert again
