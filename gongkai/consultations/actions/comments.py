"""Comments: the public form, staff entry of letters/emails/minutes, grouping, dispositions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models.signals import post_save

from gongkai.core.actions import change
from gongkai.core.actors import is_system
from gongkai.core.errors import Invalid, NotFound
from gongkai.rules import dates
from gongkai.rules.participation import comment_input, similarity
from gongkai.rules.participation.feedback import reason_problem
from gongkai.rules.privacy import mask_text

from .. import services
from ..models import CHANNELS, Comment, Consultation

NOT_OPEN = "该征求意见已结束或尚未开始，不能再提交意见。"


def max_chars() -> int:
    return int(getattr(settings, "GONGKAI_CONSULTATION_COMMENT_MAX_CHARS", comment_input.MAX_CHARS))


def _leader_for(c: Consultation, text: str, article_id):
    rows = c.comments.filter(leader__isnull=True, article_id=article_id).values_list(
        "pk", "text", "article_id"
    )
    return similarity.find_leader(text, article_id, rows, threshold=services.similarity_threshold())


def submit_comment(
    actor,
    c: Consultation,
    *,
    text: str,
    contact: str,
    name: str = "",
    consent: bool = False,
    article=None,
    channel: str = "online",
    received_on: dt.date | None = None,
) -> Comment:
    """A comment from the public form (anonymous actor, ``channel="online"``) or entered by
    staff from another channel (letter, email, meeting minutes: needs the edit ability)."""
    public = (
        channel == "online"
        and not getattr(actor, "is_authenticated", False)
        and not is_system(actor)
    )
    errors = comment_input.check(text, contact, name, max_chars=max_chars())
    if channel not in CHANNELS:
        errors["channel"] = "请选择意见来源渠道。"
    if received_on is not None and received_on > dates.today():
        errors["received_on"] = "收到日期不能晚于今天。"
    if errors:
        raise Invalid(errors=errors)
    with change(actor, None if public else "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if public and c.status != Consultation.OPEN:
            raise Invalid(NOT_OPEN)
        if not public and c.status not in (Consultation.OPEN, Consultation.CLOSED):
            raise Invalid("只能为已发布且未公布采纳情况的征求意见录入意见。")
        if c.status == Consultation.OPEN and c.closes_on and dates.today() > c.closes_on and public:
            raise Invalid(NOT_OPEN)
        article_id = None
        if article not in (None, "", 0):
            article_id = getattr(article, "pk", article)
            if not c.articles.filter(pk=article_id).exists():
                raise Invalid(errors={"article": "所选条文不存在。"})
        body = text.strip()
        masked, _ = mask_text(body)
        comment = Comment.objects.create(
            consultation=c,
            article_id=article_id,
            channel=channel,
            received_on=received_on or dates.today(),
            name=(name or "").strip(),
            contact=contact.strip(),
            text=body,
            consent=bool(consent),
            public_text=masked if consent else "",
            entered_by=None if public or is_system(actor) else actor,
            leader_id=_leader_for(c, body, article_id),
        )
        ch.audit(
            comment, "create", changes={"channel": [None, channel], "article": [None, article_id]}
        )
    return comment


def dispose(
    actor, comment: Comment, disposition: str, reason: str = "", final_article: str = ""
) -> Comment:
    """Give an opinion (a group's leader; a follower stands for its leader) its disposition."""
    problem = reason_problem(disposition, reason)
    if problem:
        raise Invalid(errors={"reason" if disposition else "disposition": problem})
    if len(final_article or "") > 20:
        raise Invalid(errors={"final_article": "对应条文过长。"})
    c = comment.consultation
    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.CLOSED:
            raise Invalid("征求意见结束后、公布采纳情况前才能填写处理结果。")
        lead = Comment.objects.filter(pk=comment.leader_id or comment.pk, consultation=c).first()
        if lead is None:
            raise NotFound("未找到该意见。")
        before = lead.disposition
        Comment.objects.filter(pk=lead.pk).update(
            disposition=disposition,
            reason=reason.strip(),
            final_article=(final_article or "").strip(),
            disposed_at=dates.now(),
        )
        lead.refresh_from_db()
        ch.audit(lead, "disposition", from_state=before, to_state=disposition, reason=reason)
    return lead


def ungroup(actor, comment: Comment) -> Comment:
    """Take a comment out of its group (staff judged it a different opinion)."""
    c = comment.consultation
    with change(actor, "edit", c.organisation) as ch:
        if c.status == Consultation.PUBLISHED:
            raise Invalid("采纳情况已公布，不能再调整归并。")
        if not comment.leader_id:
            raise Invalid("该意见不在归并组中。")
        before = comment.leader_id
        Comment.objects.filter(pk=comment.pk).update(leader=None, disposition="", reason="")
        ch.audit(comment, "ungrouped", changes={"leader": [before, None]})
        comment.refresh_from_db()
        # the queryset update sends no post_save: the page's 归并后 count changes (page cache)
        ch.send(post_save, sender=Comment, instance=comment, created=False, update_fields=None)
    return comment
