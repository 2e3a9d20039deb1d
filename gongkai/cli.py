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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    commands = _gongkai_commands()
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage(commands))
        return 0
    name, rest = argv[0], argv[1:]
    if name == "manage":
        execute_from_command_line(["gongkai", *rest])
        return 0
    if name not in commands:
        print(f"gongkai: unknown command {name!r}\n", file=sys.stderr)
        print(_usage(commands), file=sys.stderr)
        return 2
    execute_from_command_line(["gongkai", name, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
