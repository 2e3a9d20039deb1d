"""Finding an organisation from any spelling (the plans' 市发改委 = 市发展改革委 = 市发展和改革委员会)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from gongkai.rules import orgnames

from .models import OrgAlias, Organisation, OrgGroup


@dataclass
class Resolution:
    """What a name means: one organisation, a collective of several, or nothing."""

    name: str
    organisation: Organisation | None = None
    group: OrgGroup | None = None
    suggestions: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.organisation is not None or self.group is not None

    @property
    def organisations(self) -> list[Organisation]:
        if self.organisation is not None:
            return [self.organisation]
        if self.group is not None:
            return list(self.group.members.all())
        return []

    def message(self) -> str:
        if self.organisation is not None:
            return f"“{self.name}” 即 {self.organisation.name}"
        if self.group is not None:
            return f"“{self.name}” 指 {self.group.name}（{len(self.organisations)} 个机构）"
        hint = "；您是否要找：" + "、".join(self.suggestions) if self.suggestions else ""
        return f"找不到名为“{self.name}”的机构{hint}"


def _scope(within: Organisation | None):
    qs = Organisation.objects.filter(is_active=True)
    if within is not None:
        root = within.root
        qs = qs.filter(Q(pk=root.pk) | Q(city=root))
    return qs


def name_index(within: Organisation | None = None) -> dict[str, Organisation]:
    """normalised spelling → organisation, for every name, short name and alias in scope.

    Full names also match without the city prefix (聊城市财政局 ↔ 市财政局).
    """
    index: dict[str, Organisation] = {}
    orgs = list(_scope(within))
    by_id = {o.pk: o for o in orgs}
    for org in orgs:
        for n in (org.name, org.short_name):
            index.setdefault(orgnames.normalise(n), org)
    for alias in OrgAlias.objects.filter(organisation_id__in=by_id):
        index.setdefault(orgnames.normalise(alias.name), by_id[alias.organisation_id])
    return index


def resolve(name: str, within: Organisation | None = None) -> Resolution:
    """Resolve one unit name as written in a plan, within a city (or everywhere)."""
    key = orgnames.normalise(name)
    index = name_index(within)
    if key in index:
        return Resolution(name, organisation=index[key])
    groups = OrgGroup.objects.all()
    if within is not None:
        groups = groups.filter(city=within.root)
    for group in groups:
        if key in {orgnames.normalise(n) for n in [group.name, *group.aliases]}:
            return Resolution(name, group=group)
    # The full name with the city's name in front: 聊城市财政局 / 市财政局.
    if within is not None:
        city_name = within.root.name.replace("人民政府", "")
        if key.startswith(city_name):
            alt = "市" + key[len(city_name) :]
            if alt in index:
                return Resolution(name, organisation=index[alt])
    return Resolution(name, suggestions=suggest(name, index, groups))


def suggest(name: str, index: dict[str, Organisation], groups, limit: int = 5) -> list[str]:
    """Closest organisations (one entry each, as 简称（全称）) and collectives."""
    labels: dict[str, str] = {}
    for spelling, org in index.items():
        labels[spelling] = (
            org.short_name if org.short_name == org.name else f"{org.short_name}（{org.name}）"
        )
    for group in groups:
        labels[group.name] = group.name
    out: list[str] = []
    for spelling in orgnames.suggestions(name, labels, limit=limit * 4):
        if labels[spelling] not in out:
            out.append(labels[spelling])
    return out[:limit]


def resolve_units(parenthesis_body: str, within: Organisation | None = None) -> list[Resolution]:
    """Resolve every unit of a responsibility parenthesis, distributive phrases expanded."""
    units = orgnames.expand_distributive(orgnames.split_units(parenthesis_body))
    return [resolve(u, within) for u in units]


def find_city(name: str) -> Organisation | None:
    """A city-level government by any of its names (聊城 / 聊城市 / 聊城市人民政府)."""
    key = orgnames.normalise(name)
    for org in Organisation.objects.filter(parent__isnull=True):
        names = {orgnames.normalise(n) for n in org.all_names()}
        names |= {n.replace("人民政府", "") for n in names}
        if key in names or key + "市" in names:
            return org
    return None
