"""The site-health score (0..100) that feeds the assessment's rubric kind 网站健康.

Local practice (configurable in the indicator set's notes, documented in docs/site-health.md):
start from 100, deduct per finding, and cap at 59 (不合格) when any 单项否决 item holds, as the
2019 indicators fail such a site outright.
"""

from __future__ import annotations

from .checks import Result
from .indicators import RULE_LABELS

DEDUCTIONS = {
    "home_stale": 20,
    "column_stale": 4,
    "columns_neglected": 2,
    "column_blank": 4,
    "message_unanswered": 10,
    "unreachable": 20,
    "forged_date": 10,
    "broken_link": 2,
}
VETO_CAP = 59


def score(res: Result) -> tuple[int, str]:
    total, parts = 100, []
    for rule, points in DEDUCTIONS.items():
        n = res.count(rule)
        if n:
            total -= n * points
            parts.append(f"{RULE_LABELS[rule]}{n}项扣{n * points}分")
    total = max(total, 0)
    if res.vetoes:
        total = min(total, VETO_CAP)
        parts.append(
            "存在单项否决：" + "、".join(v.label for v in res.vetoes) + f"，最高{VETO_CAP}分"
        )
    return total, ("；".join(parts) or "未发现问题") + f"。得分{total}。"
