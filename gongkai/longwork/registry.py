"""What long work there is: ``register(kind, label, function, ability)``.

``function(job, report)`` does the work for ``job`` (its ``organisation`` and ``params``),
calls ``report(done, total, message="")`` as it goes and returns a ``Result`` (a file to keep
and/or a summary line) or None. It must not store partial output of its own: what it produces
is kept by the ``finish`` action, so a job that fails leaves nothing half-stored.

``ability`` is checked on the job's organisation (``gongkai.accounts.permissions``) when the job
is started; ``scope="city"`` offers only top-level organisations (a whole city's site, its
search index); ``clean(data, org)`` turns the start form's fields into ``params`` (raising
``Invalid`` with zh-hans messages) and ``fields`` describes those fields for the page.

A field of ``kind="file"`` is an upload (``accept=".pdf"``: the extensions allowed). The start
action checks it with the shared upload check (``gongkai.core.files.accept_one``), stores it
as a ``JobInput`` of the job in the job's transaction and puts ``{"name", "sha256", "size"}``
under the field's name in ``params`` (so the same file is not queued twice); the work reads
it with ``job.input(name)`` (``.read()`` gives the bytes). ``orgs(queryset)`` narrows the
organisations a kind is offered on (e.g. those with a gazette).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    name: str = ""  # file name with its extension (.xlsx …); empty: no file
    data: bytes = b""
    summary: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "number"  # the <input type>; "file": an upload, kept as the job's input
    default: Callable[[], object] | None = None
    help: str = ""
    accept: str = ""  # file fields: allowed extensions, ".pdf" or ".pdf,.docx"

    @property
    def is_file(self) -> bool:
        return self.kind == "file"

    @property
    def extensions(self) -> list[str]:
        return [e.strip().lstrip(".").lower() for e in self.accept.split(",") if e.strip()]


@dataclass
class Kind:
    kind: str
    label: str
    function: Callable
    ability: str
    scope: str = "any"  # "any" organisation the actor holds the ability on, or "city"
    clean: Callable[[dict, object], dict] | None = None
    fields: list[Field] = field(default_factory=list)
    describe: Callable[[dict], str] | None = None
    description: str = ""
    orgs: Callable | None = None  # narrows the organisations queryset the kind is offered on

    @property
    def file_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_file]

    @property
    def has_file(self) -> bool:
        return bool(self.file_fields)


_kinds: dict[str, Kind] = {}


def register(
    kind: str,
    label: str,
    function: Callable,
    ability: str,
    *,
    scope: str = "any",
    clean: Callable[[dict, object], dict] | None = None,
    fields: list[Field] | None = None,
    describe: Callable[[dict], str] | None = None,
    description: str = "",
    orgs: Callable | None = None,
) -> Kind:
    if scope not in ("any", "city"):
        raise ValueError(f"unknown scope {scope!r}")
    entry = Kind(kind, label, function, ability, scope, clean, list(fields or []), describe,
                 description, orgs)  # fmt: skip
    _kinds[kind] = entry
    return entry


def unregister(kind: str) -> None:
    _kinds.pop(kind, None)


def get(kind: str) -> Kind | None:
    return _kinds.get(kind)


def kinds() -> list[Kind]:
    return list(_kinds.values())


def label_of(kind: str) -> str:
    entry = _kinds.get(kind)
    return entry.label if entry else kind
