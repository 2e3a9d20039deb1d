"""The one console command: ``gongkai <job> [options]``.

Every job a person or cron runs is a Django management command of a gongkai app, reachable under
its own name (``gongkai demo``, ``gongkai calendar ...``, ``gongkai jobs run``). ``gongkai manage
...`` reaches any Django command (migrate, createsuperuser, shell ...).
"""

from __future__ import annotations

import os
import sys

# gongkai apps that override a Django command (audit's flush) are reached through `gongkai manage`.
_DJANGO_OVERRIDES = {"flush"}


def _gongkai_commands() -> dict[str, str]:
    from django.core.management import get_commands

    return {
        name: app
        for name, app in sorted(get_commands().items())
        if app.startswith("gongkai.") and name not in _DJANGO_OVERRIDES
    }


def _usage(commands: dict[str, str]) -> str:
    from django.core.management import load_command_class

    lines = ["usage: gongkai <command> [options]", "", "commands:"]
    for name, app in commands.items():
        help_text = (load_command_class(app, name).help or "").strip().splitlines()
        lines.append(f"  {name:<14} {help_text[0] if help_text else ''}")
    lines.append(
        f"  {'manage':<14} any Django management command (migrate, createsuperuser, shell, ...)"
    )
    lines.append("")
    lines.append("gongkai <command> --help shows a command's options.")
    return "\n".join(lines)


# Commands that look after the database themselves.
_OWN_DATABASE = {"demo"}


def _ensure_database() -> str | None:
    """Migrate an embedded (SQLite) database on first use; for a server database, say what to
    run. Returns a message to print and stop with, or None."""
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # the server cannot be reached, or the URL is wrong
        return (
            f"gongkai: cannot open the database ({type(exc).__name__}: {exc}); check DATABASE_URL"
        )
    if not plan:
        return None
    if connection.vendor == "sqlite":
        _migrate_embedded(settings.DATA_DIR)
        return None
    return (
        f"gongkai: the database has {len(plan)} unapplied migration(s);"
        " run `gongkai manage migrate` first"
    )


def _migrate_embedded(data_dir) -> None:
    """Migrate the embedded database, one process at a time: two commands started at once on
    a fresh data folder (two cron jobs, a bench beside a demo) would otherwise both create the
    tables, and the second would stop with "table already exists". The one holding
    ``locks/migrate.lock`` migrates; the other waits, finds nothing left to do and goes on."""
    import fcntl

    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    folder = data_dir / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "migrate.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # released when the file closes or the process dies
        executor = MigrationExecutor(connection)
        if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return
        print(
            f"gongkai: preparing the embedded database in {data_dir} (first use, ~20 s)…",
            file=sys.stderr,
            flush=True,
        )
        call_command("migrate", verbosity=0, interactive=False)


def _run(argv: list[str]) -> int:
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    from gongkai.core.errors import GongkaiError

    try:
        execute_from_command_line(argv)
    except GongkaiError as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        print(
            f"gongkai: database error ({type(exc).__name__}: {exc}); is the database migrated"
            " (`gongkai manage migrate`)?",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    commands = _gongkai_commands()
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage(commands))
        return 0
    name, rest = argv[0], argv[1:]
    if name == "manage":
        return _run(["gongkai", *rest])
    if name not in commands:
        print(f"gongkai: unknown command {name!r}\n", file=sys.stderr)
        print(_usage(commands), file=sys.stderr)
        return 2
    if name not in _OWN_DATABASE and not any(a in ("-h", "--help") for a in rest):
        problem = _ensure_database()
        if problem:
            print(problem, file=sys.stderr)
            return 2
    return _run(["gongkai", name, *rest])


if __name__ == "__main__":
    sys.exit(main())
