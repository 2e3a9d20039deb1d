"""Closing the loop: publishing the 意见采纳情况说明 and linking the final policy."""

from __future__ import annotations

from django.utils.html import escape

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import dates
from gongkai.rules.participation.feedback import DISPOSITIONS

from .. import services
from ..models import Consultation

# The 重大决策预公开 column (docs/catalog.md); organisations whose catalog has none (it is a
# themed column) publish the 说明 in 工作动态.
FEEDBACK_COLUMNS = ("consultation", "news")


def feedback_column(org):
    from gongkai.catalog.models import CatalogEntry

    found = {
        e.slug: e for e in CatalogEntry.objects.filter(organisation=org, slug__in=FEEDBACK_COLUMNS)
    }
    return next((found[s] for s in FEEDBACK_COLUMNS if s in found), None)


def feedback_title(c: Consultation) -> str:
    return f"关于《{c.title.removesuffix('（征求意见稿）')}》公开征求意见采纳情况的说明"


def feedback_html(c: Consultation) -> str:
    s = services.summary(c)
    t = s.total
    parts = [
        f"<p>{escape(c.organisation.name)}于{dates.zh_date(c.opens_on)}至{dates.zh_date(c.closes_on)}"
        f"就《{escape(c.title)}》公开征求意见，共收到意见{t.comments}条（内容相同或相近的归并后为{t.opinions}条）。"
        f"经研究，采纳{t.adopted}条，部分采纳{t.partly}条，未采纳{t.rejected}条，"
        f"不属于征求范围{t.out_of_scope}条。</p>"
    ]
    if c.feedback_intro:
        parts.append(f"<p>{escape(c.feedback_intro)}</p>")
    for lead in services.leaders(c):
        label = lead.article.label if lead.article_id else "全文"
        quoted = lead.public_text if lead.consent else "（提出人未同意公开意见原文）"
        count = f"（{lead.group_size}条相同意见）" if lead.group_size > 1 else ""
        line = f"<p><strong>{escape(label)}</strong>{count}：{escape(quoted)}<br>处理结果：{DISPOSITIONS.get(lead.disposition, '')}"
        if lead.reason:
            line += f"。理由：{escape(lead.reason)}"
        if lead.final_article:
            line += f"（定稿{escape(lead.final_article)}）"
        parts.append(line + "</p>")
    return "".join(parts)


def publish_feedback(actor, c: Consultation, intro: str = "") -> Consultation:
    """closed → published: every opinion decided; the 说明 is published as a catalog item in the
    organisation's 重大决策预公开 column, so plan obligations on that column are fulfilled by
    the catalog's own publication signal."""
    from gongkai.catalog import actions as catalog

    with change(actor, "review", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status != Consultation.CLOSED:
            raise Invalid("只有已结束的征求意见可以公布采纳情况。")
        summary = services.summary(c)
        if summary.total.undecided:
            raise Invalid(f"还有 {summary.total.undecided} 条意见未填写处理结果。")
        c.feedback_intro = (intro or "").strip()
        entry = feedback_column(c.organisation)
        if entry is not None:
            item = catalog.publish_item_now(
                organisation=c.organisation,
                title=feedback_title(c),
                body=feedback_html(c),
                entries=[entry],
                actor=actor,
                reason="公布征求意见采纳情况",
                genre="说明",
                theme="公众参与",
            )
            c.feedback_item = item
        c.status = Consultation.PUBLISHED
        c.feedback_published_at = dates.now()
        c.save(update_fields=["feedback_intro", "status", "feedback_published_at", "feedback_item"])
        ch.audit(c, "transition", from_state="closed", to_state=c.status)
        from gongkai.search import registry

        registry.changed("consultation", [c.pk])
    return c


def link_final(actor, c: Consultation, item) -> Consultation:
    """The final policy (a published catalog item of the organisation) the draft became."""
    from gongkai.catalog.models import Item

    with change(actor, "edit", c.organisation) as ch:
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.status not in (Consultation.CLOSED, Consultation.PUBLISHED):
            raise Invalid("征求意见结束后才能关联正式文件。")
        item_id = getattr(item, "pk", item)
        city = c.organisation.city or c.organisation
        found = (
            Item.objects.public()
            .filter(pk=item_id, organisation_id__in=city.descendant_ids())
            .first()
        )
        if found is None:
            raise Invalid(errors={"final_item": "请选择已发布的正式文件。"})
        before = c.final_item_id
        c.final_item = found
        c.save(update_fields=["final_item"])
        ch.audit(c, "linked_final", changes={"final_item": [before, found.pk]})
        from gongkai.search import registry

        registry.changed("consultation", [c.pk])
    return c
