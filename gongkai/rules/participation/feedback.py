"""The figures of the 意见采纳情况说明 and the draft ↔ final text diff by article.

An opinion is one group of near-identical comments (a lone comment is a group of one); it is
counted once among opinions and its comments are counted among comments. Dispositions:
采纳 / 部分采纳 / 未采纳 / 不属于征求范围; a reason is required for 未采纳 and 部分采纳
(domain.md section 6: reasons for those not adopted are published).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

DISPOSITIONS = {
    "adopted": "采纳",
    "partly": "部分采纳",
    "rejected": "未采纳",
    "out_of_scope": "不属于征求范围",
}
REASON_REQUIRED = ("partly", "rejected")


def reason_problem(disposition: str, reason: str) -> str:
    """'' when the disposition and its reason are acceptable, else the zh-hans problem."""
    if disposition not in DISPOSITIONS:
        return "请选择处理结果。"
    if disposition in REASON_REQUIRED and not (reason or "").strip():
        return f"“{DISPOSITIONS[disposition]}”须说明理由。"
    return ""


@dataclass
class Opinion:
    article: str  # the article's label ("" for the whole draft)
    comments: int  # how many comments the group holds (>= 1)
    disposition: str = ""  # "" while not yet decided


@dataclass
class Counts:
    opinions: int = 0
    comments: int = 0
    undecided: int = 0
    by_disposition: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISPOSITIONS, 0))
    comments_by_disposition: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(DISPOSITIONS, 0)
    )

    def add(self, op: Opinion) -> None:
        self.opinions += 1
        self.comments += op.comments
        if op.disposition in DISPOSITIONS:
            self.by_disposition[op.disposition] += 1
            self.comments_by_disposition[op.disposition] += op.comments
        else:
            self.undecided += 1

    @property
    def adopted(self) -> int:
        return self.by_disposition["adopted"]

    @property
    def partly(self) -> int:
        return self.by_disposition["partly"]

    @property
    def rejected(self) -> int:
        return self.by_disposition["rejected"]

    @property
    def out_of_scope(self) -> int:
        return self.by_disposition["out_of_scope"]


@dataclass
class Summary:
    total: Counts
    by_article: list[tuple[str, Counts]]  # in the order first seen ("" = 全文)

    @property
    def complete(self) -> bool:
        return self.total.undecided == 0


def summarise(opinions: Iterable[Opinion], article_order: list[str] | None = None) -> Summary:
    total = Counts()
    per: dict[str, Counts] = {}
    for op in opinions:
        total.add(op)
        per.setdefault(op.article, Counts()).add(op)
    order = {label: i for i, label in enumerate(article_order or [])}
    # the whole draft first, then the articles in the draft's order, then any others
    rows = sorted(per.items(), key=lambda kv: (kv[0] != "", order.get(kv[0], 10**6), kv[0]))
    return Summary(total=total, by_article=rows)


# -- draft ↔ final --------------------------------------------------------------------------
@dataclass
class ArticleChange:
    status: str  # unchanged / changed / added / removed
    draft_label: str = ""
    final_label: str = ""
    draft_text: str = ""
    final_text: str = ""
    ratio: float = 1.0


STATUS_LABELS = {"unchanged": "未改动", "changed": "有修改", "added": "新增", "removed": "删除"}


def diff_articles(
    draft: list[tuple[str, str]], final: list[tuple[str, str]], *, same: float = 0.6
) -> list[ArticleChange]:
    """Align the (label, text) articles of the draft and of the final text.

    Articles are matched by their text (so renumbering after an insertion is no change): a
    draft article pairs with the most similar unused final article when similarity >= ``same``.
    """
    used: set[int] = set()
    pairs: dict[int, tuple[int, float]] = {}
    for i, (_, dtext) in enumerate(draft):
        best, best_ratio = None, 0.0
        for j, (_, ftext) in enumerate(final):
            if j in used:
                continue
            r = difflib.SequenceMatcher(None, dtext, ftext, autojunk=False).ratio()
            if r > best_ratio:
                best, best_ratio = j, r
        if best is not None and best_ratio >= same:
            used.add(best)
            pairs[i] = (best, best_ratio)
    out: list[ArticleChange] = []
    by_final = {j: i for i, (j, _) in pairs.items()}
    emitted_draft: set[int] = set()
    for j, (flabel, ftext) in enumerate(final):
        if j in by_final:
            i = by_final[j]
            # removed draft articles that come before this one
            for k in range(len(draft)):
                if k < i and k not in pairs and k not in emitted_draft:
                    out.append(ArticleChange("removed", draft[k][0], "", draft[k][1], ""))
                    emitted_draft.add(k)
            emitted_draft.add(i)
            ratio = pairs[i][1]
            status = "unchanged" if draft[i][1] == ftext else "changed"
            out.append(ArticleChange(status, draft[i][0], flabel, draft[i][1], ftext, ratio))
        else:
            out.append(ArticleChange("added", "", flabel, "", ftext, 0.0))
    for k in range(len(draft)):
        if k not in pairs and k not in emitted_draft:
            out.append(ArticleChange("removed", draft[k][0], "", draft[k][1], ""))
    return out
