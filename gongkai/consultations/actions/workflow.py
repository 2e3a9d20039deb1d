"""The life of a consultation: draft → submitted → approved → open → closed (→ published)."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.actors import is_system
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.files import accept_one, store
from gongkai.rules import dates
from gongkai.rules.participation import articles as article_rules
from gongkai.rules.participation.period import KIND_LABELS, PeriodInputError

from .. import services
from ..models import CHANNELS, Article, Consultation, DraftVersion, PeriodEvent

FIELDS = (
    "title",
    "doc_kind",
    "explanation",
    "basis",
    "opens_on",
    "closes_on",
    "shorter_reason",
    "channels",
    "email",
    "post_address",
    "meeting_note",
    "contact_unit",
)
NOT_DRAFT = "只有草稿可以修改；已提交的请先退回修改。"
SELF_APPROVAL = "起草人不能审核自己起草的征求意见（与信息发布相同的审核分离规则）。"
SHORTER_NEEDS_REASON = "征求意见期限短于法定最短期限（{minimum}，最早应于{earliest}截止），须填写缩短理由，理由将在征求意见页面公开。"
NEED_DRAFT = "请先上传草案文本。"


def _date(value, field: str, errors: dict):
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field] = "日期格式应为 2026-09-01。"
        return None


def clean(data: dict, *, partial: Consultation | None = None) -> dict:
    errors: dict[str, str] = {}
    out: dict = {}
    for key in FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key in ("opens_on", "closes_on"):
            out[key] = _date(value, key, errors)
        elif key == "channels":
            values = [v for v in (value or []) if v]
            bad = [v for v in values if v not in CHANNELS]
            if bad:
                errors[key] = "征求意见渠道不正确。"
            out[key] = [v for v in CHANNELS if v in values]
        else:
            text = str(value or "").strip()
            if "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
                errors[key] = "包含无法识别的字符。"
            out[key] = text
    if "title" in out and not out["title"]:
        errors["title"] = "请填写标题。"
    if len(out.get("title", "")) > 200:
        errors["title"] = "标题最多200个字。"
    if "doc_kind" in out and out["doc_kind"] not in KIND_LABELS:
        errors["doc_kind"] = "请选择文件类别。"
    opens = out.get("opens_on", partial.opens_on if partial else None)
    closes = out.get("closes_on", partial.closes_on if partial else None)
    if opens and closes and closes < opens:
        errors["closes_on"] = "截止日期不能早于开始日期。"
    if errors:
        raise Invalid(errors=errors)
    return out


def create(actor, organisation, **fields) -> Consultation:
    with change(actor, "edit", organisation) as ch:
        data = clean({"channels": ["online"], **fields})
        if "title" not in data:
            raise Invalid(errors={"title": "请填写标题。"})
        data.setdefault("doc_kind", "normative")
        c = Consultation(
            organisation=organisation, author=None if is_system(actor) else actor, **data
        )
        c.save()
        ch.audit(c, "create", to_state=c.status, changes={"title": [None, c.title]})
    return c


def update(actor, c: Consultation, **fields) -> Consultation:
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.DRAFT:
            raise Invalid(NOT_DRAFT)
        data = clean(fields, partial=c)
        changes = {k: [str(getattr(c, k)), str(v)] for k, v in data.items() if getattr(c, k) != v}
        for k, v in data.items():
            setattr(c, k, v)
        c.save()
        if changes:
            ch.audit(c, "change", changes=changes)
    return c


def _replace_articles(c: Consultation, text: str) -> list[str]:
    parsed = article_rules.parse(text)
    c.articles.all().delete()
    Article.objects.bulk_create(
        [
            Article(
                consultation=c,
                number=a.number,
                label=a.label,
                chapter=a.chapter[:120],
                section=a.section[:120],
                text=a.text,
            )
            for a in parsed.articles
        ]
    )
    return parsed.warnings


def _accept_draft(name: str, data: bytes):
    """.docx/.pdf through the shared upload check; .txt (not an attachment type there) read here
    as UTF-8 or GB18030 with the same size limit."""
    if not name.lower().endswith(".txt"):
        return accept_one((name, data), field="draft")
    import hashlib

    from gongkai.core.files import Accepted, max_file_bytes
    from gongkai.rules.planparser import PlanParseError, decode

    if len(data) > max_file_bytes():
        raise Invalid(errors={"draft": f"“{name}”过大。"})
    try:
        text = decode(data)
    except PlanParseError as exc:
        raise Invalid(errors={"draft": f"“{name}”：无法识别文件编码。"}) from exc
    if "\x00" in text:
        raise Invalid(errors={"draft": f"“{name}”不是文本文件。"})
    return Accepted(
        name=name[:255],
        data=data,
        extension="txt",
        content_type="text/plain; charset=utf-8",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def upload_draft(actor, c: Consultation, name: str, data: bytes, note: str = "") -> DraftVersion:
    """A new version of the draft (.docx/.txt/.pdf); its text is read into articles."""
    accepted = _accept_draft(name, data)
    if accepted.extension not in ("docx", "txt", "pdf"):
        raise Invalid(errors={"draft": "草案请上传 .docx、.txt 或 .pdf 文件。"})
    if not accepted.text.strip():
        raise Invalid(
            errors={"draft": "未能从文件中读出文字，请上传含文字的文件（扫描件请先识别）。"}
        )
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status not in (Consultation.DRAFT,):
            raise Invalid("草案只能在草稿状态更换；已发布的征求意见不能更换草案。")
        number = (
            c.versions.order_by("-version").values_list("version", flat=True).first() or 0
        ) + 1
        version = store(DraftVersion, accepted, consultation=c, version=number, note=note[:200])
        c.draft_text = accepted.text
        c.save(update_fields=["draft_text"])
        warnings = _replace_articles(c, accepted.text)
        ch.audit(
            c,
            "draft_uploaded",
            changes={"version": [number - 1 or None, number], "articles": c.articles.count()},
            reason="；".join(warnings),
        )
    return version


def _check_period(c: Consultation):
    if not (c.opens_on and c.closes_on):
        raise Invalid(errors={"closes_on": "请填写开始日期和截止日期。"})
    try:
        result = services.compute_period(c.doc_kind, c.opens_on, c.closes_on)
    except PeriodInputError as exc:
        raise Invalid(errors={"closes_on": "征求意见期限无法计算。"}) from exc
    if result.shorter and not c.shorter_reason.strip():
        raise Invalid(
            errors={
                "shorter_reason": SHORTER_NEEDS_REASON.format(
                    minimum=result.minimum_label, earliest=result.earliest_label()
                )
            }
        )
    return result


def submit(actor, c: Consultation) -> Consultation:
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.DRAFT:
            raise Invalid("只有草稿可以提交审核。")
        if not c.draft_text.strip():
            raise Invalid(errors={"draft": NEED_DRAFT})
        if not c.channels:
            raise Invalid(errors={"channels": "请至少选择一个征求意见渠道。"})
        if not c.contact_unit:
            raise Invalid(errors={"contact_unit": "请填写联系单位。"})
        _check_period(c)
        c.status = Consultation.SUBMITTED
        c.save(update_fields=["status"])
        ch.audit(c, "transition", from_state="draft", to_state=c.status)
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "consultation.submitted",
            to=users_with("review", c.organisation),
            subject=f"征求意见待审核：{c.title}",
            url=f"/staff/consultations/{c.pk}/",
        )
    return c


def approve(actor, c: Consultation) -> Consultation:
    with change(actor, "review", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.SUBMITTED:
            raise Invalid("只有待审核的征求意见可以审核通过。")
        if not is_system(actor) and c.author_id and c.author_id == actor.pk:
            raise Forbidden(SELF_APPROVAL)
        c.status = Consultation.APPROVED
        c.approved_by = None if is_system(actor) else actor
        c.save(update_fields=["status", "approved_by"])
        ch.audit(c, "transition", from_state="submitted", to_state=c.status)
        ch.notify("consultation.approved", to=[c.author], subject=f"征求意见已审核通过：{c.title}")
    return c


def return_to_draft(actor, c: Consultation, reason: str) -> Consultation:
    if not (reason or "").strip():
        raise Invalid(errors={"reason": "请填写退回理由。"})
    with change(actor, "review", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status not in (Consultation.SUBMITTED, Consultation.APPROVED):
            raise Invalid("只有待审核或待发布的征求意见可以退回。")
        before = c.status
        c.status = Consultation.DRAFT
        c.save(update_fields=["status"])
        ch.audit(c, "transition", from_state=before, to_state=c.status, reason=reason)
        ch.notify(
            "consultation.returned",
            to=[c.author],
            subject=f"征求意见被退回：{c.title}",
            body=reason,
        )
    return c


def _event(c, kind, reason="", notice=""):
    return PeriodEvent.objects.create(
        consultation=c,
        kind=kind,
        on=dates.today(),
        closes_on=c.closes_on,
        reason=reason,
        notice=notice,
    )


def _changed(c):
    from gongkai.search import registry

    registry.changed("consultation", [c.pk])


def open_consultation(actor, c: Consultation) -> Consultation:
    """approved → open: published on the portal from its opening date (today at the latest)."""
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.APPROVED:
            raise Invalid("只有审核通过的征求意见可以发布。")
        today = dates.today()
        if c.opens_on is None or c.opens_on < today:
            c.opens_on = today
        if c.opens_on > today:
            raise Invalid(
                errors={"opens_on": f"开始日期为{dates.zh_date(c.opens_on)}，届时再发布。"}
            )
        result = _check_period(c)
        c.minimum_days = result.minimum_days
        c.status = Consultation.OPEN
        c.opened_at = dates.now()
        c.save(update_fields=["opens_on", "minimum_days", "status", "opened_at"])
        notice = f"自{dates.zh_date(c.opens_on)}起至{dates.zh_date(c.closes_on)}公开征求意见。"
        _event(c, "opened", c.shorter_reason if result.shorter else "", notice)
        ch.audit(c, "transition", from_state="approved", to_state=c.status, reason=notice)
        _changed(c)
    return c


def extend(actor, c: Consultation, closes_on, reason: str) -> Consultation:
    errors: dict = {}
    new = _date(closes_on, "closes_on", errors)
    if not (reason or "").strip():
        errors["reason"] = "请填写延长理由，理由将随公告公开。"
    if errors or new is None:
        raise Invalid(errors=errors or {"closes_on": "请填写新的截止日期。"})
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.OPEN:
            raise Invalid("只有正在征求意见的可以延长期限。")
        if new <= c.closes_on:
            raise Invalid(errors={"closes_on": "新的截止日期须晚于原截止日期。"})
        before = c.closes_on
        c.closes_on = new
        c.save(update_fields=["closes_on"])
        notice = f"征求意见截止日期由{dates.zh_date(before)}延长至{dates.zh_date(new)}。"
        _event(c, "extended", reason, notice)
        ch.audit(
            c,
            "extended",
            changes={"closes_on": [before.isoformat(), new.isoformat()]},
            reason=reason,
        )
        _changed(c)
    return c


def reopen(actor, c: Consultation, closes_on, reason: str) -> Consultation:
    errors: dict = {}
    new = _date(closes_on, "closes_on", errors)
    if not (reason or "").strip():
        errors["reason"] = "请填写重新征求意见的理由，理由将随公告公开。"
    if errors or new is None:
        raise Invalid(errors=errors or {"closes_on": "请填写新的截止日期。"})
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.CLOSED:
            raise Invalid("只有已结束且尚未公布采纳情况的征求意见可以重新征求意见。")
        if new <= dates.today():
            raise Invalid(errors={"closes_on": "新的截止日期须晚于今天。"})
        c.closes_on = new
        c.status = Consultation.OPEN
        c.save(update_fields=["closes_on", "status"])
        notice = f"自{dates.zh_date(dates.today())}起重新征求意见，截止日期为{dates.zh_date(new)}。"
        _event(c, "reopened", reason, notice)
        ch.audit(c, "transition", from_state="closed", to_state="open", reason=reason)
        _changed(c)
    return c


def close(actor, c: Consultation, reason: str = "") -> Consultation:
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.OPEN:
            raise Invalid("只有正在征求意见的可以结束。")
        if c.closes_on and c.closes_on >= dates.today() and not reason.strip():
            raise Invalid(errors={"reason": "截止日期未到，提前结束须填写理由。"})
        c.status = Consultation.CLOSED
        c.closed_at = dates.now()
        c.save(update_fields=["status", "closed_at"])
        _event(c, "closed", reason, f"征求意见于{dates.zh_date(dates.today())}结束。")
        ch.audit(c, "transition", from_state="open", to_state=c.status, reason=reason)
        _changed(c)
    return c
