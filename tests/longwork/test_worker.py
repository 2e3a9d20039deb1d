"""The database backend with a real worker process: a job started on the page waits in the
queue (django-tasks-db's table, committed with the job) until `gongkai longwork worker` takes
it, runs it and keeps its result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gongkai.longwork import actions
from gongkai.longwork.builtin import EXPORT
from gongkai.longwork.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str | None:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    name = str(s.get("TEST", {}).get("NAME") or s["NAME"])
    if "memory" in name or not os.path.exists(name):
        return None  # an in-memory test database: no other process can see it
    return f"sqlite:///{name}"


def worker(*argv) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        # this test's media folder is DATA_DIR/media of the worker: the result lands where the
        # page reads it
        GONGKAI_DATA_DIR=str(Path(settings.MEDIA_ROOT).parent),
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        GONGKAI_TASKS_BACKEND="database",
        DATABASE_URL=_database_url(),
        GONGKAI_PAGE_CACHE="0",
    )
    env.pop("GONGKAI_PRODUCTION", None)
    return subprocess.run(
        [sys.executable, "-m", "django", "longwork", "worker", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_worker_process_picks_up_a_queued_job(client, staff, finance, settings):
    assert Path(settings.MEDIA_ROOT).name == "media"
    if _database_url() is None:
        pytest.skip("the SQLite test database is in memory: a worker process cannot reach it")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    client.force_login(staff["lc-editor"])
    year = finance.items_published[0].published_at.year
    r = client.post(f"/staff/work/start/{EXPORT}/", {"organisation": finance.pk, "year": year})
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.QUEUED and job.task_id  # waiting for a worker
    assert DBTaskResult.objects.filter(pk=job.task_id, status="READY").exists()
    assert "排队中" in client.get("/staff/work/").content.decode()

    out = worker("--batch", "--interval", "0")
    assert out.returncode == 0, out.stdout + out.stderr

    job.refresh_from_db()
    assert job.state == Job.DONE, job.error
    assert (job.done, job.total) == (3, 3)
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"
    dl = client.get(f"/staff/work/{job.pk}/result")
    assert dl.status_code == 200 and b"".join(dl.streaming_content)[:2] == b"PK"

    # a job the worker already finished is not run again
    assert actions.run(job.pk) == "skipped"
