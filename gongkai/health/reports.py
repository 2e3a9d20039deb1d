"""The self-check report (自查报告, .docx, A4 with GB/T 9704 margins), the findings as .xlsx and
the history chart (server-drawn SVG, no JavaScript)."""

from __future__ import annotations

import io
from html import escape

from gongkai.core.sheets import Sheet
from gongkai.rules import dates
from gongkai.rules.health import scored
from gongkai.rules.health.indicators import RULE_LABELS

FONT_BODY, FONT_TITLE = "仿宋_GB2312", "方正小标宋简体"


def _font(run, name, size_pt, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), name)


def self_check_docx(org_result, indicators) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    r, org = org_result.result, org_result.organisation
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)

    def para(text, *, size=16, font=FONT_BODY, bold=False, center=False, indent=True):
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Mm(11)
        _font(p.add_run(text), font, size, bold)
        return p

    para(f"{org.name}政府网站自查报告", size=22, font=FONT_TITLE, center=True)
    para(f"（截至{dates.zh_date(r.as_of)}）", center=True)
    verdict = (
        "存在单项否决项：" + "、".join(v.label for v in r.vetoes) + "。"
        if r.vetoes
        else "未发现单项否决项。"
    )
    para(
        f"按照《政府网站与政务新媒体检查指标》（{indicators.year}年度指标），依据本平台栏目、信息、"
        f"审计日志和互动留言数据逐项核查，共检查栏目{r.counts.get('columns', 0)}个，发现问题"
        f"{len(r.findings)}项，{verdict}参考得分{org_result.score}分。"
    )
    para("一、单项否决指标", font="黑体", indent=False)
    if r.vetoes:
        for v in r.vetoes:
            para(f"{v.label}：{v.detail}")
    else:
        para("各项单项否决指标均未触及。")
    para("二、发现的问题", font="黑体", indent=False)
    if r.findings:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ["指标", "对象", "起算日期", "情况"], strict=True
        ):
            _font(cell.paragraphs[0].add_run(text), "黑体", 12)
        for f in r.findings:
            row = table.add_row().cells
            values = [RULE_LABELS[f.rule], f.object, dates.zh_date(f.since, "—"), f.detail]
            for cell, text in zip(row, values, strict=True):
                _font(cell.paragraphs[0].add_run(text), FONT_BODY, 12)
    else:
        para("未发现问题。")
    para("三、即将超期的事项", font="黑体", indent=False)
    if r.predicted:
        for p in r.predicted:
            para(f"{p.object}：{p.detail}（最迟{dates.zh_date(p.act_by)}）")
    else:
        para(f"未来{indicators.predict_days}天内没有将要超期的栏目或留言。")
    para(f"四、评分项（{org_result.period.label if org_result.period else '近一年'}）",
         font="黑体", indent=False)  # fmt: skip
    para("以下数量由本平台数据统计；分值和满分目标为本地做法，由办公室在年度检查指标中设置。")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["类别", "评分项", "数据", "得分", "分值"],
                          strict=True):  # fmt: skip
        _font(cell.paragraphs[0].add_run(text), "黑体", 12)
    for i in org_result.scores:
        row = table.add_row().cells
        values = [i.group, i.label, i.detail, "不适用" if i.points is None else f"{i.points:g}",
                  f"{i.max:g}"]  # fmt: skip
        for cell, text in zip(row, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), FONT_BODY, 12)
    got, top = scored.totals(org_result.scores)
    para(f"评分项合计{got:g}分（适用评分项满分{top:g}分）。")
    para("五、整改措施", font="黑体", indent=False)
    para("对上述问题逐项明确责任人和整改时限，整改完成后由平台自动复查。")
    para(f"{org.name}", center=False, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(dates.zh_date(dates.today()), indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


FINDING_COLUMNS = ["机构", "机构代码", "指标", "规则", "对象", "起算日期", "情况", "单项否决"]


def findings_sheets(org_results) -> list[Sheet]:
    rows, summary = [], []
    for o in org_results:
        veto_rules = {v.rule for v in o.result.vetoes}
        for f in o.result.findings:
            rows.append([o.organisation.name, o.organisation.code, RULE_LABELS[f.rule], f.rule,
                         f.object, f.since, f.detail, "是" if f.rule in veto_rules else ""])  # fmt: skip
        summary.append([
            o.organisation.name, o.organisation.code,
            {"red": "不合格", "amber": "有问题", "green": "正常"}[o.result.light], o.score,
            "、".join(v.label for v in o.result.vetoes), len(o.result.findings),
            len(o.result.predicted),
        ])  # fmt: skip
    scores = []
    for o in org_results:
        for i in o.scores:
            scores.append([o.organisation.name, o.organisation.code, i.group, i.label, i.indicator,
                           i.detail, i.value, i.target, i.points, i.max])  # fmt: skip
    as_of = org_results[0].result.as_of if org_results else dates.today()
    period = org_results[0].period if org_results else None
    return [
        Sheet.simple(
            "问题清单",
            FINDING_COLUMNS,
            rows,
            caption=f"网站健康问题清单（截至{dates.zh_date(as_of)}）",
            widths=[24, 14, 14, 18, 36, 12, 60, 8],
        ),  # fmt: skip
        Sheet.simple(
            "汇总",
            ["机构", "机构代码", "状态", "得分", "单项否决", "问题数", "预警数"],
            summary,
            widths=[28, 14, 8, 6, 30, 8, 8],
        ),  # fmt: skip
        Sheet.simple(
            "评分项",
            [
                "机构",
                "机构代码",
                "类别",
                "评分项",
                "指标代码",
                "数据",
                "实际值",
                "满分目标",
                "得分",
                "分值",
            ],
            scores,
            caption=f"网站健康评分项（{period.label if period else '近一年'}；实际值为空即不适用）",
            widths=[24, 14, 10, 22, 24, 36, 8, 8, 8, 8],
        ),  # fmt: skip
    ]


def history_svg(runs, width: int = 640, height: int = 220) -> str:
    """Findings and vetoes of stored runs over time (oldest first), as an accessible SVG."""
    runs = sorted(runs, key=lambda r: r.as_of)
    pad_l, pad_b, pad_t, pad_r = 40, 30, 16, 12
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    values = [len(r.findings) for r in runs]
    top = max([*values, 1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="hc-title">',
        '<title id="hc-title">网站健康问题数历史（柱：问题数；红色：存在单项否决）</title>',
        f'<line x1="{pad_l}" y1="{pad_t + h}" x2="{pad_l + w}" y2="{pad_t + h}" stroke="#555"/>',
        f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{pad_t + h}" stroke="#555"/>',
        f'<text x="{pad_l - 6}" y="{pad_t + 4}" font-size="11" text-anchor="end">{top}</text>',
        f'<text x="{pad_l - 6}" y="{pad_t + h}" font-size="11" text-anchor="end">0</text>',
    ]
    if not runs:
        parts.append(
            f'<text x="{pad_l + 10}" y="{pad_t + h / 2}" font-size="13">暂无检查记录</text>'
        )
    n = max(len(runs), 1)
    step = w / n
    bar = max(min(step * 0.7, 28), 2)
    for i, (run, v) in enumerate(zip(runs, values, strict=True)):
        x = pad_l + i * step + (step - bar) / 2
        bh = h * v / top
        color = "#c0392b" if run.vetoes else ("#d68910" if v else "#27ae60")
        label = escape(f"{run.as_of.isoformat()}：问题{v}项，单项否决{len(run.vetoes)}项")
        parts.append(
            f'<rect x="{x:.1f}" y="{pad_t + h - bh:.1f}" width="{bar:.1f}" height="{bh:.1f}" '
            f'fill="{color}"><title>{label}</title></rect>'
        )
        if i == 0 or i == len(runs) - 1 or len(runs) <= 8:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 10}" font-size="10" '
                f'text-anchor="middle">{run.as_of:%m-%d}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
