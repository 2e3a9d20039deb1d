"""Letters to the applicant and to third parties: rendered from editable templates
(``LetterTemplate``: plain text with a closed set of ``{{名称}}`` placeholders, blank lines
separate paragraphs) to HTML and to .docx in the GB/T 9704 layout (``gongkai.core.officedoc``).

A template that cannot be rendered (an old one in another syntax) is never used: the default of
its kind is, with a warning in the log. Letters say 您 to a natural person and 贵单位 to an
organisation, carry a 文号 such as 聊民公开复〔2026〕15号, and no doubled punctuation.

The organisation's own template wins over the shared one (organisation blank), which wins over
the defaults below. Every reply carries the remedy paragraph (``{{ remedy }}``); if an edited
template drops it, it is appended anyway.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.utils.html import escape

from gongkai.rules import outcomes
from gongkai.rules.dates import zh_date

from . import services
from .models import Application, LetterTemplate

DEFAULTS: dict[str, tuple[str, str]] = {
    "reply": (
        "政府信息公开申请答复书",
        """{{申请人}}：

本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请（登记号：{{登记号}}），申请获取“{{申请内容}}”。{{补正说明}}{{延期说明}}

经审查，现答复如下：{{答复结论}}。

{{答复正文}}

{{法律依据}}

{{救济途径}}

特此告知。""",
    ),
    "correction": (
        "补正申请通知书",
        """{{申请人}}：

本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请（登记号：{{登记号}}）。经审查，{{称谓}}的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请对以下内容作出补正：

{{补正事项}}

请于{{补正期限}}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
    "extension": (
        "延期答复告知书",
        """{{申请人}}：

本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请（登记号：{{登记号}}）。因{{延期理由}}，不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，本机关将于{{答复期限}}前作出答复。""",
    ),
    "consultation": (
        "政府信息公开征求第三方意见函",
        """{{第三方}}：

本机关于{{收到日期}}收到政府信息公开申请（登记号：{{登记号}}），所申请的政府信息可能涉及贵方合法权益：

{{征求事项}}

根据《中华人民共和国政府信息公开条例》{{征求依据条款}}的规定，请于{{意见期限}}前（自收到本函之日起15个工作日内）提出意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。""",
    ),
    "fee": (
        "政府信息公开信息处理费缴费通知书",
        """{{申请人}}：

本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请（登记号：{{登记号}}）。根据《中华人民共和国政府信息公开条例》第四十二条和{{收费依据}}，本申请需缴纳信息处理费。

计收方式：{{计收方式}}；标准：{{收费标准}}。

计算：{{收费计算}}

应缴金额：人民币{{应缴金额}}元。

缴费方式：{{缴费方式}}。

请于{{缴费期限}}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
    "later": (
        "另行确定答复期限告知书",
        """{{申请人}}：

本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请（登记号：{{登记号}}）。经审查，{{称谓}}的申请数量、频次明显超过合理范围，说明的理由合理，但本机关无法在法定期限内答复。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定在{{答复期限}}前作出答复。

情况说明：{{另行答复说明}}""",
    ),
    "receipt": (
        "政府信息公开申请登记回执",
        """{{申请人}}：

本机关已于{{收到日期}}收到{{称谓}}的政府信息公开申请，登记号{{登记号}}。

查询码：{{查询码}}　验证码：{{验证码}}

答复期限：{{答复期限}}。可凭查询码和验证码在本平台“申请查询”页面查看办理进度。""",
    ),
}

# The closed set of placeholders a template may use: {{名称}} is replaced by plain text; nothing
# else of the template language exists, so no template can reach a live object (issue #17.7).
PLACEHOLDERS = {
    "申请人": "申请人姓名或单位名称",
    "称谓": "“您”（自然人）或“贵单位”（法人或其他组织）",
    "登记号": "申请登记号",
    "收到日期": "收到申请的日期",
    "申请内容": "所申请的信息（前120字）",
    "补正说明": "收到补正申请的说明（无补正时为空）",
    "延期说明": "延长答复期限的说明（未延期时为空）",
    "答复结论": "答复结论，如“部分公开”",
    "答复正文": "答复的具体内容",
    "法律依据": "“依据：……。”（无依据时为空）",
    "救济途径": "行政复议、行政诉讼的救济途径",
    "答复期限": "答复期限",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限",
    "延长天数": "延长的工作日数",
    "延期理由": "延期理由",
    "第三方": "第三方名称",
    "征求事项": "征求意见的事项",
    "征求依据条款": "条例条款，如“第三十二条”",
    "意见期限": "第三方提出意见的期限",
    "收费依据": "收费依据文件",
    "计收方式": "按件或按量",
    "收费标准": "收费标准",
    "收费计算": "计算过程",
    "应缴金额": "应缴金额（元）",
    "缴费方式": "缴费方式",
    "缴费期限": "缴费期限",
    "另行答复说明": "另行确定答复期限的情况说明",
    "查询码": "查询码",
    "验证码": "验证码",
    "机关名称": "本机关名称",
    "今天": "今天的日期",
}
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{%|%\}|\{#")
log = logging.getLogger(__name__)


def template_problem(text: str) -> str | None:
    """Why a template cannot be saved (unknown placeholder, template language), or None."""
    if _TEMPLATE_SYNTAX.search(text):
        return "模板只能使用 {{名称}} 形式的占位符，不能使用 {% %} 等模板语句。"
    unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(PLACEHOLDERS))
    if unknown:
        return (
            "模板中有未知的占位符："
            + "、".join(f"{{{{{u}}}}}" for u in unknown)
            + "。可用的占位符见页面说明。"
        )
    return None


def fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)


_DOUBLED = [
    (re.compile(r"([。！？；])\s*([”’」』）)]?)\s*[。；，]"), r"\1\2"),  # …明细。”。 → …明细。”
    (re.compile(r"[，、；]([。！？])"), r"\1"),
    (re.compile(r"。{2,}"), "。"),
    (re.compile(r"：{2,}"), "："),
]


def tidy(text: str) -> str:
    """No doubled punctuation where inserted text already ends a sentence."""
    for pattern, repl in _DOUBLED:
        text = pattern.sub(repl, text)
    return text


KIND_LABELS = dict(LetterTemplate.KIND_CHOICES)


def _cn_date(d: dt.date | None) -> str:
    return zh_date(d, empty="")


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


def _sentence(prefix: str, value: str) -> str:
    value = (value or "").strip()
    return f"{prefix}{value.rstrip('。')}。" if value else ""


def context_for(app: Application, kind: str, consultation=None) -> dict[str, str]:
    """The placeholder values of a letter (plain strings only)."""
    from gongkai.rules import fees as feerules

    clock = services.clock_of(app)
    text, basis = decision_text(app) if app.outcome else ("", "")
    fee = getattr(app, "fee_notice", None) if kind == "fee" else None
    remedy = services.remedy_for(app.organisation)
    natural = app.applicant_type == outcomes.NATURAL
    due = ""
    if clock.due:
        due = _cn_date(clock.due) + ("（暂定）" if clock.provisional else "")
    description = app.description or ""
    if len(description) > 120:
        description = description[:119] + "…"
    values = {
        "申请人": app.name,
        "称谓": "您" if natural else "贵单位",
        "登记号": app.registration_no,
        "收到日期": _cn_date(app.received_on),
        "申请内容": description.rstrip("。"),
        "补正说明": f"本机关于{_cn_date(app.corrected_on)}收到补正后的申请。"
        if app.corrected_on
        else "",
        "延期说明": f"经批准，答复期限已延长{app.extension_days}个工作日。"
        if app.extension_days
        else "",
        "答复结论": conclusion(app),
        "答复正文": text,
        "法律依据": _sentence("依据：", basis),
        "救济途径": remedy.paragraph(),
        "答复期限": due,
        "补正事项": app.correction_items or "",
        "补正期限": _cn_date(app.correction_deadline),
        "延长天数": str(app.extension_days or ""),
        "延期理由": (app.extension_reason or "").rstrip("。"),
        "第三方": consultation.party if consultation else "",
        "征求事项": consultation.question if consultation else "",
        "征求依据条款": "第三十二条、第三十四条"
        if consultation and consultation.kind == "agency"
        else "第三十二条",
        "意见期限": _cn_date(consultation.answer_due) if consultation else "",
        "收费依据": feerules.BASIS,
        "计收方式": fee.get_method_display() if fee else "",
        "收费标准": feerules.FeeQuote(fee.method, fee.units, fee.amount).rate_text if fee else "",
        "收费计算": fee.explanation if fee else "",
        "应缴金额": str(fee.amount) if fee else "",
        "缴费方式": (
            fee.payment_info if fee and fee.payment_info else "请到本机关政府信息公开受理窗口缴纳"
        ),
        "缴费期限": _cn_date(fee.pay_by) if fee else "",
        "另行答复说明": app.later_reason or "",
        "查询码": app.tracking_code,
        "验证码": app.verifier,
        "机关名称": app.organisation.name,
        "今天": _cn_date(services.today()),
    }
    return {k: str(v) for k, v in values.items()}


def render(app: Application, kind: str, *, consultation=None, on: dt.date | None = None):
    """(title, paragraphs, signature) of a letter."""
    title, body = template_for(app.organisation, kind)
    if template_problem(body):
        log.warning(
            "letter template %s of %s cannot be used (%s); the default is used instead",
            kind,
            app.organisation,
            template_problem(body),
        )
        title, body = DEFAULTS[kind]
    values = context_for(app, kind, consultation)
    text = tidy(fill(body, values))
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if kind == "reply" and values["救济途径"] not in text:
        paragraphs.append(values["救济途径"])
    signature = [app.organisation.name, _cn_date(on or services.today())]
    return title, paragraphs, signature


KIND_CODES = {
    "reply": "复",
    "correction": "补",
    "extension": "延",
    "consultation": "征",
    "fee": "费",
    "later": "期",
    "receipt": "登",
}


def number_prefix(org) -> str:
    """聊民公开 for 聊城市民政局: the city's first character, the department's key character."""
    city = org.root if getattr(org, "root", None) else org
    short = (org.short_name or org.name).removeprefix("市").removeprefix(city.name)
    key = short[:1] if org.pk != city.pk else "政"
    return f"{city.name[:1]}{key}公开"


def number_for(app: Application, kind: str) -> str:
    """The next 文号 of this kind of letter, e.g. 聊民公开复〔2026〕15号 (call inside the letter's
    transaction: the serial is never reused)."""
    from gongkai.core.serials import next_serial

    year = (app.received_on or services.today()).year
    serial = next_serial(f"letter-{kind}", app.organisation, year)
    return f"{number_prefix(app.organisation)}{KIND_CODES.get(kind, '函')}〔{year}〕{serial}号"


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
    """The letter as .docx: A4, GB/T 9704 margins, 仿宋 body, 小标宋 title, seal area."""
    from gongkai.core.officedoc import letter

    addressee, body = "", list(paragraphs)
    if body and body[0].endswith("：") and len(body[0]) <= 60:
        addressee, body = body[0], body[1:]
    return letter(title, body, signature, number=number, addressee=addressee)
