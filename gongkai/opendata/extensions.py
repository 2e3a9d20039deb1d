"""What 数据开放 shows on other apps' pages (gongkai.core.extensions slots).

- ``staff.item`` (staff item and review pages): before publication, for each dataset fed by the
  item's column, whether its spreadsheet matches the schema (row, column, reason of every
  problem, the privacy guard's findings) and the consistency warnings (a part larger than its
  total, a cumulative figure that is not the sum of the periods); after publication, which
  periods it feeds.
- ``portal.item`` (public item page): a small chart of the item's period in its series.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from gongkai.core.extensions import Note

from . import services
from .models import PeriodVersion

MAX_LISTED = 12


def _problem_list(problems) -> str:
    shown = problems[:MAX_LISTED]
    more = len(problems) - len(shown)
    html = format_html(
        '<ul class="od-problems">{}</ul>',
        format_html_join(
            "", "<li><strong>{}</strong>：{}</li>", ((p.where(), p.reason) for p in shown)
        ),
    )
    if more > 0:
        html += format_html("<p>另有 {} 处问题未列出。</p>", more)
    return html


def staff_item(item, request) -> list[Note]:
    datasets = services.datasets_for(item)
    if not datasets:
        return []
    notes: list[Note] = []
    evaluations = services.evaluate_item(item, datasets)
    taken = {}
    if item.state == "published":
        for v in PeriodVersion.objects.filter(item=item).select_related("dataset"):
            taken.setdefault(v.dataset_id, []).append(v)
    for ds in datasets:
        evs = [e for e in evaluations if e.dataset.pk == ds.pk]
        template = reverse("opendata:template", args=[ds.pk])
        if not evs:
            notes.append(
                Note(
                    title=f"数据集“{ds.title}”",
                    text="本栏目发布的信息可同时更新该数据集：附上符合格式的表格（.xlsx 或 .csv），"
                    "或在正文中插入表格（附件优先），"
                    f"表头为：{'、'.join(ds.parsed_schema.columns())}。",
                    url=template,
                    link_text="下载表格模板",
                )
            )
            continue
        for ev in evs:
            if not ev.ok:
                notes.append(
                    Note(
                        title=f"数据集“{ds.title}”：{ev.source_label()}不符合数据格式",
                        text="发布后该表格不会进入数据集。请按以下提示修改"
                        + ("正文中的表格：" if ev.from_body else "后重新上传："),
                        html=_problem_list(ev.problems()),
                        url=template,
                        link_text="下载表格模板",
                        level="warning",
                    )
                )
                continue
            labels = "、".join(p.label for p in ev.result.periods())
            current = {
                v.period_key
                for v in PeriodVersion.objects.filter(
                    dataset=ds, is_current=True, period_key__in=[p.key for p in ev.result.periods()]
                ).exclude(item=item, sha256=ev.sha256)
            }
            done = taken.get(ds.pk)
            if done:
                text = "已纳入数据集：" + "、".join(
                    f"{v.period_label}（第{v.number}版）" for v in done
                )
            else:
                text = f"{ev.source_label()}符合数据格式，发布后成为 {labels} 的数据" + (
                    "（更正已发布的数据，原版本保留）。" if current else "。"
                )
            notes.append(Note(title=f"数据集“{ds.title}”", text=text, url=ds.get_absolute_url(),
                              link_text="查看数据集"))  # fmt: skip
            warnings = ev.all_warnings()
            if warnings:
                notes.append(
                    Note(
                        title=f"数据集“{ds.title}”：请核对数据",
                        text="以下数据前后不一致，请在发布前核对：",
                        html=_problem_list(warnings),
                        level="warning",
                    )
                )
    return notes


def portal_item(item, request) -> list[Note]:
    from .charts import period_sparkline

    versions = list(
        PeriodVersion.objects.filter(item=item, is_current=True, dataset__is_public=True)
        .select_related("dataset")
        .order_by("dataset_id", "period_start")
    )
    notes = []
    seen = set()
    for v in versions:
        if v.dataset_id in seen:
            continue
        seen.add(v.dataset_id)
        chart = period_sparkline(v.dataset, v)
        notes.append(
            Note(
                title=f"数据开放：{v.dataset.title}",
                text=f"本信息的数据（{v.period_label}）已纳入数据集，可查看趋势并下载。",
                html=chart.html() if chart else "",
                url=v.dataset.get_absolute_url(),
                link_text="查看数据集与下载",
            )
        )
    return notes
