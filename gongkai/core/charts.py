"""Charts drawn on the server as SVG (pygal), each with its data table beside it.

One module for every chart of gongkai (数据开放 series, plan supervision and scores)::

    from gongkai.core import charts
    chart = charts.line("一般公共预算收入", ["2026-01", "2026-02"], {"收入": [100, 120]}, unit="万元")
    {{ chart }}            # in a template: <figure> with the SVG, caption and the data table

- ``line(title, labels, series)``: a series over time (gaps stay gaps);
- ``bar(title, labels, values)``: a ranking (horizontal bars, best first, long names readable
  on a phone);
- ``sparkline(title, labels, values)``: a small chart for an item page, table folded away.

Every chart is returned with a ``Table`` (caption, ``th scope``) so screen readers and people
who prefer numbers read the same figures. The SVG carries no script and no inline style: its
look comes from the static stylesheet ``opendata/charts.css`` (generated from pygal's own CSS by
``stylesheet()``; tests check it is up to date), which also enlarges the chart's text in 大字模式.
Nothing is fetched from the internet; rendering a 36-point line takes about 20 ms.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

PALETTE = ("#a4000f", "#0a4aa6", "#17692c", "#8a5300", "#5b2a86", "#00707a", "#555555", "#b3446c")
FONTS = '"PingFang SC","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif'
STYLESHEET = (
    Path(__file__).resolve().parent.parent / "opendata" / "static" / "opendata" / "charts.css"
)
STATIC_PATH = "opendata/charts.css"
_ids = itertools.count(1)


def _style():
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#555555",
        opacity=".85",
        opacity_hover="1",
        colors=PALETTE,
        font_family=FONTS,
        label_font_size=15,
        major_label_font_size=15,
        legend_font_size=16,
        title_font_size=17,
        value_font_size=14,
        value_label_font_size=14,
        tooltip_font_size=14,
        no_data_font_size=20,
        guide_stroke_color="#cccccc",
        major_guide_stroke_color="#999999",
        stroke_width="2.5",
        stroke_width_hover="3",
    )


def _config(**kw) -> dict:
    base = dict(
        style=_style(),
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        classes=["pygal-chart", "gk-chart"],
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        truncate_label=-1,
        no_data_text="暂无数据",
        margin=12,
        width=640,
        height=360,
    )
    base.update(kw)
    return base


_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_STYLE = re.compile(r"<style.*?</style>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DESC = re.compile(r"<desc[^>]*>.*?</desc>", re.S)
_STYLE_ATTR = re.compile(r'\sstyle="opacity: ?0"')


def _clean(svg: str, label_id: str) -> str:
    svg = _SCRIPT.sub("", svg)
    svg = _STYLE.sub("", svg)
    svg = _COMMENT.sub("", svg)
    svg = _DESC.sub("", svg)
    svg = _STYLE_ATTR.sub(' opacity="0"', svg)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)
    return svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{label_id}" focusable="false" ', 1
    )


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)  # first cell is the row header


@dataclass
class Chart:
    kind: str  # line / bar / sparkline
    title: str
    svg: str
    table: Table
    unit: str = ""
    note: str = ""  # e.g. the formula of a derived figure
    collapsed: bool = False  # table inside <details> (sparklines)
    id: str = ""

    def html(self) -> str:
        return mark_safe(
            render_to_string("gongkai/charts/chart.html", {"chart": self, "css": STATIC_PATH})
        )

    def __html__(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.html()


def number(value, digits: int = 2) -> str:
    """A figure as a table shows it: no trailing zeros, '—' when missing."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def _render(chart, title: str) -> tuple[str, str]:
    cid = f"gk-chart-{next(_ids)}"
    return _clean(chart.render(is_unicode=True), f"{cid}-cap"), cid


def line(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    *,
    unit: str = "",
    note: str = "",
    caption: str = "",
    height: int = 360,
) -> Chart:
    import pygal

    n = len(labels)
    every = max(1, (n + 5) // 6)  # about six labels on the axis, readable at 390 px
    chart = pygal.Line(
        **_config(
            height=height,
            show_dots=n <= 40,
            dots_size=3,
            x_labels_major_every=every,
            show_minor_x_labels=False,
            show_legend=len(series) > 1,
            allow_interruptions=True,
            y_title=unit or None,
        )
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    svg, cid = _render(chart, title)
    cols = ["统计期"] + [f"{name}" + (f"（{unit}）" if unit else "") for name in series]
    rows = [[labels[i]] + [number(vals[i]) for vals in series.values()] for i in range(n)]
    return Chart("line", title, svg, Table(caption or f"{title}数据表", cols, rows), unit, note,
                 id=cid)  # fmt: skip


def bar(
    title: str,
    labels: list[str],
    values: list[float | None],
    *,
    unit: str = "",
    note: str = "",
    caption: str = "",
    first_column: str = "名称",
    ranks: list[int] | None = None,
) -> Chart:
    """Horizontal bars in the order given (pass a ranking best first)."""
    import pygal

    n = len(labels)
    chart = pygal.HorizontalBar(
        **_config(
            height=max(160, 44 * n + 60),
            show_legend=False,
            print_values=True,
            print_values_position="top",
            value_formatter=lambda v: number(v),
            x_title=unit or None,
            margin_left=12 + 9 * max([len(str(x)) for x in labels] or [0]),
        )
    )
    # pygal draws the first value at the bottom: reverse so the best is on top.
    chart.x_labels = list(reversed(labels))
    chart.add(title, list(reversed(values)))
    svg, cid = _render(chart, title)
    cols = [first_column] + (["排名"] if ranks else []) + [title + (f"（{unit}）" if unit else "")]
    rows = []
    for i, label in enumerate(labels):
        rows.append([label] + ([str(ranks[i])] if ranks else []) + [number(values[i])])
    return Chart("bar", title, svg, Table(caption or f"{title}数据表", cols, rows), unit, note,
                 id=cid)  # fmt: skip


def sparkline(
    title: str, labels: list[str], values: list[float | None], *, unit: str = "", note: str = ""
) -> Chart:
    import pygal

    chart = pygal.Line(**_config(width=320, height=80, show_dots=False, allow_interruptions=True))
    chart.add(title, values)
    svg = chart.render_sparkline(interpolate=None, is_unicode=True)
    cid = f"gk-chart-{next(_ids)}"
    svg = _clean(svg, f"{cid}-cap")
    cols = ["统计期", title + (f"（{unit}）" if unit else "")]
    rows = [[labels[i], number(v)] for i, v in enumerate(values)]
    return Chart("sparkline", title, svg, Table(f"{title}数据表", cols, rows), unit, note,
                 collapsed=True, id=cid)  # fmt: skip


EXTRA_CSS = """
/* gongkai chart layout (written by gongkai.core.charts.EXTRA_CSS) */
.gk-figure { margin: 1rem 0; max-width: 760px; }
.gk-figure figcaption { font-weight: 600; margin-bottom: .3rem; }
.gk-chart-box svg { width: 100%; height: auto; display: block; }
.gk-figure-sparkline { max-width: 360px; }
.gk-figure-sparkline .gk-chart-box svg { max-height: 90px; }
.gk-chart-note { color: #555; font-size: .9rem; margin: .3rem 0; }
.gk-table-wrap { overflow-x: auto; max-width: 100%; }
.gk-chart-table td { text-align: right; font-variant-numeric: tabular-nums; }
.gk-chart .axis text, .gk-chart .legends .legend text { fill: #1a1a1a; }
html.large-text .gk-chart .axis text { font-size: 20px; }
html.large-text .gk-chart .legends .legend text { font-size: 21px; }
html.large-text .gk-chart .text-overlay text.value { font-size: 19px; }
@media (max-width: 480px) {
  .gk-chart .axis text { font-size: 20px; }
  .gk-chart .legends .legend text { font-size: 21px; }
  .gk-chart .text-overlay text.value { font-size: 19px; }
}
"""


def stylesheet(series: int = len(PALETTE)) -> str:
    """pygal's CSS for our style, scoped to ``.gk-chart`` instead of one chart's id."""
    import pygal

    chart = pygal.Line(**_config())
    for i in range(series):
        chart.add(str(i), [1, 2])
    raw = chart.render(is_unicode=True)
    css = "\n".join(m.group(0)[len('<style type="text/css">') : -len("</style>")]
                    for m in _STYLE.finditer(raw))  # fmt: skip
    css = re.sub(r"#chart-[0-9a-f-]{36}", ".gk-chart", html.unescape(css))
    return f"/* generated by gongkai.core.charts.stylesheet() from pygal {pygal.__version__} */\n{css}\n{EXTRA_CSS}"


def write_stylesheet(path: Path = STYLESHEET) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stylesheet(), encoding="utf-8")
    return path


def ranking(
    title: str, pairs, *, unit: str = "", first_column: str = "名称", note: str = ""
) -> Chart | None:
    """A bar chart of [(label, value)] best first (missing values left out, ties share a rank);
    None when nothing has a value (e.g. the plans' score page before anything is due)."""
    present = sorted(((str(a), v) for a, v in pairs if v is not None), key=lambda x: -x[1])
    if not present:
        return None
    ranks, last, rank = [], object(), 0
    for i, (_, v) in enumerate(present, start=1):
        if v != last:
            rank, last = i, v
        ranks.append(rank)
    return bar(title, [a for a, _ in present], [v for _, v in present], unit=unit,
               first_column=first_column, ranks=ranks, note=note)  # fmt: skip
