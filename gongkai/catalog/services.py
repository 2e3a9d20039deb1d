"""Read-side helpers of the catalog and the idempotent structure builder."""

from __future__ import annotations

from django.db import transaction

from gongkai.orgs.models import Organisation

from .models import CatalogEntry, Item
from .structure import LEGAL_COLUMNS, applies


def ensure_legal_structure(org: Organisation) -> None:
    """Give ``org`` its legal catalog tree (政府信息公开指南 … 依申请公开). Idempotent.

    Existing columns with a standard slug are kept as staff edited them (only a missing parent
    link is repaired); missing ones are created. Slugs: see ``structure.LEGAL_COLUMNS`` and
    docs/catalog.md.
    """
    ensure_legal_structure_many([org])


def ensure_legal_structure_many(orgs) -> int:
    """``ensure_legal_structure`` for many organisations at once (bulk inserts, for loaders and
    ``gongkai catalog init``). Idempotent. Returns the number of columns created."""
    orgs = list(orgs)
    created = 0
    with transaction.atomic():
        have: dict[tuple[int, str], CatalogEntry] = {
            (e.organisation_id, e.slug): e
            for e in CatalogEntry.objects.filter(organisation__in=orgs)
        }
        remaining = list(enumerate(LEGAL_COLUMNS, start=1))
        while remaining:  # one pass per tree level: parents exist before their children
            batch, later = [], []
            for order, row in remaining:
                slug, name, parent, section, kind, content, basis, limit = row
                fits = [o for o in orgs if applies(slug, o.name, o.level)]  # structure.THEMED
                if parent and any((o.pk, parent) not in have for o in fits):
                    later.append((order, row))
                    continue
                for org in fits:
                    current = have.get((org.pk, slug))
                    if current is not None:  # kept as staff edited it; a lost parent is repaired
                        if parent and current.parent_id is None:
                            current.parent = have[(org.pk, parent)]
                            current.save(update_fields=["parent"])
                        continue
                    batch.append(
                        CatalogEntry(
                            organisation=org,
                            parent=have[(org.pk, parent)] if parent else None,
                            slug=slug,
                            name=name,
                            section=section,
                            kind=kind,
                            content=content,
                            basis=basis,
                            time_limit=limit,
                            publisher=org.name,
                            channels="政府网站；政务新媒体；政府公报",
                            audience="all",
                            mode="on_request" if section == "application" else "proactive",
                            sort_order=order * 10,
                        )
                    )
            if not batch and later == remaining:
                break
            CatalogEntry.objects.bulk_create(batch)
            created += len(batch)
            if batch and batch[0].pk is None:  # backends that do not return ids
                for e in CatalogEntry.objects.filter(organisation__in=orgs):
                    have[(e.organisation_id, e.slug)] = e
            else:
                for e in batch:
                    have[(e.organisation_id, e.slug)] = e
            remaining = later
    return created


def entry(org: Organisation, slug: str) -> CatalogEntry | None:
    """The column of ``org`` with ``slug`` (None when absent)."""
    return CatalogEntry.objects.filter(organisation=org, slug=slug).first()


def tree(org: Organisation, *, active_only: bool = True) -> list[tuple[CatalogEntry, int]]:
    """(entry, depth) for every column of ``org``, parents before children, in display order."""
    qs = CatalogEntry.objects.filter(organisation=org)
    if active_only:
        qs = qs.filter(is_active=True)
    entries = list(qs.order_by("sort_order", "id"))
    children: dict[int | None, list[CatalogEntry]] = {}
    ids = {e.pk for e in entries}
    for e in entries:
        children.setdefault(e.parent_id if e.parent_id in ids else None, []).append(e)
    out: list[tuple[CatalogEntry, int]] = []

    def walk(parent_id, depth):
        for e in children.get(parent_id, []):
            out.append((e, depth))
            walk(e.pk, depth + 1)

    walk(None, 0)
    return out


def guard_text(item: Item, revision=None) -> list[tuple[str, str]]:
    """(where, text) pairs the privacy guard scans for ``item`` (or its open ``revision``)."""
    parts = []
    if revision is not None:
        from gongkai.rules.sanitize import html_to_text

        data = revision.data
        parts.append(("标题", data.get("title", "")))
        parts.append(("正文", html_to_text(data.get("body", ""))))
        removed = set(data.get("remove_attachments", []))
        for att in item.attachments.exclude(pk__in=removed):
            parts.append((f"附件：{att.name}", att.text))
        for att in revision.new_files.all():
            parts.append((f"附件：{att.name}", att.text))
    else:
        parts.append(("标题", item.title))
        parts.append(("正文", item.body_text))
        for att in item.attachments.all():
            parts.append((f"附件：{att.name}", att.text))
    return parts


# --------------------------------------------------------------------------- import / export


def read_table_file(name: str, data: bytes) -> list[list]:
    """Rows of an uploaded .xlsx or .csv (UTF-8, with or without BOM, or GB18030), read by
    gongkai.core.sheets (``Invalid`` when the file cannot be read)."""
    from gongkai.core import sheets
    from gongkai.core.errors import Invalid

    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ("xlsx", "csv"):
        raise Invalid("仅支持 .xlsx 或 .csv 文件。")
    try:
        return sheets.read_rows(name, data)
    except Invalid as exc:
        if ext == "xlsx":
            raise Invalid("无法打开该 Excel 文件，请确认是 .xlsx 格式且未损坏。") from exc
        raise


def export_rows(org: Organisation) -> list[list[str]]:
    from gongkai.rules.catalog_table import HEADERS, to_row

    rows = [HEADERS]
    for e, _depth in tree(org, active_only=False):
        rows.append(
            to_row(
                {
                    "slug": e.slug,
                    "name": e.name,
                    "parent": e.parent.slug if e.parent_id else "",
                    "section": e.section,
                    "kind": e.kind,
                    "content": e.content,
                    "basis": e.basis,
                    "time_limit": e.time_limit,
                    "publisher": e.publisher,
                    "channels": e.channels,
                    "audience": e.audience,
                    "mode": e.mode,
                    "sort_order": e.sort_order,
                }
            )
        )
    return rows


def export_file(org: Organisation, fmt: str) -> bytes:
    """The catalog table of ``org`` as .xlsx or .csv (UTF-8 with BOM), through core.sheets."""
    from gongkai.core import sheets

    header, *rows = export_rows(org)
    if fmt == "csv":
        return sheets.csv_bytes(rows, header)
    if fmt == "xlsx":
        widths = [14, 18, 14, 16, 10, 40, 30, 24, 20, 20, 10, 10, 6]
        return sheets.xlsx_bytes([sheets.Sheet.simple("公开目录", header, rows, widths=widths)])
    raise ValueError(f"unknown format {fmt!r} (xlsx or csv)")
