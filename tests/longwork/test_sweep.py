"""A job whose worker died does not stay 进行中 for ever: the sweep marks it failed with a
message, and the same job can be started again."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core import jobs
from gongkai.longwork import actions
from gongkai.longwork.builtin import EXPORT
from gongkai.longwork.models import Job
from gongkai.rules import dates
from gongkai.rules.longwork import abandoned

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# -- the rule ---------------------------------------------------------------------------------
def test_rule_same_node_asks_the_process_other_nodes_go_by_time():
    def alive(pid):
        return pid == 10

    kw = {"this_host": "web1", "pid_alive": alive, "stale_seconds": 1800}
    recent, old = NOW - dt.timedelta(minutes=5), NOW - dt.timedelta(hours=2)
    assert abandoned("web1:10", old, NOW, **kw) is None  # alive here: however silent
    assert "web1:11 已停止" in abandoned("web1:11", recent, NOW, **kw)
    assert abandoned("web2:11", recent, NOW, **kw) is None  # another node, recently active
    assert "120 分钟没有进展" in abandoned("web2:11", old, NOW, **kw)
    assert "120 分钟" in abandoned("", old, NOW, **kw)  # no worker recorded: time alone
    assert abandoned("", None, NOW, **kw) is None


# -- the sweep --------------------------------------------------------------------------------
def _running(finance, worker: str, alive_at, actor=None):
    job = Job.objects.create(kind=EXPORT, organisation=finance, params={"year": 2026}, actor=actor,
                             state=Job.RUNNING, started_at=alive_at, alive_at=alive_at,
                             worker=worker, message="正在执行")  # fmt: skip
    return job


def test_a_job_whose_process_died_is_marked_failed_and_can_be_started_again(
    client, staff, finance, run_commits
):
    here = socket.gethostname()
    dead = _running(finance, f"{here}:{dead_pid()}", dates.now(), actor=staff["lc-editor"])
    client.force_login(staff["lc-editor"])

    # the person starts the same export again: the dead one is swept first, the new one runs
    r = run_commits(client.post, f"/staff/work/start/{EXPORT}/",
                    {"organisation": finance.pk, "year": "2026"})  # fmt: skip
    assert r.status_code == 302
    dead.refresh_from_db()
    assert dead.state == Job.FAILED
    assert "任务执行中断" in dead.error and "已停止" in dead.error
    entry = AuditEntry.objects.filter(object_id=str(dead.pk), to_state=Job.FAILED).get()
    assert entry.actor is None and entry.actor_name.startswith("系统")
    fresh = Job.objects.exclude(pk=dead.pk).get()
    assert fresh.state == Job.DONE
    page = client.get("/staff/work/").content.decode()
    assert "任务执行中断" in page


def test_the_scheduled_sweep_leaves_live_and_recent_jobs_alone(finance):
    here = socket.gethostname()
    import os

    live = _running(finance, f"{here}:{os.getpid()}", dates.now() - dt.timedelta(hours=5))
    recent = _running(finance, "other-node:4242", dates.now() - dt.timedelta(minutes=3))
    silent = _running(finance, "other-node:4243", dates.now() - dt.timedelta(hours=1))
    sweep = next(j for j in jobs.all_jobs() if j.name == "longwork.sweep")
    assert sweep.fn(dates.now()) == "1 abandoned job(s) marked failed"
    states = {j.pk: j.state for j in Job.objects.all()}
    assert states == {live.pk: Job.RUNNING, recent.pk: Job.RUNNING, silent.pk: Job.FAILED}
    assert "60 分钟没有进展" in Job.objects.get(pk=silent.pk).error


def test_progress_is_a_sign_of_life(finance):
    job = _running(finance, "other-node:4244", dates.now() - dt.timedelta(hours=1))
    actions.report_progress(job, 3, 10, "第 3 条")
    assert actions.sweep_abandoned() == "no abandoned job"
    job.refresh_from_db()
    assert job.state == Job.RUNNING and (job.done, job.total) == (3, 10)
