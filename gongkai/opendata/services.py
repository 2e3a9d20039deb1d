"""Reading datasets: evaluating an item's table against a dataset, series, missing periods.

Nothing here writes; the changes are in ``gongkai.opendata.actions``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from gongkai.rules import privacy
from gongkai.rules.opendata import derive, htmltable
from gongkai.rules.opendata import periods as period_rules
from gongkai.rules.opendata import schema as schema_rules

from .models import Dataset, PeriodVersion

SHEET_EXTENSIONS = ("xlsx", "csv")
BODY_SOURCE = "正文表格"


@dataclass
class Evaluation:
    """What one attachment of an item means for one dataset."""

    dataset: Dataset
    name: str
    sha256: str
    result: schema_rules.Result
    privacy: list[schema_rules.Problem] = field(default_factory=list)
    warnings: list[schema_rules.Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.privacy

    def problems(self) -> list[schema_rules.Problem]:
        return self.privacy + self.result.errors()

    def all_warnings(self) -> list[schema_rules.Problem]:
        return self.result.warnings() + self.warnings

    def belongs(self) -> bool:
        return self.result.header_row > 0

    @property
    def from_body(self) -> bool:
        return self.name.startswith(BODY_SOURCE)

    def source_label(self) -> str:
        """How the staff notes name the source: 附件“x.xlsx” or 正文表格（第1个）."""
        return self.name if self.from_body else f"附件“{self.name}”"


def is_sheet(name: str) -> bool:
    return name.rsplit(".", 1)[-1].lower() in SHEET_EXTENSIONS if "." in name else False


def datasets_for(item) -> list[Dataset]:
    entry_ids = list(item.entries.values_list("pk", flat=True))
    if not entry_ids:
        return []
    return list(Dataset.objects.filter(entry_id__in=entry_ids).select_related("organisation"))


def datasets_for_many(items) -> list[tuple[object, list[Dataset]]]:
    """(item, datasets_for(item)) of the items that have any, in two queries for the batch."""
    from gongkai.catalog.models import Item

    links = Item.entries.through.objects.filter(item_id__in=[i.pk for i in items])
    entries: dict[int, set[int]] = {}
    for item_id, entry_id in links.values_list("item_id", "catalogentry_id"):
        entries.setdefault(item_id, set()).add(entry_id)
    if not entries:
        return []
    found = list(
        Dataset.objects.filter(entry_id__in=set().union(*entries.values())).select_related(
            "organisation"
        )
    )
    out = []
    for item in items:
        mine = [d for d in found if d.entry_id in entries.get(item.pk, ())]
        if mine:
            out.append((item, mine))
    return out


def item_files(item) -> list[tuple[str, object]]:
    """(name, file object) of the item's spreadsheets (with its open revision's new files)."""
    from gongkai.catalog.actions import open_revision

    files = [(a.name, a) for a in item.attachments.all() if is_sheet(a.name)]
    revision = open_revision(item) if item.state == "published" else None
    if revision is not None:
        removed = set(revision.data.get("remove_attachments", []))
        files = [(n, a) for n, a in files if a.pk not in removed]
        files += [(f.name, f) for f in revision.new_files.all() if is_sheet(f.name)]
    return files


def _read(att) -> bytes:
    with att.file.open("rb") as fh:
        return fh.read()


def privacy_problems(rows: list[list]) -> list[schema_rules.Problem]:
    """The privacy guard over every cell, with the row of each finding."""
    out = []
    for i, row in enumerate(rows, start=1):
        for ci, cell in enumerate(row):
            text = schema_rules.cell_texts([[cell]])
            for f in privacy.scan(text):
                out.append(
                    schema_rules.Problem(
                        i,
                        schema_rules.col_letter(ci),
                        f"发现未遮盖的{f.label}（{f.masked}）：数据集只收录汇总数据，本表不能入库。",
                    )
                )
    return out


def stored_lookup(dataset: Dataset, exclude_item_id: int | None = None):
    """field, period key, area → the current published value (for the consistency checks)."""
    table: dict[tuple[str, str], dict] = {}
    qs = PeriodVersion.objects.filter(dataset=dataset, is_current=True)
    for v in qs.only("period_key", "rows"):
        for row in v.rows:
            table[(v.period_key, row.get("area", ""))] = row.get("values", {})

    def lookup(field_name: str, key: str, area: str):
        return table.get((key, area), {}).get(field_name)

    return lookup


def evaluate(dataset: Dataset, name: str, data: bytes) -> Evaluation:
    from gongkai.core.errors import Invalid
    from gongkai.core.sheets import read_rows

    sha = hashlib.sha256(data).hexdigest()
    try:
        rows = read_rows(name, data)
    except Invalid as exc:
        result = schema_rules.Result(problems=[schema_rules.Problem(None, "", str(exc))])
        result.header_row = 1  # it was meant as a table: report it
        return Evaluation(dataset, name, sha, result)
    return evaluate_rows(dataset, name, sha, rows)


def evaluate_rows(dataset: Dataset, name: str, sha: str, rows: list[list]) -> Evaluation:
    """The same header matching, checks and warnings for rows from any source."""
    schema = dataset.parsed_schema
    result = schema_rules.match(schema, dataset.rule, rows)
    ev = Evaluation(dataset, name, sha, result, privacy=privacy_problems(rows))
    if result.records:
        ev.warnings = derive.check(schema, dataset.rule, result.records, stored_lookup(dataset))
    return ev


def item_body(item) -> str:
    """The body the item shows (or will show: its open revision's, on the staff pages)."""
    from gongkai.catalog.actions import open_revision

    revision = open_revision(item) if item.state == "published" else None
    if revision is not None and "body" in (revision.data or {}):
        return revision.data.get("body") or ""
    return item.body or ""


def body_tables(item) -> list[tuple[str, str, list[list]]]:
    """(source name, sha256, rows) of every table written in the item's body."""
    import json

    out = []
    for i, rows in enumerate(htmltable.tables(item_body(item)), start=1):
        sha = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
        out.append((f"{BODY_SOURCE}（第{i}个）", sha, rows))
    return out


def evaluate_item(
    item, datasets: list[Dataset] | None = None, *, skip_known: bool = False
) -> list[Evaluation]:
    """Every (dataset, source) pair of ``item``: its spreadsheets, and for a dataset that no
    attachment is meant for, the tables of its body (an attachment wins when both exist).

    A file that shows no sign of being meant for a dataset is left out when the column has more
    than one dataset; a body table only counts when its header holds the period field."""
    datasets = datasets_for(item) if datasets is None else datasets
    if not datasets:
        return []
    out = []
    served: set[int] = set()  # datasets an attachment is meant for
    known: dict[str, set[int]] | None = None  # sha256 already taken -> its datasets
    if skip_known:
        known = {}
        for sha, ds_id in PeriodVersion.objects.filter(item=item).values_list(
            "sha256", "dataset_id"
        ):
            known.setdefault(sha, set()).add(ds_id)
    for name, att in item_files(item):
        data = _read(att)
        sha = hashlib.sha256(data).hexdigest()
        if known is not None and sha in known:
            served |= known[sha]  # already taken from this very file
            continue
        evs = [evaluate(ds, name, data) for ds in datasets]
        meant = [e for e in evs if e.belongs()]
        out.extend(meant or (evs if len(datasets) == 1 else []))
    served |= {e.dataset.pk for e in out if e.belongs()}
    rest = [ds for ds in datasets if ds.pk not in served]
    if rest:
        for name, sha, rows in body_tables(item):
            for ds in rest:
                if known is not None and ds.pk in known.get(sha, ()):
                    continue
                ev = evaluate_rows(ds, name, sha, rows)
                if ev.belongs():
                    out.append(ev)
    return out


# ----- series -----------------------------------------------------------------------------


def current_versions(dataset: Dataset):
    return PeriodVersion.objects.filter(dataset=dataset, is_current=True).order_by("period_start")


def flat_rows(versions) -> list[dict]:
    """One dict per (period, area): period_key, period_label, area, values, version."""
    out = []
    for v in versions:
        for row in v.rows:
            out.append(
                {
                    "period": v.period_key,
                    "period_label": v.period_label,
                    "period_start": v.period_start,
                    "area": row.get("area", ""),
                    "values": row.get("values", {}),
                    "version": v.number,
                }
            )
    return out


def series(dataset: Dataset, field_name: str, area: str = "") -> dict[str, float | None]:
    out = {}
    for v in current_versions(dataset).only("period_key", "rows"):
        for row in v.rows:
            if row.get("area", "") == area:
                out[v.period_key] = row.get("values", {}).get(field_name)
    return out


def totals(dataset: Dataset, field_name: str) -> dict[str, float]:
    """Per period: the value (no area field) or the sum over areas."""
    out: dict[str, float] = {}
    for v in current_versions(dataset).only("period_key", "rows"):
        values = [r.get("values", {}).get(field_name) for r in v.rows]
        values = [x for x in values if x is not None]
        if values:
            out[v.period_key] = round(sum(values), 4)
    return out


def _due_of(dataset: Dataset, cal=None):
    from gongkai.workcal.services import get_calendar

    cal = cal or get_calendar()
    return lambda end: cal.add_workdays(end, dataset.lag_workdays).date


def due_date(dataset: Dataset, period: period_rules.P, cal=None):
    """The working-day result (``.date``, ``.provisional``) by which ``period`` is due."""
    from gongkai.workcal.services import get_calendar

    return (cal or get_calendar()).add_workdays(period.end, dataset.lag_workdays)


def period_status(
    dataset: Dataset, today=None, cal=None
) -> list[tuple[period_rules.P, PeriodVersion | None]]:
    """Every period that is due on ``today`` (oldest first) with its current version or None."""
    from gongkai.rules.dates import today as _today

    today = today or _today()
    due = period_rules.due_periods(dataset.rule, dataset.first_period, today, _due_of(dataset, cal))
    have = {v.period_key: v for v in current_versions(dataset)}
    return [(p, have.get(p.key)) for p in due]


def missing_periods(dataset: Dataset, today=None) -> list[period_rules.P]:
    """Periods whose due date has passed with no data: the same periods the plan obligation
    counts (the plans' time rule and lag). Available to supervision."""
    return [p for p, v in period_status(dataset, today) if v is None]


def missing_by_organisation(organisations=None, today=None) -> list[tuple[Dataset, list]]:
    """[(dataset, missing periods)] for supervision pages (every public dataset, or those of
    ``organisations``)."""
    qs = Dataset.objects.public().select_related("organisation")
    if organisations is not None:
        qs = qs.filter(organisation__in=organisations)
    return [(ds, missing_periods(ds, today)) for ds in qs]
