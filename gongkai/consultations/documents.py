"""The 意见采纳情况说明 as .docx (A4, GB/T 9704 margins) and the synthesis workbook (.xlsx)."""

from __future__ import annotations

import io

from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.rules import dates
from gongkai.rules.participation.feedback import DISPOSITIONS

from . import services
from .actions.feedback import feedback_title
from .models import CHANNELS, Consultation


def _font(run, name: str, size_pt: float, bold: bool = False):
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
    rfonts.set(qn("w:eastAsia"), name)


def feedback_docx(c: Consultation) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    SAN = 16  # 三号
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(feedback_title(c)), "方正小标宋简体", 22)

    def para(text, bold=False, indent=True):
        p = doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(SAN * 2)
        p.paragraph_format.line_spacing = Pt(28)
        _font(p.add_run(text), "黑体" if bold else "仿宋_GB2312", SAN, False)
        return p

    s = services.summary(c).total
    para(
        f"{c.organisation.name}于{dates.zh_date(c.opens_on)}至{dates.zh_date(c.closes_on)}就《{c.title}》"
        f"公开征求意见，共收到意见{s.comments}条（内容相同或相近的归并后为{s.opinions}条），"
        f"其中采纳{s.adopted}条，部分采纳{s.partly}条，未采纳{s.rejected}条，不属于征求范围{s.out_of_scope}条。"
    )
    if c.feedback_intro:
        para(c.feedback_intro)
    para("一、意见处理情况", bold=True)
    for i, lead in enumerate(services.leaders(c), start=1):
        label = lead.article.label if lead.article_id else "全文"
        text = lead.public_text if lead.consent else "（提出人未同意公开意见原文）"
        count = f"（{lead.group_size}条相同意见）" if lead.group_size > 1 else ""
        para(f"{i}. 关于{label}{count}：{text}")
        result = DISPOSITIONS.get(lead.disposition, "未处理")
        line = f"处理结果：{result}。"
        if lead.reason:
            line += f"理由：{lead.reason}"
        if lead.final_article:
            line += f"（定稿{lead.final_article}）"
        para(line)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(p.add_run(c.organisation.name), "仿宋_GB2312", SAN)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(p.add_run(dates.zh_date(c.feedback_published_at or dates.now())), "仿宋_GB2312", SAN)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def synthesis_xlsx(c: Consultation) -> bytes:
    """For the drafting team: every comment (internal: contacts included), then per article."""
    rows = []
    for cm in c.comments.select_related("article", "leader").order_by("article__number", "pk"):
        lead = cm.leader or cm
        rows.append(
            [
                cm.pk,
                cm.article.label if cm.article_id else "全文",
                CHANNELS.get(cm.channel, cm.channel),
                cm.received_on,
                cm.name,
                cm.contact,
                cm.text,
                "是" if cm.consent else "否",
                lead.pk,
                DISPOSITIONS.get(lead.disposition, ""),
                lead.reason,
                lead.final_article,
            ]
        )
    comments = Sheet.simple(
        "意见汇总",
        ["编号", "条文", "渠道", "收到日期", "姓名或单位", "联系方式", "意见内容", "同意公开",
         "归并至", "处理结果", "理由", "对应定稿条文"],
        rows,
        caption=f"《{c.title}》征求意见汇总（内部材料，含联系方式，不得公开）",
    )  # fmt: skip
    summary = services.summary(c)
    per = [
        [
            label or "全文",
            n.comments,
            n.opinions,
            n.adopted,
            n.partly,
            n.rejected,
            n.out_of_scope,
            n.undecided,
        ]
        for label, n in summary.by_article
    ]
    t = summary.total
    per.append(
        [
            "合计",
            t.comments,
            t.opinions,
            t.adopted,
            t.partly,
            t.rejected,
            t.out_of_scope,
            t.undecided,
        ]
    )
    by_article = Sheet.simple(
        "分条统计",
        ["条文", "意见条数", "归并后", "采纳", "部分采纳", "未采纳", "不属于征求范围", "未处理"],
        per,
        caption=f"《{c.title}》意见分条统计",
    )
    return xlsx_bytes([comments, by_article])
