"""deploy/backup.sh and deploy/restore.sh: a dump of the database and the data directory,
restored into a fresh database and folder, gives back the same items, audit log and files.
Needs PostgreSQL (run.py test --postgres); skipped on SQLite."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from gongkai.devtools.pgserver import create_database, find_pg_bin

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
]


def _counts(url: str) -> tuple:
    out = subprocess.run(
        [
            find_pg_bin("psql"),
            url,
            "-tAc",
            "SELECT (SELECT count(*) FROM catalog_item), (SELECT count(*) FROM audit_auditentry),"
            " (SELECT string_agg(title, '|' ORDER BY id) FROM catalog_item)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(out.stdout.strip().split("|", 2))


def test_backup_and_restore_round_trip(catalog, tmp_path):
    s = connection.settings_dict
    url = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    data = tmp_path / "data"
    (data / "media" / "attachments").mkdir(parents=True)
    upload = data / "media" / "attachments" / "月报.xlsx"
    upload.write_bytes(os.urandom(4096))
    (data / "secret_key").write_text("k")
    (data / "static").mkdir()
    (data / "static" / "x.css").write_text("body{}")
    env = dict(
        os.environ,
        DATABASE_URL=url,
        GONGKAI_DATA_DIR=str(data),
        PATH=f"{Path(find_pg_bin('pg_dump')).parent}:{os.environ['PATH']}",
    )
    out = subprocess.run(
        ["sh", DEPLOY / "backup.sh", tmp_path / "backups"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    dump, tarball = out.stdout.split()
    before = _counts(url)
    assert int(before[0]) >= 3

    restored_url = url.rsplit("/", 1)[0] + "/gongkai_restored"
    create_database(restored_url)
    target = tmp_path / "restored"
    env.update(DATABASE_URL=restored_url, GONGKAI_DATA_DIR=str(target))
    subprocess.run(
        ["sh", DEPLOY / "restore.sh", dump, tarball],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert _counts(restored_url) == before
    copy = target / "media" / "attachments" / "月报.xlsx"
    assert (
        hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(upload.read_bytes()).digest()
    )
    assert (target / "secret_key").read_text() == "k"
    assert not (target / "static").exists()  # rebuilt by collectstatic, not backed up
