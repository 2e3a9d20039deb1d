"""Near-identical comments: one opinion sent many times counts once, with its count.

Two comments are near-identical when, after normalisation (width, case, punctuation and spaces
removed), the Dice coefficient of their character bigrams is at least ``threshold`` (default
0.85, configurable) and they are on the same article (or both on the whole draft). Very short
comments (under ``min_chars`` characters after normalisation) group only when equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 0.85
MIN_CHARS = 6
_DROP = re.compile(r"[\s\W_]+", re.U)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _DROP.sub("", text)


def bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 1.0 if na == nb else 0.0
    if na == nb:
        return 1.0
    ga, gb = bigrams(na), bigrams(nb)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def near_identical(
    a: str, b: str, *, threshold: float = DEFAULT_THRESHOLD, min_chars: int = MIN_CHARS
) -> bool:
    na, nb = normalise(a), normalise(b)
    if min(len(na), len(nb)) < min_chars:
        return na == nb and bool(na)
    return similarity(a, b) >= threshold


@dataclass
class Group:
    leader: object  # the id of the first comment of the group
    members: list = field(default_factory=list)  # ids, leader first

    @property
    def count(self) -> int:
        return len(self.members)


def group(
    comments: Iterable[tuple[object, str, object]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_chars: int = MIN_CHARS,
) -> list[Group]:
    """Group ``(id, text, article)`` triples in order; the first of a group leads it."""
    groups: list[tuple[object, str, Group]] = []  # (article, leader text, group)
    for cid, text, article in comments:
        for art, lead_text, g in groups:
            if art == article and near_identical(
                text, lead_text, threshold=threshold, min_chars=min_chars
            ):
                g.members.append(cid)
                break
        else:
            groups.append((article, text, Group(leader=cid, members=[cid])))
    return [g for _, _, g in groups]


def find_leader(
    text: str,
    article: object,
    leaders: Iterable[tuple[object, str, object]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_chars: int = MIN_CHARS,
):
    """The id of the first leader ``(id, text, article)`` the new comment is near-identical to."""
    for cid, lead_text, art in leaders:
        if art == article and near_identical(
            text, lead_text, threshold=threshold, min_chars=min_chars
        ):
            return cid
    return None
