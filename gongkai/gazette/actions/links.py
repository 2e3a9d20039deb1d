"""Linking a gazette article to the catalog item that is the same document."""

from __future__ import annotations

from gongkai.catalog.models import Item
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules.gazette import matching

from ..models import Article
from . import messages

POLICY_KINDS = {"regulation": "regulation", "normative": "normative"}  # article kind -> item kind


def candidates_for(city) -> list[matching.Candidate]:
    items = Item.objects.public().filter(
        kind__in=list(POLICY_KINDS.values()), organisation_id__in=city.descendant_ids()
    )
    return [
        matching.Candidate(i.pk, i.title, i.doc_number)
        for i in items.only("pk", "title", "doc_number")
    ]


def apply_match(article: Article, found: matching.Match | None, linked_ids: set[int]) -> bool:
    """Set the article's link from a match (inside the caller's change); True if it changed."""
    if found is None or found.candidate.id in linked_ids:
        return False
    article.item_id = found.candidate.id
    article.link_state = (
        Article.LINK_CONFIRMED if found.certainty == matching.SURE else Article.LINK_SUGGESTED
    )
    article.link_reason = (
        "自动：" if found.certainty == matching.SURE else "待确认："
    ) + found.reason
    return True


def linked_item_ids(city) -> set[int]:
    return set(
        Article.objects.filter(
            issue__gazette__organisation=city, link_state=Article.LINK_CONFIRMED
        ).values_list("item_id", flat=True)
    )


def confirm_link(actor, article: Article, *, reason: str = "") -> Article:
    with change(actor, "edit", article.issue.gazette.organisation) as ch:
        if article.link_state != Article.LINK_SUGGESTED or article.item_id is None:
            raise Invalid(messages.NO_SUGGESTION)
        article.link_state = Article.LINK_CONFIRMED
        article.link_reason = "人工确认" + (f"：{reason}" if reason else "")
        article.save(update_fields=["link_state", "link_reason"])
        ch.audit(
            article, "link", from_state="suggested", to_state="confirmed",
            changes={"item": article.item_id}, reason=reason,
        )  # fmt: skip
    return article


def reject_link(actor, article: Article, *, reason: str = "") -> Article:
    with change(actor, "edit", article.issue.gazette.organisation) as ch:
        if article.link_state != Article.LINK_SUGGESTED:
            raise Invalid(messages.NO_SUGGESTION)
        item_id = article.item_id
        article.item = None
        article.link_state = Article.LINK_REJECTED
        article.link_reason = "人工否定" + (f"：{reason}" if reason else "")
        article.save(update_fields=["item", "link_state", "link_reason"])
        ch.audit(
            article, "unlink", from_state="suggested", to_state="rejected",
            changes={"item": [item_id, None]}, reason=reason,
        )  # fmt: skip
    return article


def auto_link_item(actor, item: Item) -> int:
    """A policy was published: link it to a matching unlinked article of its city's gazette."""
    if item.kind not in POLICY_KINDS.values() or not item.is_public:
        return 0
    city = item.organisation.root
    articles = list(
        Article.objects.filter(
            issue__gazette__organisation=city, item__isnull=True,
            kind__in=list(POLICY_KINDS), link_state=Article.LINK_NONE,
        )
    )  # fmt: skip
    if not articles:
        return 0
    cand = [matching.Candidate(item.pk, item.title, item.doc_number)]
    changed = 0
    with change(actor, "edit", city) as ch:
        for article in articles:
            if apply_match(article, matching.match(article.title, article.doc_number, cand), set()):
                article.save(update_fields=["item", "link_state", "link_reason"])
                ch.audit(article, "link", to_state=article.link_state, reason=article.link_reason)
                changed += 1
                break
    return changed
