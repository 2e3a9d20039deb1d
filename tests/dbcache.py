"""The migrated test database, kept between test processes.

Migrating an empty database takes 8–20 s on this project, and every pytest process paid it
before its first database test (each xdist worker, each ``-n 0`` run). The first process to
migrate a given set of migrations now keeps a copy of the migrated database in pytest's cache
folder (``.pytest_cache/d/gongkai-db/``); later processes load that copy into their new test
database instead of migrating (SQLite: the sqlite3 backup API into the in-memory database;
PostgreSQL: ``pg_dump``/``pg_restore``), in well under a second.

The copy is keyed by a digest of every migration file of every installed app, the models
modules, the gongkai modules the migrations import (the audit triggers), ``INSTALLED_APPS``,
the Django version and the database server's version: a new or edited migration migrates again
(and keeps a new copy). A copy that fails to load is ignored and the database migrated as before.
``GONGKAI_TEST_DB_CACHE=0`` (or ``-p no:cacheprovider``, or ``--create-db``) migrates every time.
Tests that run migrations themselves (tests/catalog/test_attachment_migration.py) are unchanged:
the loaded database is the migrated one, with its ``django_migrations`` rows.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

_IMPORT = re.compile(r"^\s*(?:from|import)\s+(gongkai(?:\.\w+)+)", re.M)


def _sources() -> list[Path]:
    """The files the migrated schema depends on."""
    import importlib.util

    from django.apps import apps

    files: set[Path] = set()
    for config in apps.get_app_configs():
        root = Path(config.path)
        for sub in ("migrations", "models"):
            if (root / sub).is_dir():
                files.update((root / sub).rglob("*.py"))
        if (root / "models.py").exists():
            files.add(root / "models.py")
    for path in [p for p in files if p.parent.name == "migrations"]:
        for name in _IMPORT.findall(path.read_text(encoding="utf-8")):
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin and spec.origin.endswith(".py"):
                files.add(Path(spec.origin))
    return sorted(files)


def digest(connection) -> str:
    server = sqlite3.sqlite_version
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            server = cursor.fetchone()[0]
    return _digest(connection.vendor, server)


def _digest(vendor: str, server: str) -> str:
    import django
    from django.conf import settings

    h = hashlib.sha256()
    h.update(f"{django.get_version()} {vendor} {server}\n".encode())
    h.update(repr(list(settings.INSTALLED_APPS)).encode())
    for path in _sources():
        h.update(f"\n{path.parent.name}/{path.name}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["-h", settings_dict.get("HOST") or "localhost", "-U", settings_dict.get("USER") or ""]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _pg_bin(name: str) -> str:
    import shutil
    from glob import glob

    found = shutil.which(name) or next(
        iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise FileNotFoundError(name)
    return found


def save(connection, path: Path) -> None:
    """Keep a copy of the freshly migrated test database at ``path`` (written, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(part)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        args, env = _pg_args(connection.settings_dict)
        subprocess.run(
            [_pg_bin("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", "-f", str(part),
             connection.settings_dict["NAME"]],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
    os.replace(part, path)


def load(connection, path: Path) -> None:
    """Fill the new, empty test database with the kept copy."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    args, env = _pg_args(connection.settings_dict)
    subprocess.run(
        [_pg_bin("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
         "-d", connection.settings_dict["NAME"], str(path)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip


def _supported(creation) -> bool:
    connection = creation.connection
    if connection.vendor == "sqlite":
        return creation.is_in_memory_db(creation._get_test_db_name())
    return connection.vendor == "postgresql"


def _create_test_db(original, folder: Path):
    """``BaseDatabaseCreation.create_test_db`` that loads the kept copy when there is one."""

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        from django.conf import settings
        from django.core.management import call_command

        if keepdb or not _supported(self):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        connection = self.connection
        path = folder / f"{connection.vendor}-{digest(connection)}.db"
        if path.exists():
            name = self._get_test_db_name()
            self._create_test_db(verbosity, autoclobber, keepdb)
            connection.close()
            settings.DATABASES[connection.alias]["NAME"] = name
            connection.settings_dict["NAME"] = name
            try:
                load(connection, path)
            except (OSError, sqlite3.Error, subprocess.CalledProcessError) as exc:
                print(f"tests/dbcache: {path} not loaded ({exc}); migrating", file=sys.stderr)
                path.unlink(missing_ok=True)
                return original(self, verbosity, True, serialize, keepdb)
            if serialize:
                connection._test_serialized_contents = self.serialize_db_to_string()
            call_command("createcachetable", database=connection.alias)
            connection.ensure_connection()
            return name
        name = original(self, verbosity, autoclobber, serialize, keepdb)
        try:
            save(connection, path)
        except (OSError, sqlite3.Error, subprocess.CalledProcessError) as exc:
            print(f"tests/dbcache: migrated database not kept ({exc})", file=sys.stderr)
        return name

    return create_test_db


@pytest.fixture(scope="session", autouse=True)
def _kept_migrated_database(request):
    """Before the session's first database test creates its test database: load the kept copy
    of the migrated database instead of migrating, when there is one (see the module)."""
    cache = getattr(request.config, "cache", None)
    off = os.environ.get("GONGKAI_TEST_DB_CACHE", "1") == "0"
    if cache is None or off or request.config.getoption("create_db", False):
        yield
        return
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.create_test_db
    BaseDatabaseCreation.create_test_db = _create_test_db(original, cache.mkdir("gongkai-db"))
    try:
        yield
    finally:
        BaseDatabaseCreation.create_test_db = original


def migrated_data_dir(config, folder: Path) -> Path:
    """A fresh data folder whose embedded database is already migrated, for the tests that start
    a real ``gongkai serve`` (its first use would migrate for 5–8 s). The migrated file is made
    once by ``gongkai manage migrate`` in a folder of its own, kept in pytest's cache under the
    same digest as the test database's copy, and copied here; without a cache the folder is left
    fresh and the server migrates it itself."""
    import fcntl
    import shutil
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    cache = getattr(config, "cache", None)
    if cache is None or os.environ.get("GONGKAI_TEST_DB_CACHE", "1") == "0":
        return folder
    kept = (
        cache.mkdir("gongkai-db")
        / f"data-dir-sqlite-{_digest('sqlite', sqlite3.sqlite_version)}.db"
    )
    with open(kept.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one xdist worker migrates, the other waits for it
        if not kept.exists():
            with tempfile.TemporaryDirectory() as tmp:
                env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
                env["GONGKAI_DATA_DIR"] = tmp
                gongkai = Path(sys.executable).parent / "gongkai"
                subprocess.run([gongkai, "manage", "migrate", "-v", "0"], env=env, check=True,
                               capture_output=True)  # fmt: skip
                part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
                source, target = (
                    sqlite3.connect(Path(tmp) / "gongkai.sqlite3"),
                    sqlite3.connect(part),
                )
                try:  # the backup API also copies what still sits in a -wal file
                    source.backup(target)
                finally:
                    source.close()
                    target.close()
                os.replace(part, kept)
    shutil.copyfile(kept, folder / "gongkai.sqlite3")
    return folder
