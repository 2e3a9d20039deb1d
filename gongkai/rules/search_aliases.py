"""Organisation alias expansion for search queries (no Django import).

``groups`` maps every normalised spelling of an organisation (full name, short name, alias) to
all spellings of the same organisation(s). A query word that is, or contains, one spelling is
searched as any of them: 市发改委 finds items that say 市发展改革委 or 聊城市发展和改革委员会.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_ALTERNATIVES = 12
LEVEL_PREFIXES = ("市", "县", "区")


def build_groups(organisations: Iterable[Iterable[str]], normalise) -> dict[str, frozenset[str]]:
    """From each organisation's list of names, the spelling → all-spellings map."""
    groups: dict[str, set[str]] = {}
    for names in organisations:
        spellings = {normalise(n) for n in names if n and len(n) >= 2}
        for s in spellings:
            groups.setdefault(s, set()).update(spellings)
    return {k: frozenset(v) for k, v in groups.items()}


def expand(term: str, groups: dict[str, frozenset[str]]) -> list[str]:
    """The term first, then its spellings with any organisation name swapped for another."""
    if not groups or len(term) < 2:
        return [term]
    out = [term]
    # 发改委 is how people say 市发改委: a name without its level prefix means the same body
    named = next((p + term for p in ("", *LEVEL_PREFIXES) if p + term in groups), None)
    if named is not None and (named == term or len(term) >= 3):
        out += sorted(groups[named] - {term}, key=lambda s: (-len(s), s))
    else:
        # The longest organisation spelling inside the word (市发改委2024年工作要点).
        inside = [s for s in groups if len(s) >= 3 and s in term]
        if inside:
            name = max(inside, key=len)
            out += [term.replace(name, other) for other in sorted(groups[name] - {name})]
    return minimal(list(dict.fromkeys(out)))[:MAX_ALTERNATIVES]


def minimal(words: list[str]) -> list[str]:
    """Drop every word that contains another one: a text containing 聊城市发展和改革委员会
    contains 市发展和改革委员会, so searching the shorter finds the same texts, faster."""
    return [w for w in words if not any(o != w and o in w for o in words)]
