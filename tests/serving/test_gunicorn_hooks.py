"""`gongkai serve` hands gunicorn its hooks: the application loaded in the master is frozen out
of the garbage collector's sight before the workers are forked (the item page's single-client
p99 was a full collection walking ~100,000 long-lived objects; docs/deployment.md)."""

from __future__ import annotations

import gc
import io

from django.core.management import call_command

from gongkai.serving import gunicorn_hooks


def test_the_server_is_started_with_the_hooks():
    out = io.StringIO()
    call_command("serve", "--insecure", "--print", stdout=out, stderr=io.StringIO())
    assert "--config python:gongkai.serving.gunicorn_hooks" in out.getvalue()


def test_when_ready_freezes_what_the_master_loaded():
    before = gc.get_freeze_count()
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        gunicorn_hooks.when_ready(server=None)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Django, the apps, their URL patterns and templates
        assert frozen > len(gc.get_objects())  # a full collection now walks far fewer
    finally:
        gc.unfreeze()
        if before:
            gc.freeze()
