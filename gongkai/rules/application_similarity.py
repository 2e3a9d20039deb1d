"""Similarity of request texts without a word segmenter: overlap of character bigrams.

Used to flag candidate repeat applications (重复申请), to find published items that may already
answer a request, and to group frequently requested information (申请较为集中的信息).
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
# Words that appear in almost every request and say nothing about the information wanted.
_NOISE = (
    "申请公开",
    "请求公开",
    "要求公开",
    "政府信息",
    "相关信息",
    "相关文件",
    "有关情况",
    "本人",
    "我单位",
    "申请",
    "公开",
    "请求",
    "提供",
    "关于",
    "以及",
    "情况",
    "的",
)


def normalise(text: str) -> str:
    s = text or ""
    for w in _NOISE:
        s = s.replace(w, " ")
    return " ".join(_KEEP.findall(s)).lower()


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for chunk in normalise(text).split():
        if len(chunk) == 1:
            continue
        grams.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return grams


def similarity(a: str, b: str) -> float:
    """0..1: shared bigrams over the smaller set (containment), so a short request inside a
    longer one still scores high."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def answers_score(request: str, title: str, body: str = "") -> float:
    """How much of the request's bigrams a published item's title and body cover (0..1)."""
    gr = bigrams(request)
    if not gr:
        return 0.0
    gt = bigrams(title)
    gb = bigrams(body[:4000]) if body else set()
    return (2 * len(gr & gt) + len(gr & gb)) / (3 * len(gr))


def group_similar(texts: list[str], threshold: float = 0.5) -> list[list[int]]:
    """Greedy clusters of indexes whose texts are similar to the cluster's first text."""
    groups: list[list[int]] = []
    heads: list[set[str]] = []
    for i, t in enumerate(texts):
        g = bigrams(t)
        for k, head in enumerate(heads):
            if g and head and len(g & head) / min(len(g), len(head)) >= threshold:
                groups[k].append(i)
                break
        else:
            groups.append([i])
            heads.append(g)
    return groups
