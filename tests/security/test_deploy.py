"""Issue #17.13: production settings pass `check --deploy`, refuse ALLOWED_HOSTS=*, strict CSP."""

import os
import subprocess
import sys

import pytest


def _run(env_extra, *args):
    # Neither gongkai's own variables nor the one the browser tests set
    # (DJANGO_ALLOW_ASYNC_UNSAFE) belong to a production environment.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GONGKAI_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env["GONGKAI_DATA_DIR"] = os.environ.get("GONGKAI_DATA_DIR", "/tmp/gk-deploy-test")
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=gongkai.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    res = _run(
        {"GONGKAI_PRODUCTION": "1", "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "no issues" in res.stdout


@pytest.mark.parametrize("hosts", ["*", ""])
def test_production_refuses_wildcard_or_missing_hosts(hosts):
    env = {"GONGKAI_PRODUCTION": "1"}
    if hosts:
        env["GONGKAI_ALLOWED_HOSTS"] = hosts
    res = _run(env, "check")
    assert res.returncode != 0
    assert "GONGKAI_ALLOWED_HOSTS" in res.stderr


def test_foreign_host_header_is_refused(client, db):
    resp = client.get("/robots.txt", HTTP_HOST="evil.example.com")
    assert resp.status_code == 400


@pytest.mark.parametrize("url", ["/", "/search/?q=低保", "/accounts/login/", "/api/v1/"])
def test_every_answer_carries_a_strict_csp(client, db, url):
    resp = client.get(url)
    policy = resp["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_secret_key_file_is_private(settings):
    path = settings.DATA_DIR / "secret_key"
    if path.exists():
        assert path.stat().st_mode & 0o077 == 0
