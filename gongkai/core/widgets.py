"""Shared form widgets: the organisation picker (grouped, own organisations first, searchable).

A flat list of 111 organisations interleaving city and county bodies is hard to use (#18.10).
These fields group the organisations of the organisation tree:

1. 本单位 — the organisations the person holds a role on (their own), first;
2. then for each city (in the tree's order): 「聊城市 · 市政府及市直部门」 (the city government,
   its departments and development zones), then one group per county-level government
   「聊城市 · 东昌府区」 (the county government, its departments, its townships and streets).

``OrgChoiceField`` renders a ``<select>`` with ``<optgroup>``s; ``OrgMultipleChoiceField`` a
checkbox list in ``<fieldset>`` groups (no Ctrl-click). ``GroupedCheckboxes`` renders any grouped
choices that way (the catalog's 所属栏目 uses it). Both carry ``data-picker``: the static script
``gongkai/picker.js`` (include it with ``{% static 'gongkai/picker.js' %}``, and
``gongkai/picker.css``) adds a filter box to long pickers that hides what does not match as one
types (full name or short name); checked boxes stay visible. Without JavaScript everything is
still shown and usable. No inline script or style (strict CSP).

Usage::

    from gongkai.core.widgets import OrgChoiceField, OrgMultipleChoiceField, own_org_ids

    class MyForm(forms.Form):
        organisation = OrgChoiceField(Organisation.objects.none(), label="机构")

        def __init__(self, *args, user, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["organisation"].queryset = Organisation.objects.filter(...)
            self.fields["organisation"].own_ids = own_org_ids(user)
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

OWN_GROUP = "本单位"
CITY_GROUP = "{city} · 市政府及市直部门"
COUNTY_GROUP = "{city} · {county}"
FILTER_MIN = 10  # pickers with more options than this get a filter box (picker.js)

# Within a group: the government first, then departments and zones, then townships.
_LEVEL_ORDER = {"city": 0, "county": 0, "department": 1, "zone": 2, "township": 3}


class GroupLabel(str):
    """A group's label that also carries HTML attributes for its ``<fieldset>``."""

    def __new__(cls, value: str, attrs: dict | None = None):
        obj = super().__new__(cls, value)
        obj.attrs = dict(attrs or {})
        return obj


def place_name(government: str) -> str:
    """聊城市人民政府 → 聊城市 (the place a government's group is named after)."""
    return government.removesuffix("人民政府").removesuffix("政府") or government


def own_org_ids(user) -> list[int]:
    """The organisations ``user`` holds a role on directly (not their subtrees), in grant order."""
    from gongkai.accounts.permissions import roles_of

    return list(dict.fromkeys(g.organisation_id for g in roles_of(user)))


def org_groups(orgs: Iterable, own_ids: Iterable[int] = ()) -> list[tuple[str, list]]:
    """``orgs`` (Organisation objects) as ``[(group label, [orgs])]``: own ones first, then each
    city's 市直 group and one group per county-level government. Two queries at most."""
    from gongkai.orgs.models import Organisation

    orgs = list(orgs)
    if not orgs:
        return []
    city_ids = {o.city_id or o.pk for o in orgs}
    tree = {
        row["pk"]: row
        for row in Organisation.objects.filter(pk__in=city_ids).values(
            "pk", "parent_id", "level", "name", "short_name", "sort_order", "code"
        )
    }
    tree.update(
        {
            row["pk"]: row
            for row in Organisation.objects.filter(city_id__in=city_ids).values(
                "pk", "parent_id", "level", "name", "short_name", "sort_order", "code"
            )
        }
    )

    def county_of(org_id: int) -> int | None:
        node = tree.get(org_id)
        while node is not None:
            if node["level"] == "county":
                return node["pk"]
            node = tree.get(node["parent_id"])
        return None

    own = [i for i in dict.fromkeys(own_ids)]
    by_pk = {o.pk: o for o in orgs}
    groups: list[tuple[str, list]] = []
    mine = [by_pk[i] for i in own if i in by_pk]
    if mine:
        groups.append((OWN_GROUP, mine))
    taken = {o.pk for o in mine}

    def key(o):
        return (_LEVEL_ORDER.get(o.level, 1), o.sort_order, o.code)

    def place(row):
        return (row["sort_order"], row["code"])

    buckets: dict[tuple[int, int | None], list] = {}
    for o in orgs:
        if o.pk not in taken:
            buckets.setdefault((o.city_id or o.pk, county_of(o.pk)), []).append(o)
    for city_id in sorted(city_ids, key=lambda i: place(tree[i]) if i in tree else (0, "")):
        city_name = place_name(tree.get(city_id, {"name": ""})["name"])
        if (city_id, None) in buckets:
            label = CITY_GROUP.format(city=city_name)
            groups.append((label, sorted(buckets[(city_id, None)], key=key)))
        counties = [k[1] for k in buckets if k[0] == city_id and k[1] is not None]
        for county_id in sorted(counties, key=lambda i: place(tree[i])):
            county = (
                place_name(tree[county_id]["name"]).removeprefix(city_name)
                or tree[county_id]["short_name"]
            )
            label = COUNTY_GROUP.format(city=city_name, county=county)
            groups.append((label, sorted(buckets[(city_id, county_id)], key=key)))
    return groups


class GroupedOrgIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for label, orgs in org_groups(self.queryset, getattr(self.field, "own_ids", ())):
            yield (GroupLabel(label), [self.choice(o) for o in orgs])


def _terms(value) -> str:
    """What the filter box matches besides the label: the short name."""
    instance = getattr(value, "instance", None)
    return getattr(instance, "short_name", "") or ""


class OrgSelect(forms.Select):
    """A ``<select>`` with ``<optgroup>``s; picker.js adds a filter box when it is long."""

    def __init__(self, attrs=None):
        super().__init__({"data-picker": "select", **(attrs or {})})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if terms := _terms(value):
            option["attrs"]["data-terms"] = terms
        return option


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Grouped choices as ``<fieldset>``s of checkboxes, with a filter box from picker.js.

    A group label may be a ``GroupLabel`` carrying attributes for its fieldset (e.g. data-org).
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if terms := _terms(value):
            option["attrs"]["data-terms"] = terms
        return option

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        box_id = context["attrs"].get("id", "")
        parts = []
        for group, options, _index in context["optgroups"]:
            rows = format_html_join(
                "",
                '<label class="picker-option"><input type="checkbox" name="{}" value="{}"{}> {}</label>',
                (
                    (
                        o["name"],
                        o["value"],
                        _attrs(o["attrs"], checked=o["selected"]),
                        o["label"],
                    )
                    for o in options
                ),
            )
            if group:
                parts.append(
                    format_html(
                        '<fieldset class="picker-group"{}><legend>{}</legend>{}</fieldset>',
                        _attrs(getattr(group, "attrs", {})),
                        group,
                        rows,
                    )
                )
            else:
                parts.append(format_html('<div class="picker-group">{}</div>', rows))
        return format_html(
            '<div class="picker" data-picker="checkboxes" id="{}">{}</div>',
            box_id,
            mark_safe("".join(parts)),
        )


def _attrs(attrs: dict, *, checked: bool = False) -> str:
    items = {k: v for k, v in attrs.items() if v not in (None, False) and k != "checked"}
    html = format_html_join("", ' {}="{}"', ((k, "" if v is True else v) for k, v in items.items()))
    return html + mark_safe(" checked" if checked else "")


class OrgChoiceField(forms.ModelChoiceField):
    """One organisation, grouped (set ``own_ids`` to put the person's own ones first)."""

    iterator = GroupedOrgIterator
    widget = OrgSelect

    def __init__(self, queryset, *args, own_ids: Iterable[int] = (), **kwargs):
        super().__init__(queryset, *args, **kwargs)
        self.own_ids = list(own_ids)

    def label_from_instance(self, obj):
        return obj.name


class OrgMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several organisations as grouped checkboxes (no Ctrl-click multi-select)."""

    iterator = GroupedOrgIterator
    widget = GroupedCheckboxes

    def __init__(self, queryset, *args, own_ids: Iterable[int] = (), **kwargs):
        super().__init__(queryset, *args, **kwargs)
        self.own_ids = list(own_ids)

    def label_from_instance(self, obj):
        return obj.name
