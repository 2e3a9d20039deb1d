"""The exact checks of one organisation's site, over plain data (no database).

Every finding names its object (a column, a message, the site, an item, a link), the date that
makes it a finding (``since``: the first day it was stale/overdue; ``None`` where nothing ever
was published) and the rule. Thresholds come from :class:`~.indicators.Indicators`.

"Over 2 weeks" is read literally: a column last updated on day D is fresh up to D + 14 and stale
from D + 15. Months are calendar months (D + 6 months, the last day of a shorter month).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field

from . import columns as ct
from .indicators import (
    COLUMN_BLANK,
    COLUMN_STALE,
    COLUMNS_NEGLECTED,
    HOME_STALE,
    MESSAGE_UNANSWERED,
    RULE_LABELS,
    UNREACHABLE,
    Indicators,
)


def add_months(d: dt.date, n: int) -> dt.date:
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ColumnFacts:
    id: int
    name: str
    label: str  # the path, e.g. 法定主动公开内容 › 工作动态
    type: str  # columns.DYNAMIC …
    last_published: dt.date | None  # newest public item in the column or below it
    has_content: bool  # any public item, or content the portal renders from the organisation
    url: str = ""  # where an editor fixes it


@dataclass(frozen=True)
class MessageFacts:
    id: int
    subject: str
    received_on: dt.date
    url: str = ""


@dataclass(frozen=True)
class ProbeFacts:
    on: dt.date
    ok: bool  # loaded with a success status
    seconds: float | None  # None: no answer at all


@dataclass
class Finding:
    rule: str
    object: str
    since: dt.date | None
    detail: str
    object_kind: str = ""
    object_id: str = ""
    url: str = ""

    @property
    def key(self) -> str:
        return f"{self.rule}:{self.object_kind}:{self.object_id}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        data["key"] = self.key
        return data


@dataclass
class Prediction:
    rule: str
    object: str
    due_on: dt.date  # the first day it becomes a finding
    act_by: dt.date  # the last day to act
    detail: str
    object_kind: str = ""
    object_id: str = ""
    url: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["due_on"] = self.due_on.isoformat()
        data["act_by"] = self.act_by.isoformat()
        return data


@dataclass
class Veto:
    rule: str
    count: int
    threshold: int | float
    detail: str

    @property
    def label(self) -> str:
        return RULE_LABELS[self.rule]

    def as_dict(self) -> dict:
        return {**asdict(self), "label": self.label}


@dataclass
class Result:
    as_of: dt.date
    vetoes: list[Veto] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    predicted: list[Prediction] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def light(self) -> str:
        """red: a veto holds; amber: findings or predictions; green: nothing."""
        if self.vetoes:
            return "red"
        return "amber" if self.findings or self.predicted else "green"

    def count(self, rule: str) -> int:
        return sum(1 for f in self.findings if f.rule == rule)


def _zh(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "从未"


def stale_from(last: dt.date, type_: str, ind: Indicators) -> dt.date | None:
    """The first day a column of ``type_`` last updated on ``last`` counts as not updated."""
    if type_ == ct.DYNAMIC:
        return last + dt.timedelta(days=ind.dynamic_days + 1)
    if type_ == ct.NOTICE:
        return add_months(last, ind.notice_months) + dt.timedelta(days=1)
    if type_ == ct.POLICY:
        return add_months(last, ind.policy_months) + dt.timedelta(days=1)
    return None


def _limit_text(type_: str, ind: Indicators) -> str:
    return {
        ct.DYNAMIC: f"{ind.dynamic_days}天",
        ct.NOTICE: f"{ind.notice_months}个月",
        ct.POLICY: f"{ind.policy_months}个月",
    }[type_]


def check_columns(cols: list[ColumnFacts], as_of: dt.date, ind: Indicators, res: Result) -> None:
    horizon = as_of + dt.timedelta(days=ind.predict_days)
    for c in cols:
        label = f"{c.label}（{ct.TYPE_LABELS[c.type]}）"
        if not c.has_content:
            res.findings.append(
                Finding(
                    COLUMN_BLANK,
                    c.label,
                    None,
                    f"栏目“{c.name}”没有任何公开内容。",
                    "column",
                    str(c.id),
                    c.url,
                )  # fmt: skip
            )
            continue
        if c.type == ct.STANDING or c.last_published is None:
            continue
        since = stale_from(c.last_published, c.type, ind)
        if since is not None:
            if as_of >= since:
                res.findings.append(
                    Finding(
                        COLUMN_STALE,
                        c.label,
                        since,
                        f"{label}最近更新于{_zh(c.last_published)}，超过{_limit_text(c.type, ind)}"
                        f"未更新（自{_zh(since)}起）。",
                        "column",
                        str(c.id),
                        c.url,
                    )  # fmt: skip
                )
            elif since <= horizon:
                res.predicted.append(
                    Prediction(
                        COLUMN_STALE,
                        c.label,
                        since,
                        since - dt.timedelta(days=1),
                        f"{label}最近更新于{_zh(c.last_published)}，"
                        f"请在{_zh(since - dt.timedelta(days=1))}前发布新信息。",
                        "column",
                        str(c.id),
                        c.url,
                    )  # fmt: skip
                )
        neglected = c.last_published + dt.timedelta(days=ind.neglect_days + 1)
        if as_of >= neglected:
            res.findings.append(
                Finding(
                    COLUMNS_NEGLECTED,
                    c.label,
                    neglected,
                    f"{label}最近更新于{_zh(c.last_published)}，超过{ind.neglect_days}天未更新。",
                    "column",
                    str(c.id),
                    c.url,
                )  # fmt: skip
            )


def check_home(last: dt.date | None, as_of: dt.date, ind: Indicators, res: Result, url="") -> None:
    if last is None:
        res.findings.append(
            Finding(HOME_STALE, "首页", None, "首页从未发布信息。", "site", "home", url)
        )
        return
    since = last + dt.timedelta(days=ind.home_days + 1)
    if as_of >= since:
        res.findings.append(
            Finding(
                HOME_STALE,
                "首页",
                since,
                f"首页最近一条信息发布于{_zh(last)}，超过{ind.home_days}天无更新。",
                "site",
                "home",
                url,
            )  # fmt: skip
        )
    elif since <= as_of + dt.timedelta(days=ind.predict_days):
        act_by = since - dt.timedelta(days=1)
        res.predicted.append(
            Prediction(
                HOME_STALE,
                "首页",
                since,
                act_by,
                f"首页最近一条信息发布于{_zh(last)}，请在{_zh(act_by)}前发布新信息。",
                "site",
                "home",
                url,
            )  # fmt: skip
        )


def check_messages(msgs: list[MessageFacts], as_of: dt.date, ind: Indicators, res: Result) -> None:
    """Unanswered valid messages received in the past ``message_window_days`` and open more
    than ``message_days``."""
    window_start = as_of - dt.timedelta(days=ind.message_window_days)
    for m in msgs:
        if m.received_on < window_start:
            continue
        since = m.received_on + dt.timedelta(days=ind.message_days + 1)
        if as_of >= since:
            res.findings.append(
                Finding(
                    MESSAGE_UNANSWERED,
                    f"留言：{m.subject}",
                    since,
                    f"留言“{m.subject}”于{_zh(m.received_on)}收到，超过{ind.message_days}天未回复。",
                    "message",
                    str(m.id),
                    m.url,
                )  # fmt: skip
            )


def check_probes(probes: list[ProbeFacts], as_of: dt.date, ind: Indicators, res: Result) -> None:
    start = as_of - dt.timedelta(days=ind.probe_window_days - 1)
    window = [p for p in probes if start <= p.on <= as_of]
    res.counts["probes"] = len(window)
    if not window:
        res.notes.append(f"近{ind.probe_window_days}天没有可访问性监测记录，未判断“站点无法访问”。")
        return
    failed = [p for p in window if not p.ok or p.seconds is None or p.seconds > ind.probe_timeout_s]
    share = 100.0 * len(failed) / len(window)
    res.counts["probes_failed"] = len(failed)
    if failed and share >= ind.unreachable_percent:
        res.findings.append(
            Finding(
                UNREACHABLE,
                "网站",
                min(p.on for p in failed),
                f"近{ind.probe_window_days}天{len(window)}次监测中{len(failed)}次"
                f"（{share:.1f}%）未能在{ind.probe_timeout_s:g}秒内打开。",
                "site",
                "availability",
            )  # fmt: skip
        )


def vetoes(res: Result, ind: Indicators) -> list[Veto]:
    out = []
    if res.count(HOME_STALE):
        out.append(Veto(HOME_STALE, 1, 1, f"首页超过{ind.home_days}天无更新。"))
    for rule, threshold, what in (
        (COLUMN_STALE, ind.stale_columns_veto, "栏目不更新"),
        (COLUMNS_NEGLECTED, ind.neglected_columns_veto, "栏目长期未更新"),
        (COLUMN_BLANK, ind.blank_columns_veto, "空白栏目"),
    ):
        n = res.count(rule)
        if n >= threshold:
            out.append(Veto(rule, n, threshold, f"{what}{n}个，达到{threshold}个的否决线。"))
    n = res.count(MESSAGE_UNANSWERED)
    if n:
        out.append(Veto(MESSAGE_UNANSWERED, n, 1, f"{n}条有效留言超过{ind.message_days}天未回复。"))
    if res.count(UNREACHABLE):
        out.append(Veto(UNREACHABLE, 1, ind.unreachable_percent,
                        f"可访问性监测失败比例达到{ind.unreachable_percent:g}%。"))  # fmt: skip
    return out


def check(
    *,
    as_of: dt.date,
    indicators: Indicators,
    columns: list[ColumnFacts],
    home_last: dt.date | None,
    messages: list[MessageFacts] = (),
    probes: list[ProbeFacts] | None = None,
    extra_findings: list[Finding] = (),
    extra_predictions: list[Prediction] = (),
    home_url: str = "",
) -> Result:
    """All checks of one organisation. ``probes=None``: availability is not judged here."""
    res = Result(as_of=as_of)
    check_home(home_last, as_of, indicators, res, home_url)
    check_columns(columns, as_of, indicators, res)
    check_messages(list(messages), as_of, indicators, res)
    if probes is not None:
        check_probes(probes, as_of, indicators, res)
    res.findings.extend(extra_findings)
    res.predicted.extend(extra_predictions)
    res.predicted.sort(key=lambda p: (p.act_by, p.object))
    res.vetoes = vetoes(res, indicators)
    res.counts.update({"columns": len(columns), "findings": len(res.findings)})
    for rule in RULE_LABELS:
        res.counts[rule] = res.count(rule)
    return res
