"""Organisation spellings from gongkai.orgs, for query expansion and "did you mean"."""

from __future__ import annotations

import time

from gongkai.rules import ngrams, orgnames, search_aliases

_TTL = 60.0
_cache: dict = {"at": 0.0, "groups": {}, "names": []}


def _load():
    from gongkai.orgs.models import OrgAlias, Organisation

    names: dict[int, list[str]] = {}
    for pk, name, short in Organisation.objects.values_list("pk", "name", "short_name"):
        names[pk] = [name, short]
    for org_id, alias in OrgAlias.objects.values_list("organisation_id", "name"):
        names.setdefault(org_id, []).append(alias)
    _cache["groups"] = search_aliases.build_groups(names.values(), ngrams.normalise)
    _cache["names"] = sorted({n for ns in names.values() for n in ns if n})
    _cache["at"] = time.monotonic()


def invalidate() -> None:
    _cache["at"] = 0.0


def _fresh():
    if time.monotonic() - _cache["at"] > _TTL:
        _load()


def alias_groups() -> dict:
    _fresh()
    return _cache["groups"]


def suggest(q: str) -> str | None:
    """A close organisation name for a query that found nothing."""
    _fresh()
    found = orgnames.suggestions(q, _cache["names"], limit=1)
    return found[0] if found else None
