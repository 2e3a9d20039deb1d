"""Every change of 数据开放: creating a dataset, taking a published item's table as periods,
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


def create_dataset(actor, *, organisation, entry, slug, title, every, first_period, schema,
                   reason="", **fields) -> Dataset:  # fmt: skip
    """A new dataset of ``organisation`` fed by its catalog column ``entry``."""
    with change(actor, "administer", organisation) as ch:
        errors = {}
        if not (title or "").strip():
            errors["title"] = ERR_TITLE
        if entry.organisation_id != organisation.pk:
            errors["entry"] = ERR_ENTRY
        if Dataset.objects.filter(slug=slug).exists():
            errors["slug"] = ERR_SLUG
        ds = Dataset(organisation=organisation, entry=entry, slug=slug, title=title.strip(),
                     every=every, first_period=first_period, schema=schema, **fields)  # fmt: skip
        if not ds.rule.valid():
            errors["every"] = ERR_RULE
        problems = Schema.from_dict(schema).problems()
        if problems:
            errors["schema"] = "；".join(problems)
        if errors:
            raise Invalid(errors=errors)
        ds.save()
        ch.audit(ds, "create", reason=reason, to_state="public" if ds.is_public else "hidden")
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

    try:
        ingest_item(SYSTEM("opendata ingest"), item)
    except Exception:
        log.exception("opendata: could not take the tables of item %s", item.pk)


def on_item_unpublished(sender, item, **kwargs):
    from gongkai.core.actors import SYSTEM

    try:
        withdraw_item(SYSTEM("opendata ingest"), item)
    except Exception:
        log.exception("opendata: could not withdraw the periods of item %s", item.pk)
