"""The gazette's note on the public item page (slot "portal.item")."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.extensions import Note


def placement_note(item, request=None) -> list[Note]:
    """本文件刊登于《聊城市人民政府公报》2026年第5期（总第123期）第3–7页."""
    from .queries import placement

    article = placement(item)
    if article is None:
        return []
    issue = article.issue
    where = f"本文件刊登于《{issue.gazette.name}》{issue.label}"
    if article.page_start:
        pages = (
            f"第{article.page_start}–{article.page_end}页"
            if article.page_end and article.page_end != article.page_start
            else f"第{article.page_start}页"
        )
        where += pages
    return [
        Note(
            title="政府公报标准文本",
            text=where + "。政府公报刊登的文本为标准文本。",
            url=reverse("gazette:article", args=[article.pk]),
            link_text="查看公报文本及与本页文本的比对",
        )
    ]
