"""Hashed static names in production: with the manifest storage (GONGKAI_PRODUCTION=1) a page
links its stylesheet by a content-hashed name, which deploy/nginx caches for a year; the
embedded demo keeps plain names."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "gongkai-locations.conf"
MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def storage_of(extra_env: dict) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(GONGKAI_DATA_DIR=os.environ.get("GONGKAI_DATA_DIR", "/tmp/gk-static-test"))
    env.update(extra_env)
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
         " print(settings.STORAGES['staticfiles']['BACKEND'])"],
        env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_production_uses_the_manifest_storage_and_the_demo_does_not():
    prod = {"GONGKAI_PRODUCTION": "1", "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn"}
    assert storage_of(prod) == MANIFEST
    assert storage_of({}) == "whitenoise.storage.CompressedStaticFilesStorage"


def nginx_rules() -> tuple[str, str, re.Pattern]:
    text = NGINX.read_text()
    block = text[text.index("location /static/") :]
    plain = re.search(r'add_header Cache-Control "([^"]+)"', block)[1]
    m = re.search(r'location ~ "([^"]+)" \{(.*?)\}', block, re.S)
    hashed = re.search(r'add_header Cache-Control "([^"]+)"', m[2])[1]
    return plain, hashed, re.compile(m[1])


@pytest.mark.django_db
def test_a_page_links_hashed_names_that_nginx_caches_for_a_year(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.GONGKAI_PAGE_CACHE = False

    page = client.get("/accounts/login/").content.decode()
    link = re.search(r'<link rel="stylesheet" href="(/static/gongkai/site\.[^"]+)"', page)[1]
    assert re.fullmatch(r"/static/gongkai/site\.[0-9a-f]{12}\.css", link), link
    assert (settings.STATIC_ROOT / link.removeprefix("/static/")).exists()
    assert (settings.STATIC_ROOT / (link.removeprefix("/static/") + ".gz")).exists()

    plain, hashed, pattern = nginx_rules()
    assert pattern.search(link)  # the year-long rule applies to what the page links
    assert "max-age=31536000" in hashed and "immutable" in hashed
    assert not pattern.search("/static/gongkai/site.css")  # plain names: the short rule
    assert "max-age=3600" in plain
