"""数据开放 on the plans supervision pages (slots ``staff.obligation_row`` and
``staff.obligation``).

An obligation whose linked catalog columns feed a dataset shows, in the plan's tree, one line
per dataset: 数据开放：缺N期（最近：2026年10月） (a warning: N periods past their due date with no
data, the most recent of them named) or 数据开放：已更新至2026年10月. The obligation page shows the
dataset's chart with its data table and the list of missing periods, each with its due date and
a link to the table template of that period.

The tree runs the row provider once per obligation: everything is computed once per request
and kept on it (a query for the datasets, one for the obligations' links to their columns, and
per dataset its periods and the calendar), so the page's query count does not grow with rows.
Obligations are read through the plans' public queryset only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from gongkai.core.extensions import Note

from . import services
from .models import Dataset, PeriodVersion

CACHE_ATTR = "_opendata_supervision"


@dataclass
class Status:
    dataset: Dataset
    due: int
    missing: list  # [(period, due result)]
    last: PeriodVersion | None
    versions: list = field(default_factory=list)

    def line(self) -> str:
        if self.missing:
            return f"数据开放：缺{len(self.missing)}期（最近：{self.missing[-1][0].label}）"
        if self.last is not None:
            return f"数据开放：已更新至{self.last.period_label}"
        return "数据开放：尚无应发布的数据"

    @property
    def url(self) -> str:
        if self.dataset.is_public:
            return self.dataset.get_absolute_url()
        return reverse("opendata:staff")


class Supervision:
    """What the supervision pages of one request need, computed once."""

    def __init__(self):
        from gongkai.plans.models import Obligation

        self.datasets: dict[int, list[Dataset]] = {}
        for ds in Dataset.objects.select_related("organisation").order_by("title", "id"):
            self.datasets.setdefault(ds.entry_id, []).append(ds)
        self.by_obligation: dict[int, list[int]] = {}
        if self.datasets:
            links = Obligation.objects.filter(entries__in=list(self.datasets)).values_list(
                "pk", "entries"
            )
            for ob_id, entry_id in links.distinct():
                self.by_obligation.setdefault(ob_id, []).append(entry_id)
        self._status: dict[int, Status] = {}
        self._cal = None

    def calendar(self):
        if self._cal is None:
            from gongkai.workcal.services import get_calendar

            self._cal = get_calendar()
        return self._cal

    def datasets_of(self, obligation) -> list[Dataset]:
        out, seen = [], set()
        for entry_id in sorted(self.by_obligation.get(obligation.pk, [])):
            for ds in self.datasets.get(entry_id, []):
                if ds.pk not in seen:
                    seen.add(ds.pk)
                    out.append(ds)
        return out

    def status(self, ds: Dataset) -> Status:
        if ds.pk not in self._status:
            cal = self.calendar()
            pairs = services.period_status(ds, cal=cal)
            have = list(services.current_versions(ds))
            missing = [(p, services.due_date(ds, p, cal)) for p, v in pairs if v is None]
            self._status[ds.pk] = Status(ds, len(pairs), missing, have[-1] if have else None,
                                         have)  # fmt: skip
        return self._status[ds.pk]


def for_request(request) -> Supervision:
    if request is None:
        return Supervision()
    found = getattr(request, CACHE_ATTR, None)
    if found is None:
        found = Supervision()
        setattr(request, CACHE_ATTR, found)
    return found


def _may_see(request) -> bool:
    user = getattr(request, "user", None)
    return request is None or bool(user and user.is_authenticated)


def obligation_row(obligation, request) -> list[Note]:
    if not _may_see(request):
        return []
    sup = for_request(request)
    notes = []
    for ds in sup.datasets_of(obligation):
        st = sup.status(ds)
        notes.append(
            Note(
                title=st.line(),
                url=st.url,
                link_text=f"查看数据集“{ds.title}”",
                level="warning" if st.missing else "info",
            )
        )
    return notes


def _missing_html(st: Status) -> str:
    if not st.missing:
        return ""
    template = reverse("opendata:template", args=[st.dataset.pk])
    items = format_html_join(
        "",
        '<li>{}：应于 {}{} 前公开 · <a href="{}?period={}">下载本期表格模板</a></li>',
        (
            (p.label, due.date.isoformat(), "（暂定）" if due.provisional else "", template, p.key)
            for p, due in reversed(st.missing)
        ),
    )
    return format_html(
        '<h3>缺期（{} 期，最近的在前）</h3><ul class="od-missing-list">{}</ul>',
        len(st.missing),
        items,
    )


def obligation_page(obligation, request) -> list[Note]:
    from .charts import series_chart

    if not _may_see(request):
        return []
    sup = for_request(request)
    notes = []
    for ds in sup.datasets_of(obligation):
        st = sup.status(ds)
        chart = series_chart(ds, st.versions)
        text = f"本要求对应的栏目同时更新数据集“{ds.title}”（{ds.frequency_label}）：应发布 {st.due} 期，"
        text += f"缺 {len(st.missing)} 期。" if st.missing else "无缺期。"
        if st.last is not None:
            text += f"数据已更新至{st.last.period_label}。"
        body = (chart.html() if chart else format_html("<p>{}</p>", "尚无数据。")) + _missing_html(
            st
        )
        notes.append(
            Note(
                title=st.line(),
                text=text,
                html=body,
                url=st.url,
                link_text="查看数据集与下载",
                level="warning" if st.missing else "info",
            )
        )
    return notes
