"""Whether a speaker's post is that of a unit's principal leader (主要负责人, 第一解读人).

The seeds ask principal leaders to act as the first interpreters of their policies; a press
conference where none of them spoke is flagged. A post counts when it names a head of unit
(局长, 主任, 市长, 书记 ...) without 副 (deputy) before it. Staff may correct the flag.
"""

from __future__ import annotations

import re

HEAD_TITLES = (
    "书记",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "局长",
    "主任",
    "厅长",
    "部长",
    "院长",
    "主席",
    "委员长",
    "署长",
    "行长",
    "关长",
    "总经理",
    "理事长",
    "校长",
)
_DEPUTY = re.compile(r"副(?:" + "|".join(HEAD_TITLES) + ")")
_HEAD = re.compile("|".join(HEAD_TITLES))


def is_principal(post: str) -> bool:
    post = (post or "").strip()
    if not post or "主要负责" in post:
        return bool(post)
    cleaned = _DEPUTY.sub("", post)
    for word in ("副主任科员", "办公室主任", "科室主任"):
        cleaned = cleaned.replace(word, "")
    return bool(_HEAD.search(cleaned))
