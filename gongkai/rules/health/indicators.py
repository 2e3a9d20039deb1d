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
    # the scored items' weights and targets over the defaults of ``scored.SPECS`` (local practice)
    scored: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_mapping(cls, data: dict) -> Indicators:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names and v is not None}
        if isinstance(values.get("monitored_levels"), str):
            values["monitored_levels"] = tuple(
                s.strip() for s in values["monitored_levels"].split(",") if s.strip()
            )
        if not isinstance(values.get("scored", {}), dict):
            values.pop("scored")
        return cls(**values)


DEFAULTS = Indicators()


# The thresholds the office edits (name, label, type, lowest, highest): the staff page's form.
EDITABLE = [
    ("home_days", "首页不更新（天）", int, 1, 365),
    ("dynamic_days", "动态要闻类栏目不更新（天）", int, 1, 365),
    ("notice_months", "通知公告类栏目不更新（月）", int, 1, 60),
    ("policy_months", "政策文件类栏目不更新（月）", int, 1, 60),
    ("stale_columns_veto", "栏目不更新否决线（个）", int, 1, 1000),
    ("neglect_days", "长期未更新（天）", int, 1, 3650),
    ("neglected_columns_veto", "长期未更新否决线（个）", int, 1, 1000),
    ("blank_columns_veto", "空白栏目否决线（个）", int, 1, 1000),
    ("message_days", "留言未回复（天）", int, 1, 3650),
    ("message_window_days", "留言统计范围（天）", int, 1, 3650),
    ("unreachable_percent", "无法访问比例否决线（%）", float, 0.1, 100),
    ("probe_window_days", "可访问性监测周期（天）", int, 1, 365),
    ("probe_timeout_s", "打开超时（秒）", float, 1, 120),
    ("predict_days", "预警提前（天）", int, 1, 90),
]
LEVELS = ("city", "county", "zone", "department", "township")
BAD_LEVELS = "监测的机构层级只能是 city、county、zone、department、township，用逗号分隔。"


def parse_thresholds(data: dict) -> tuple[dict, dict]:
    """Read the form's strings into values; returns (values, errors by field, zh-hans)."""
    values, errors = {}, {}
    for name, label, kind, low, high in EDITABLE:
        raw = str(data.get(name, "")).strip()
        try:
            v = kind(raw)
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError
        except ValueError:
            errors[name] = f"{label}：请填写{'整数' if kind is int else '数字'}。"
            continue
        if v < 0:
            errors[name] = f"{label}：不能为负数。"
        elif v < low:
            errors[name] = f"{label}：不能小于{low}。"
        elif v > high:
            errors[name] = f"{label}：不能大于{high}。"
        else:
            values[name] = v
    levels = [s.strip() for s in str(data.get("monitored_levels", "")).split(",") if s.strip()]
    if not levels or set(levels) - set(LEVELS):
        errors["monitored_levels"] = BAD_LEVELS
    else:
        values["monitored_levels"] = ",".join(levels)
    return values, errors
