"""The reply letter (.docx from the city's editable template) and the yearly figures (.xlsx)."""

from __future__ import annotations

import io

from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.rules import dates
from gongkai.rules.participation import letter_template

from .models import SATISFACTION, LetterTemplate, Proposal, result_labels


def template_for(city) -> str:
    t = LetterTemplate.objects.filter(city=city).first()
    return t.body if t else letter_template.DEFAULT


def letter_values(p: Proposal) -> dict[str, str]:
    return {
        "编号": f"{p.number:04d}",
        "标题": p.title,
        "类别": p.kind_label,
        "提出人": p.proposers,
        "届次": p.session,
        "办理结果": p.result_label(),
        "答复正文": p.reply_text,
        "承办单位": p.lead.name,
        "签发日期": dates.zh_date(p.signed_on),
        "联系单位": p.lead.name,
    }


def letter_docx(p: Proposal) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from gongkai.consultations.documents import _font

    text = letter_template.render(template_for(p.city), letter_values(p))
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    lines = text.split("\n")
    first = True
    for line in lines:
        para = doc.add_paragraph()
        para.paragraph_format.line_spacing = Pt(28)
        if first and line.strip():
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(para.add_run(line), "方正小标宋简体", 22)
            first = False
            continue
        if line.strip() in (p.lead.name, dates.zh_date(p.signed_on)):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line.strip() and not line.endswith("："):
            para.paragraph_format.first_line_indent = Pt(32)
        _font(para.add_run(line), "仿宋_GB2312", 16)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def figures_xlsx(rows: list[dict]) -> bytes:
    codes = list(result_labels())
    header = ["年度", "承办单位", "收到件数", "已答复", "按期答复", "已公开"]
    header += (
        [f"{c}类" for c in codes] + [f"{c}类占比(%)" for c in codes] + list(SATISFACTION.values())
    )
    data = [
        [r["year"], r["org"].name, r["received"], r["answered"], r["on_time"], r["published"]]
        + [r[f"r_{c}"] for c in codes]
        + [r["shares"][c] for c in codes]
        + [r[f"s_{k}"] for k in SATISFACTION]
        for r in rows
    ]
    return xlsx_bytes(
        [Sheet.simple("建议提案办理情况", header, data, caption="建议提案办理情况统计")]
    )
