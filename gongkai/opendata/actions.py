"""Every change of 数据开放: creating and editing a dataset, taking a published item's table as periods,
undoing the periods of a withdrawn item (docs/open-data.md).

Periods are never written by hand: ``ingest_item`` runs when the catalog sends
``item_published`` (after the commit) and ``ingest_column`` replays the column's public items
for a dataset created after them.
"""

from __future__ import annotations

import logging

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules.dates import now
from gongkai.rules.opendata.schema import Schema

from . import services
from .models import Dataset, PeriodVersion

log = logging.getLogger(__name__)

ERR_ENTRY = "所选栏目不属于该机构。"
ERR_RULE = "更新频率或发布季节无效（季节写作 月-日，如 06-01）。"
ERR_SLUG = "代码已被其他数据集使用。"
ERR_TITLE = "请填写数据集名称。"


def _registry_changed(ids) -> None:
    from gongkai.search import registry

    try:
        registry.changed("dataset", ids)
    except LookupError:  # pragma: no cover - registered in ready()
        pass


EDITABLE = (
    "entry", "slug", "title", "description", "theme", "every", "season_name", "season_start",
    "season_end", "lag_workdays", "first_period", "licence", "contact", "schema",
    "chart_fields", "rank_field", "rank_ascending", "is_public",
)  # fmt: skip
ERR_CHART = "图表数据项“{}”不是本数据集的数值数据项。"
ERR_RANK = "排名数据项“{}”不是本数据集的数值数据项。"
ERR_SEASON = "每五日、每十日发布的数据集请填写发布季节的起止（月-日，如 06-01 至 07-31）。"
ERR_SLUG_FORMAT = "代码只能由小写字母、数字和连字符组成（如 lc-finance）。"


def _check(ds: Dataset) -> dict:
    """Every problem of a dataset about to be saved, by form field (zh-hans)."""
    import re

    errors = {}
    if not (ds.title or "").strip():
        errors["title"] = ERR_TITLE
    if ds.entry.organisation_id != ds.organisation_id:
        errors["entry"] = ERR_ENTRY
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", ds.slug or ""):
        errors["slug"] = ERR_SLUG_FORMAT
    elif Dataset.objects.filter(slug=ds.slug).exclude(pk=ds.pk).exists():
        errors["slug"] = ERR_SLUG
    if not ds.rule.valid():
        errors["every"] = ERR_RULE
    elif ds.every.endswith("_days") and not ds.season_start:
        errors["season"] = ERR_SEASON
    schema = Schema.from_dict(ds.schema)
    problems = schema.problems()
    if problems:
        errors["schema"] = "；".join(problems)
    numeric = {f.name for f in schema.numeric()}
    bad = [n for n in ds.chart_fields or [] if n not in numeric]
    if bad:
        errors["chart_fields"] = ERR_CHART.format("、".join(bad))
    if ds.rank_field and ds.rank_field not in numeric:
        errors["rank_field"] = ERR_RANK.format(ds.rank_field)
    return errors


def create_dataset(actor, *, organisation, entry, slug, title, every, first_period, schema,
                   reason="", **fields) -> Dataset:  # fmt: skip
    """A new dataset of ``organisation`` fed by its catalog column ``entry`` (editors of the
    organisation)."""
    with change(actor, "edit", organisation) as ch:
        ds = Dataset(organisation=organisation, entry=entry, slug=slug,
                     title=(title or "").strip(), every=every, first_period=first_period,
                     schema=schema, **fields)  # fmt: skip
        errors = _check(ds)
        if errors:
            raise Invalid(errors=errors)
        ds.save()
        ch.audit(ds, "create", reason=reason, to_state="public" if ds.is_public else "hidden")
        _registry_changed([ds.pk])
    return ds


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def update_dataset(actor, dataset: Dataset, *, reason="", **fields) -> Dataset:
    """Change a dataset's description, column, frequency or schema; the audit keeps every
    changed value before → after. Periods already taken stay as they were published."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with change(actor, "edit", dataset.organisation) as ch:
        ds = Dataset.objects.select_for_update().select_related("entry").get(pk=dataset.pk)
        if "title" in fields:
            fields["title"] = (fields["title"] or "").strip()
        if "schema" in fields:  # compare in the normal form (defaults written out)
            ds.schema = Schema.from_dict(ds.schema or {}).as_dict()
            fields["schema"] = Schema.from_dict(fields["schema"]).as_dict()
        changes = {}
        for name, value in fields.items():
            key = "entry_id" if name == "entry" else name
            before = getattr(ds, key)
            after = value.pk if name == "entry" else value
            if before != after:
                changes[name] = [_plain(before), _plain(after)]
            setattr(ds, name, value)
        if not changes:
            return ds
        errors = _check(ds)
        if errors:
            raise Invalid(errors=errors)
        ds.save()
        states = {}
        if "is_public" in changes:
            states = {"from_state": "hidden" if ds.is_public else "public",
                      "to_state": "public" if ds.is_public else "hidden"}  # fmt: skip
        ch.audit(ds, "update", changes=changes, reason=reason, **states)
        _registry_changed([ds.pk])
    return ds


def _take(ch, dataset: Dataset, item, ev: services.Evaluation) -> list[PeriodVersion]:
    """Make each period of an accepted evaluation the current version (a correction when the
    period already had one)."""
    made = []
    when = now()
    by_period: dict[str, list] = {}
    for r in ev.result.records:
        by_period.setdefault(r.period.key, []).append(r)
    warnings = [p.text() for p in ev.all_warnings()]
    for period in ev.result.periods():
        rows = [{"area": r.area, "values": r.values} for r in by_period[period.key]]
        current = (
            PeriodVersion.objects.select_for_update()
            .filter(dataset=dataset, period_key=period.key, is_current=True)
            .first()
        )
        if current is not None and current.rows == rows:
            continue  # the same figures again (e.g. an edit of the text only)
        number = 1
        if current is not None:
            number = (
                PeriodVersion.objects.filter(dataset=dataset, period_key=period.key)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
            ) + 1
            current.is_current = False
            current.superseded_at = when
            current.save(update_fields=["is_current", "superseded_at"])
        version = PeriodVersion.objects.create(
            dataset=dataset,
            period_key=period.key,
            period_label=period.label,
            period_start=period.start,
            period_end=period.end,
            number=number,
            rows=rows,
            item=item,
            item_version=item.version,
            source_name=ev.name[:200],
            sha256=ev.sha256,
            warnings=warnings,
            published_at=when,
        )
        ch.audit(
            dataset,
            "import",
            changes={"period": period.key, "version": number, "item": item.pk},
            reason=f"{item.title}（第{item.version}版）"
            + ("：更正" if number > 1 else "")
            + ("；" + "；".join(warnings[:3]) if warnings else ""),
            from_state=f"v{number - 1}" if number > 1 else "",
            to_state=f"v{number}",
        )
        made.append(version)
    return made


def ingest_item(actor, item, datasets=None) -> list[PeriodVersion]:
    """A published item's matching tables become the periods of its column's datasets.

    A table that does not match (or in which the privacy guard finds personal data) is not
    taken; the editor saw why on the item page before publication."""
    if not item.is_public:
        return []
    datasets = services.datasets_for(item) if datasets is None else datasets
    evaluations = services.evaluate_item(item, datasets, skip_known=True)
    made: list[PeriodVersion] = []
    touched = set()
    with change(actor) as ch:
        for ev in evaluations:
            if ev.ok:
                first = not PeriodVersion.objects.filter(dataset=ev.dataset).exists()
                new = _take(ch, ev.dataset, item, ev)
                if new and first:
                    touched.add(ev.dataset.pk)  # the search document only changes then
                made.extend(new)
        if touched:
            _registry_changed(sorted(touched))
    return made


def ingest_column(actor, dataset: Dataset) -> int:
    """Replay the column's public items (oldest first) into ``dataset``; returns versions made."""
    from gongkai.catalog.models import Item

    count = 0
    items = (
        Item.objects.public()
        .filter(entries=dataset.entry)
        .order_by("published_at", "id")
        .prefetch_related("attachments")
    )
    for item in items:
        count += len(ingest_item(actor, item, [dataset]))
    return count


def withdraw_item(actor, item) -> int:
    """A withdrawn item's periods stop being current; the version before comes back."""
    with change(actor) as ch:
        gone = list(PeriodVersion.objects.select_for_update().filter(item=item, is_current=True))
        for v in gone:
            v.is_current = False
            v.superseded_at = now()
            v.save(update_fields=["is_current", "superseded_at"])
            back = (
                PeriodVersion.objects.filter(dataset=v.dataset, period_key=v.period_key)
                .exclude(pk=v.pk)
                .exclude(item__state="withdrawn")
                .order_by("-number")
                .first()
            )
            if back is not None:
                back.is_current = True
                back.superseded_at = None
                back.save(update_fields=["is_current", "superseded_at"])
            ch.audit(
                v.dataset,
                "transition",
                changes={"period": v.period_key, "withdrawn_version": v.number},
                reason=f"来源信息已撤回：{item.title}",
                from_state=f"v{v.number}",
                to_state=f"v{back.number}" if back else "missing",
            )
        if gone:
            _registry_changed(sorted({v.dataset_id for v in gone}))
    return len(gone)


def on_item_published(sender, item, **kwargs):
    """Receiver of ``item_published`` (after the catalog's commit). The publication stands
    whatever happens here: a failure is logged, never shown to the publisher as an error."""
    from gongkai.core.actors import SYSTEM

    if kwargs.get("in_batch"):
        return  # on_items_published takes the batch
    try:
        ingest_item(SYSTEM("opendata ingest"), item)
    except Exception:
        log.exception("opendata: could not take the tables of item %s", item.pk)


def on_items_published(sender, items=(), **kwargs):
    """The batch form (``catalog.signals.items_published``): the batch's columns are looked up
    at once, and only the items in a column with a dataset are taken, each as above."""
    from gongkai.core.actors import SYSTEM

    for item, datasets in services.datasets_for_many(items):
        try:
            ingest_item(SYSTEM("opendata ingest"), item, datasets)
        except Exception:
            log.exception("opendata: could not take the tables of item %s", item.pk)


def on_item_unpublished(sender, item, **kwargs):
    from gongkai.core.actors import SYSTEM

    try:
        withdraw_item(SYSTEM("opendata ingest"), item)
    except Exception:
        log.exception("opendata: could not withdraw the periods of item %s", item.pk)
