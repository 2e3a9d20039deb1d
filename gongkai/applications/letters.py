"""Letters to the applicant and to third parties: rendered from editable templates
(``LetterTemplate``, Django template syntax; blank lines separate paragraphs) to HTML and .docx.

The organisation's own template wins over the shared one (organisation blank), which wins over
the defaults below. Every reply carries the remedy paragraph (``{{ remedy }}``); if an edited
template drops it, it is appended anyway.
"""

from __future__ import annotations

import datetime as dt
import io

from django.template import Context, Template
from django.utils.html import escape

from gongkai.rules import outcomes

from . import services
from .models import Application, LetterTemplate

DEFAULTS: dict[str, tuple[str, str]] = {
    "reply": (
        "政府信息公开申请答复书",
        """{{ app.name }}：

本机关于{{ received }}收到您（单位）提出的政府信息公开申请（登记号：{{ app.registration_no }}），申请获取“{{ app.description|truncatechars:120 }}”。{% if corrected %}本机关于{{ corrected }}收到补正后的申请。{% endif %}{% if extension %}经批准，答复期限已延长{{ extension }}个工作日。{% endif %}

经审查，现答复如下：{{ conclusion }}。

{{ decision_text }}

{% if legal_basis %}依据：{{ legal_basis }}。{% endif %}

{{ remedy }}

特此告知。""",
    ),
    "correction": (
        "补正申请通知书",
        """{{ app.name }}：

本机关于{{ received }}收到您（单位）提出的政府信息公开申请（登记号：{{ app.registration_no }}）。经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请对以下内容作出补正：

{{ app.correction_items }}

请于{{ correction_deadline }}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
    "extension": (
        "延期答复告知书",
        """{{ app.name }}：

本机关于{{ received }}收到您（单位）提出的政府信息公开申请（登记号：{{ app.registration_no }}）。因{{ app.extension_reason }}，不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经政府信息公开工作机构负责人同意，答复期限延长{{ extension }}个工作日，本机关将于{{ due }}前作出答复。""",
    ),
    "consultation": (
        "政府信息公开征求第三方意见函",
        """{{ consultation.party }}：

本机关于{{ received }}收到政府信息公开申请（登记号：{{ app.registration_no }}），所申请的政府信息可能涉及贵方合法权益：

{{ consultation.question }}

根据《中华人民共和国政府信息公开条例》第三十二条{% if consultation.kind == "agency" %}、第三十四条{% endif %}的规定，请于{{ consultation_due }}前（自收到本函之日起15个工作日内）提出意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。""",
    ),
    "fee": (
        "政府信息公开信息处理费缴费通知书",
        """{{ app.name }}：

本机关于{{ received }}收到您（单位）提出的政府信息公开申请（登记号：{{ app.registration_no }}）。根据《中华人民共和国政府信息公开条例》第四十二条和{{ fee_basis }}，本申请需缴纳信息处理费。

计收方式：{{ fee.get_method_display }}；标准：{{ fee_rate }}。

计算：{{ fee.explanation }}

应缴金额：人民币{{ fee.amount }}元。

缴费方式：{{ fee.payment_info|default:"请到本机关政府信息公开受理窗口缴纳" }}。

请于{{ pay_by }}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
    "later": (
        "另行确定答复期限告知书",
        """{{ app.name }}：

本机关于{{ received }}收到您（单位）提出的政府信息公开申请（登记号：{{ app.registration_no }}）。经审查，您的申请数量、频次明显超过合理范围，您说明的理由合理，但本机关无法在法定期限内答复。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定在{{ due }}前作出答复。

情况说明：{{ app.later_reason }}""",
    ),
    "receipt": (
        "政府信息公开申请登记回执",
        """{{ app.name }}：

本机关已于{{ received }}收到您（单位）的政府信息公开申请，登记号{{ app.registration_no }}。

查询码：{{ app.tracking_code }}　验证码：{{ app.verifier }}

答复期限：{{ due }}。可凭查询码和验证码在本平台“申请查询”页面查看办理进度。""",
    ),
}

KIND_LABELS = dict(LetterTemplate.KIND_CHOICES)


def _cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def template_for(org, kind: str) -> tuple[str, str]:
    chain = [org, *org.ancestors()]
    found = {
        t.organisation_id: t
        for t in LetterTemplate.objects.filter(kind=kind).filter(organisation__in=chain)
    }
    for node in chain:
        if node.pk in found:
            return found[node.pk].title, found[node.pk].body
    shared = LetterTemplate.objects.filter(kind=kind, organisation__isnull=True).first()
    if shared:
        return shared.title, shared.body
    return DEFAULTS[kind]


def decision_text(app: Application) -> tuple[str, str]:
    """(paragraph, legal basis) describing the decision."""
    d = app.decision or {}
    o = app.outcome
    parts = []
    if app.reply_type == "already_public":
        parts.append(
            f"您所申请的政府信息已经主动公开，可通过以下途径获取：{d.get('where_published', '')}。"
        )
    elif o == "disclosed":
        parts.append(
            f"您所申请的政府信息属于公开范围，本机关予以公开，提供方式：{d.get('how_provided', '')}。"
        )
    elif o == "partial":
        reason = outcomes.OUTCOME_LABELS.get(d.get("withheld_reason", ""), "")
        parts.append(
            f"您所申请的政府信息中，{d.get('withheld_part', '')}{('因' + reason + '，') if reason else ''}"
            f"不予公开；其余部分予以公开，提供方式：{d.get('how_provided', '')}。"
        )
    elif o in outcomes.WITHHELD_CODES:
        parts.append(f"您所申请的政府信息{outcomes.OUTCOME_LABELS[o]}，本机关决定不予公开。")
    elif app.reply_type == "not_ours":
        parts.append(
            f"经检索，您所申请的政府信息不属于本机关负责公开，负责公开的机关为：{d.get('responsible_agency', '')}。"
        )
    elif o == "unavailable_not_held":
        parts.append("经检索，本机关未制作或获取您所申请的政府信息，该政府信息不存在。")
    elif o == "unavailable_creation":
        parts.append(
            "您所申请的信息需要本机关对现有政府信息进行加工、分析后另行制作，本机关不予提供。"
        )
    elif o == "unavailable_unclear":
        parts.append("经补正，您的申请内容仍不明确，本机关无法提供。")
    elif o == "refused_repeat":
        parts.append(
            f"本机关已就您提出的相同申请作出答复（{d.get('earlier_reply', '')}），对重复申请不予重复处理。"
        )
    elif o == "refused_petition":
        parts.append(
            "您的申请属于信访、投诉、举报等事项，不属于政府信息公开申请，建议通过相应渠道提出。"
        )
    elif o == "refused_publication":
        parts.append("您要求提供的是公开出版物，本机关不予处理，可通过公开发行渠道获取。")
    elif o == "refused_excessive":
        parts.append("您的申请数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。")
    elif o == "refused_confirm":
        parts.append("您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围。")
    elif o == "other_no_correction":
        parts.append("您未在补正期限内补正申请，视为放弃申请，本机关不再处理该政府信息公开申请。")
    elif o == "other_no_fee":
        parts.append(
            "您未在规定期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
    elif app.reply_type == "special_law":
        parts.append(
            f"您所申请的信息依法应当按照特定程序查询、获取，请依照以下程序办理：{d.get('procedure', '')}。"
        )
    if d.get("explanation"):
        parts.append(f"理由：{d['explanation']}")
    return "".join(parts), d.get("legal_basis", "")


CONCLUSIONS = {
    "already_public": "您所申请的政府信息已经主动公开",
    "withhold": "不予公开",
    "not_exist": "您所申请的政府信息不存在",
    "not_ours": "您所申请的政府信息不属于本机关负责公开",
    "repeat": "不予重复处理",
    "special_law": "请依照有关法律、行政法规规定的程序查询、获取",
}


def conclusion(app: Application) -> str:
    """The one-line answer of a reply letter."""
    if not app.outcome:
        return ""
    if app.outcome == "partial":
        return "部分公开"
    if app.reply_type in CONCLUSIONS:
        return CONCLUSIONS[app.reply_type]
    if app.outcome == "disclosed":
        return "予以公开"
    return outcomes.short_label(app.outcome)


def context_for(app: Application, kind: str, consultation=None) -> dict:
    clock = services.clock_of(app)
    text, basis = decision_text(app) if app.outcome else ("", "")
    fee = getattr(app, "fee_notice", None) if kind == "fee" else None
    from gongkai.rules import fees as feerules

    remedy = services.remedy_for(app.organisation)
    return {
        "app": app,
        "org": app.organisation,
        "received": _cn_date(app.received_on),
        "corrected": _cn_date(app.corrected_on),
        "extension": app.extension_days,
        "due": (_cn_date(clock.due) + ("（暂定）" if clock.provisional else ""))
        if clock.due
        else "",
        "correction_deadline": _cn_date(app.correction_deadline),
        "reply_type_label": outcomes.REPLY_LABELS.get(app.reply_type, ""),
        "conclusion": conclusion(app),
        "outcome_label": app.outcome_label,
        "decision_text": text,
        "legal_basis": basis,
        "remedy": remedy.paragraph(),
        "consultation": consultation,
        "consultation_due": _cn_date(consultation.answer_due) if consultation else "",
        "fee": fee,
        "fee_basis": feerules.BASIS,
        "fee_rate": feerules.FeeQuote(fee.method, fee.units, fee.amount).rate_text if fee else "",
        "pay_by": _cn_date(fee.pay_by) if fee else "",
        "today": _cn_date(services.today()),
    }


def render(app: Application, kind: str, *, consultation=None, on: dt.date | None = None):
    """(title, paragraphs) of a letter."""
    title, body = template_for(app.organisation, kind)
    ctx = context_for(app, kind, consultation)
    text = Template(body).render(Context(ctx, autoescape=False))
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if kind == "reply" and ctx["remedy"] not in text:
        paragraphs.append(ctx["remedy"])
    signature = [app.organisation.name, _cn_date(on or services.today())]
    return title, paragraphs, signature


def to_html(title: str, paragraphs: list[str], signature: list[str], number: str = "") -> str:
    out = [f'<article class="letter"><h2 class="letter-title">{escape(title)}</h2>']
    if number:
        out.append(f'<p class="letter-number">{escape(number)}</p>')
    for p in paragraphs:
        out.append("<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>")
    out.append('<p class="letter-signature">' + "<br>".join(escape(s) for s in signature) + "</p>")
    out.append("</article>")
    return "\n".join(out)


def to_docx(title: str, paragraphs: list[str], signature: list[str], number: str = "") -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(title)
    run.bold = True
    run.font.size = Pt(22)
    if number:
        p = doc.add_paragraph(number)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(paragraphs):
        p = doc.add_paragraph(text)
        if i > 0:
            p.paragraph_format.first_line_indent = Pt(32)
    for s in signature:
        p = doc.add_paragraph(s)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
