"""A readable diff between two versions of an item: changed fields and changed body lines."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass
class LineChange:
    op: str  # "same" | "added" | "removed"
    text: str


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def field_changes(before: dict, after: dict, labels: dict[str, str]) -> list[FieldChange]:
    """Fields (in ``labels`` order) whose shown value differs between ``before`` and ``after``."""
    out = []
    for name, label in labels.items():
        a, b = _show(before.get(name)), _show(after.get(name))
        if a != b:
            out.append(FieldChange(name, label, a, b))
    return out


def line_changes(before: str, after: str, *, context: int = 2) -> list[LineChange]:
    """Changed lines of two plain texts with ``context`` unchanged lines around each change;
    a run of skipped unchanged lines is shown as one "same" line "……"."""
    a, b = (before or "").splitlines(), (after or "").splitlines()
    out: list[LineChange] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        if out:
            out.append(LineChange("same", "……"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(LineChange("same", line) for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend(LineChange("removed", line) for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend(LineChange("added", line) for line in b[j1:j2])
    return out
