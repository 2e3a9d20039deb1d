"""Who acts: a user, or the named SYSTEM actor for jobs, imports and commands.

Every action takes its actor explicitly; ``None`` is refused, so that nothing is ever recorded
as done by "nobody". ``SYSTEM("catalog import")`` names the job in the audit log
("系统（catalog import）"); plain ``SYSTEM`` is "系统". The system passes every permission check.
"""

from __future__ import annotations


class SystemActor:
    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    is_system = True
    pk = None
    id = None
    email = ""
    username = "system"

    def __init__(self, job: str = ""):
        self.job = job

    def __call__(self, job: str) -> SystemActor:
        return SystemActor(job)

    @property
    def label(self) -> str:
        return f"系统（{self.job}）" if self.job else "系统"

    def get_full_name(self) -> str:
        return self.label

    def get_username(self) -> str:
        return self.username

    def __eq__(self, other) -> bool:
        return isinstance(other, SystemActor)

    def __hash__(self) -> int:
        return hash("gongkai-system-actor")

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"<SystemActor {self.job!r}>"


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return isinstance(actor, SystemActor)


def check(actor):
    """The actor itself; raises ``TypeError`` for ``None`` (a programming error, not input)."""
    if actor is None:
        raise TypeError("an action needs an explicit actor: a user or gongkai.core.actors.SYSTEM")
    return actor


def label(actor) -> str:
    """How the audit log and pages name the actor."""
    if actor is None:
        return ""
    if is_system(actor):
        return actor.label
    if not getattr(actor, "is_authenticated", False):
        return "公众"
    return actor.get_full_name() or actor.get_username()
