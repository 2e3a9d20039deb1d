"""What the personal-data guard reads: every field of an item that reaches the public.

Issue #17.8: not only the body. The portal shows the title, 发文字号, 主题分类, 体裁, 主题词,
the body, the validity note and every attachment (its name and its text), so the guard scans
all of them, for an item or for the open revision that will replace its public content. The
matching itself is ``gongkai.rules.privacy.scan`` (hardened separately).
"""

from __future__ import annotations

from gongkai.rules.sanitize import html_to_text

# (label shown to the reviewer, field of Item / key of a revision's data)
PUBLIC_FIELDS = [
    ("标题", "title"),
    ("发文字号", "doc_number"),
    ("主题分类", "theme"),
    ("体裁", "genre"),
    ("主题词", "keywords"),
]


def guard_text(item, revision=None) -> list[tuple[str, str]]:
    """(where, text) pairs the privacy guard scans for ``item`` (or its open ``revision``)."""
    data = revision.data if revision is not None else None
    parts = []
    for label, name in PUBLIC_FIELDS:
        value = data.get(name, "") if data is not None else getattr(item, name, "")
        parts.append((label, str(value or "")))
    if data is not None:
        parts.append(("正文", html_to_text(data.get("body", ""))))
        removed = set(data.get("remove_attachments", []))
        files = [*item.attachments.exclude(pk__in=removed), *revision.new_files.all()]
    else:
        parts.append(("正文", item.body_text))
        files = list(item.attachments.all())
    if getattr(item, "validity_note", ""):
        parts.append(("有效性说明", item.validity_note))
    for att in files:
        parts.append((f"附件名称：{att.name}", att.name))
        parts.append((f"附件：{att.name}", att.text))
    return [(where, text) for where, text in parts if text]
