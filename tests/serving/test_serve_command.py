"""`gongkai serve`: production mode unless --insecure, workers from the CPUs, standard access log."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.serving.management.commands import serve


def test_refuses_production_without_host_names(monkeypatch):
    monkeypatch.delenv("GONGKAI_ALLOWED_HOSTS", raising=False)
    with pytest.raises(CommandError, match="GONGKAI_ALLOWED_HOSTS"):
        call_command("serve", "--print")


def test_insecure_warns_and_prints_the_gunicorn_command(monkeypatch):
    out, err = io.StringIO(), io.StringIO()
    call_command("serve", "--insecure", "--print", "--workers", "3", stdout=out, stderr=err)
    assert "For local trials only" in err.getvalue()
    argv = out.getvalue()
    assert "gunicorn gongkai.wsgi:application" in argv and "--workers 3" in argv
    assert '"%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"' in argv  # Apache combined


def test_workers_follow_the_cpus(monkeypatch):
    monkeypatch.delenv("GONGKAI_WORKERS", raising=False)
    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert serve.default_workers() == 9
    monkeypatch.setenv("GONGKAI_WORKERS", "4")
    assert serve.default_workers() == 4


def test_threads_use_the_gthread_worker(monkeypatch):
    monkeypatch.delenv("GONGKAI_THREADS", raising=False)
    out = io.StringIO()
    call_command(
        "serve", "--insecure", "--print", "--workers", "2", stdout=out, stderr=io.StringIO()
    )
    if serve.DEFAULT_THREADS > 1:  # the default (docs/deployment.md: why)
        assert f"--worker-class gthread --threads {serve.DEFAULT_THREADS}" in out.getvalue()
    out = io.StringIO()
    call_command(
        "serve", "--insecure", "--print", "--threads", "1", stdout=out, stderr=io.StringIO()
    )
    assert "gthread" not in out.getvalue()  # plain sync workers
    monkeypatch.setenv("GONGKAI_THREADS", "6")
    out = io.StringIO()
    call_command("serve", "--insecure", "--print", stdout=out, stderr=io.StringIO())
    assert "--worker-class gthread --threads 6" in out.getvalue()


def test_workers_are_recycled_at_spread_out_counts():
    """Two workers sharing the load must not reach their recycling limit in the same second
    (both would stop accepting while they boot and warm): the jitter is as large as the limit."""
    argv = serve.gunicorn_argv("127.0.0.1:8000", 2, "", 60)
    limit = int(argv[argv.index("--max-requests") + 1])
    jitter = int(argv[argv.index("--max-requests-jitter") + 1])
    assert limit >= 10_000 and jitter >= limit
