"""The indicator set: thresholds of the 单项否决 items (defaults: the 2019 national indicators).

The office edits them per year (``gongkai.health.models.IndicatorSet``); the checks receive a
plain :class:`Indicators`. Where the 2019 text leaves a figure open, the default is marked as
local practice in docs/site-health.md (``neglect_days``, ``monitored_levels``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# rule ids (stable, English snake case: CLI, API, JSON)
HOME_STALE = "home_stale"
COLUMN_STALE = "column_stale"
COLUMN_BLANK = "column_blank"
COLUMNS_NEGLECTED = "columns_neglected"
MESSAGE_UNANSWERED = "message_unanswered"
UNREACHABLE = "unreachable"
FORGED_DATE = "forged_date"
BROKEN_LINK = "broken_link"

RULES = [
    HOME_STALE,
    COLUMN_STALE,
    COLUMNS_NEGLECTED,
    COLUMN_BLANK,
    MESSAGE_UNANSWERED,
    UNREACHABLE,
    FORGED_DATE,
    BROKEN_LINK,
]

RULE_LABELS = {
    HOME_STALE: "首页不更新",
    COLUMN_STALE: "栏目不更新",
    COLUMNS_NEGLECTED: "栏目长期未更新",
    COLUMN_BLANK: "空白栏目",
    MESSAGE_UNANSWERED: "互动回应差（留言超期未回复）",
    UNREACHABLE: "站点无法访问",
    FORGED_DATE: "发布时间与审计记录不符",
    BROKEN_LINK: "链接或附件无法打开",
}

# The rules that are 单项否决 items of the 2019 indicators (the others are scored findings).
VETO_RULES = {HOME_STALE, COLUMN_STALE, COLUMNS_NEGLECTED, COLUMN_BLANK, MESSAGE_UNANSWERED,
              UNREACHABLE}  # fmt: skip


@dataclass(frozen=True)
class Indicators:
    year: int = 2019
    home_days: int = 14  # 首页栏目信息超过2周未更新
    dynamic_days: int = 14  # 动态、要闻类栏目超过2周未更新
    notice_months: int = 6  # 通知公告类栏目超过6个月未更新
    policy_months: int = 6  # 政策文件类栏目超过6个月未更新
    stale_columns_veto: int = 5  # 累计 ≥ 5 个栏目不更新
    neglect_days: int = 365  # 应更新但长期未更新（local practice: over a year）
    neglected_columns_veto: int = 10  # ≥ 10 个栏目长期未更新
    blank_columns_veto: int = 5  # ≥ 5 个空白栏目
    message_days: int = 90  # 留言超过3个月未回复
    message_window_days: int = 365  # 监测时间点前1年内
    unreachable_percent: float = 5.0  # 1周内 ≥ 5% 的监测无法访问
    probe_window_days: int = 7
    probe_timeout_s: float = 15.0  # 15秒内打不开即为无法访问
    predict_days: int = 7  # 预警：N 天内将超期
    monitored_levels: tuple[str, ...] = field(
        default=("city", "county", "zone", "department")
    )  # 乡镇、街道原则上不开设政府网站（国办发〔2017〕47号）

    @classmethod
    def from_mapping(cls, data: dict) -> Indicators:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names and v is not None}
        if isinstance(values.get("monitored_levels"), str):
            values["monitored_levels"] = tuple(
                s.strip() for s in values["monitored_levels"].split(",") if s.strip()
            )
        return cls(**values)


DEFAULTS = Indicators()
