"""Catalog columns: save an entry, import a catalog table."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.actions import change
from gongkai.core.errors import Invalid, field_errors

from ..models import (
    CatalogEntry,
)
from .common import NO_ADMIN

# --------------------------------------------------------------------------- catalog columns

ENTRY_FIELDS = [
    "name",
    "section",
    "kind",
    "content",
    "basis",
    "time_limit",
    "publisher",
    "channels",
    "audience",
    "mode",
    "sort_order",
    "is_active",
]


def save_entry(*, organisation, actor, entry: CatalogEntry | None = None, parent=None, **values):
    """Create or change one catalog column (office admins)."""
    with change(actor, "administer", organisation, denied=NO_ADMIN) as ch:
        creating = entry is None
        entry = entry or CatalogEntry(organisation=organisation)
        before = {f: getattr(entry, f) for f in ENTRY_FIELDS} if not creating else {}
        for key, value in values.items():
            if key in ENTRY_FIELDS or key == "slug":
                setattr(entry, key, value)
        if parent is not None and parent.organisation_id != organisation.pk:
            raise Invalid(errors={"parent": "上级栏目必须属于同一机构。"})
        node = parent
        while node is not None and not creating:
            if node.pk == entry.pk:
                raise Invalid(errors={"parent": "上级栏目不能是自身或其下级。"})
            node = node.parent
        entry.parent = parent
        if not entry.slug:
            raise Invalid(errors={"slug": "请填写栏目代码。"})
        clash = CatalogEntry.objects.filter(organisation=organisation, slug=entry.slug)
        if entry.pk:
            clash = clash.exclude(pk=entry.pk)
        if clash.exists():
            raise Invalid(errors={"slug": f"栏目代码“{entry.slug}”已被本机构其他栏目使用。"})
        try:
            entry.full_clean(exclude=["organisation", "parent"])
        except ValidationError as exc:
            raise Invalid(errors=field_errors(exc)) from exc
        entry.save()
        after = {f: getattr(entry, f) for f in ENTRY_FIELDS}
        ch.audit(
            entry,
            "create" if creating else "change",
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
        return entry


def import_entries(*, organisation, actor, name: str, data: bytes):
    """Import a standard-catalog table (.xlsx/.csv) into ``organisation``'s catalog.

    Good rows create or update columns (matched by 栏目代码); a bad row is reported with its
    row number and reason and changes nothing; the good rows are kept. Returns
    (created, updated, errors) with errors as [(row number, reason)].
    """
    with change(actor, "administer", organisation, denied=NO_ADMIN) as ch:
        from gongkai.rules.catalog_table import read_rows

        from ..services import read_table_file

        try:
            rows = read_table_file(name, data)
        except (ValueError, Invalid) as exc:
            raise Invalid(errors={"file": str(exc)}) from exc
        table = read_rows(rows)
        errors = list(table.errors)
        created = updated = 0
        with transaction.atomic():
            known = {e.slug: e for e in CatalogEntry.objects.filter(organisation=organisation)}
            for number, values in table.rows:
                parent = None
                if values.get("parent"):
                    parent = known.get(values["parent"])
                    if parent is None:
                        errors.append((number, f"上级栏目代码“{values['parent']}”不存在。"))
                        continue
                    if parent.slug == values["slug"]:
                        errors.append((number, "上级栏目不能是自身。"))
                        continue
                existing = known.get(values["slug"])
                fields = {k: v for k, v in values.items() if k in ENTRY_FIELDS}
                try:
                    with transaction.atomic():
                        entry = save_entry(
                            organisation=organisation,
                            actor=actor,
                            entry=existing,
                            parent=parent,
                            slug=values["slug"],
                            **fields,
                        )
                except Invalid as exc:
                    reason = "；".join(field_errors(exc).values())
                    errors.append((number, reason))
                    continue
                known[entry.slug] = entry
                if existing is None:
                    created += 1
                else:
                    updated += 1
            ch.audit(
                organisation,
                "import",
                changes={
                    "file": name,
                    "created": created,
                    "updated": updated,
                    "bad_rows": len(errors),
                },
                reason="导入公开目录",
            )
        return created, updated, sorted(errors)
