"""Responsibility parentheses: where they are and which units they name."""

from __future__ import annotations

import re

from gongkai.rules import orgnames

_ROLE_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同)?(?:落实|负责)$|牵头$")


def find_responsibilities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of every top-level responsibility parenthesis in ``text``."""
    found = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "（(":
            stack.append(i)
        elif ch in "）)" and stack:
            start = stack.pop()
            if stack:
                continue
            body = text[start + 1 : i]
            if _ROLE_TAIL.search(orgnames.normalise(body)) and len(body) <= 200:
                found.append((start, i + 1, body))
    return found


def lead_units_of(body: str) -> list[str]:
    """The units of a responsibility parenthesis, in order, exactly as written."""
    core = _ROLE_TAIL.sub("", orgnames.normalise(body))
    # 各县(市、区)政府 is one unit: protect separators inside nested brackets.
    protected, depth = [], 0
    for ch in core:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        protected.append(_SEP_GUARD if depth and ch in "、,，" else ch)
    return [u.replace(_SEP_GUARD, "、") for u in orgnames.split_units("".join(protected))]


_SEP_GUARD = "\ue000"
