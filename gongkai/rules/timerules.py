"""Time rules in plan text: 按月, 每周, 每五日, 按季度, 每年6月底前, 人代会结束60个工作日内, 定期 ...

``extract(text, year)`` returns every explicit time rule a passage states (and none it does not:
及时, 适时 and 同步 are not rules). Each rule is a :class:`TimeRule`:

- ``recurring``: ``every`` is week, month, quarter, half_year, year or ``N_days``; seasonal rules
  (夏秋粮收购旺季每五日) also carry ``season``;
- ``deadline``: ``due`` is ``YYYY-MM-DD`` for a one-off date (the plan year when the text names
  none) or ``MM-DD`` with ``every == "year"`` for a yearly one (每年6月底前);
- ``relative``: ``relative_to`` names the event, ``within`` is ``"60 working_days"``,
  ``"30 days"`` or ``"5 hours"``;
- ``continuous``: 定期, 实时, 长期公示, 常态化: no due date.

The due-date arithmetic (periods, working days) is in :mod:`gongkai.rules.plan_schedule`.
No Django import.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import asdict, dataclass

KINDS = ("recurring", "deadline", "relative", "continuous")
PERIODS = ("week", "month", "quarter", "half_year", "year")

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
CN_DIGITS.update({"八": 8, "九": 9, "十": 10})

# Clause boundaries: a rule governs the clause it sits in.
_CLAUSE_SPLIT = re.compile(r"[,;。!?:\n]")


def cn_number(s: str) -> int:
    """'5' / '五' / '十五' / '二十' → int."""
    if s.isdigit():
        return int(s)
    if s in CN_DIGITS:
        return CN_DIGITS[s]
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            CN_DIGITS.get(ones, 0) if ones else 0
        )
    raise ValueError(s)


@dataclass
class TimeRule:
    phrase: str
    kind: str
    every: str | None = None
    due: str | None = None
    relative_to: str | None = None
    within: str | None = None
    what: str = ""
    season: str | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        if d["season"] is None:
            d.pop("season")
        return d

    def key(self) -> tuple:
        """What makes two rules the same rule (for comparing plans)."""
        return (self.kind, self.every, self.due, self.within)

    def describe(self) -> str:
        """zh-hans label of the rule, for pages and ledgers."""
        if self.kind == "recurring":
            label = EVERY_LABELS.get(self.every or "", self.every or "")
            return f"{self.season}{label}" if self.season else label
        if self.kind == "deadline":
            if self.every == "year" and self.due:
                m, d = self.due.split("-")
                return f"每年{int(m)}月{int(d)}日前"
            if self.due and len(self.due) == 10:
                y, m, d = self.due.split("-")
                return f"{int(y)}年{int(m)}月{int(d)}日前"
            return self.due or "期限"
        if self.kind == "relative":
            n, _, unit = (self.within or "").partition(" ")
            return f"{self.relative_to or '事件'}后{n}{UNIT_LABELS.get(unit, unit)}内"
        return "持续（定期）"


EVERY_LABELS = {
    "week": "每周",
    "month": "每月",
    "quarter": "每季度",
    "half_year": "每半年",
    "year": "每年",
}
UNIT_LABELS = {"working_days": "个工作日", "days": "日", "hours": "小时"}


def every_label(every: str | None) -> str:
    if not every:
        return ""
    if every.endswith("_days"):
        return f"每{every.split('_')[0]}日"
    return EVERY_LABELS.get(every, every)


def normalise(text: str) -> str:
    """NFKC, no whitespace between non-Latin characters (OCR puts spaces around digits)."""
    s = unicodedata.normalize("NFKC", text or "")
    s = re.sub(r"(?<=[^A-Za-z])[ \t\u3000]+|[ \t\u3000]+(?=[^A-Za-z])", "", s)
    return s


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_PERIOD_WORD = {
    "周": "week",
    "星期": "week",
    "月": "month",
    "季度": "quarter",
    "季": "quarter",
    "半年度": "half_year",
    "半年": "half_year",
    "年度": "year",
    "年": "year",
}
_LIST_WORD = {"月度": "month", "季度": "quarter", "半年度": "half_year", "年度": "year"}
_NUM = r"\d+|[一二两三四五六七八九十]+"

# Each pattern: (name, regex). Earlier patterns win over overlapping later ones.
_PATTERNS = [
    (
        "relative",
        re.compile(r"(?:最迟|最长)?(?P<n>" + _NUM + r")个?(?P<unit>工作日|自然日|日|天|个?小时)内"),
    ),
    (
        "yearly_deadline",
        re.compile(r"每年(?:的)?(?P<m>\d{1,2})月(?:(?P<end>底|末)|(?P<d>\d{1,2})日)(?:前|之前)"),
    ),
    (
        "dated_deadline",
        re.compile(
            r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<mend>底|末)|(?P<d>\d{1,2})日)|(?:年底|年末|底|末))"
            r"(?:前|之前)"
        ),
    ),
    (
        "plain_deadline",
        re.compile(
            r"(?<![\d每年])(?P<m>\d{1,2})月(?:(?P<end>底|末|份)|(?P<d>\d{1,2})日)(?:前|之前)"
        ),
    ),
    ("by_year", re.compile(r"到(?P<y>\d{4})年")),
    ("year_end", re.compile(r"(?:年底前|年末前|年内(?!容))")),
    ("half_deadline", re.compile(r"上半年(?:前|内)?")),
    ("weeks", re.compile(r"每(?P<n>" + _NUM + r")(?:个)?(?:周|星期)")),
    ("seasonal_days", re.compile(r"每(?P<n>" + _NUM + r")(?:日|天)")),
    ("list", re.compile(r"(?:月度|季度|半年度|年度)(?:、(?:月度|季度|半年度|年度))+")),
    ("every", re.compile(r"(?:按|每)(?P<p>半年度|半年|季度|季|年度|年|月|周|星期)(?:定期)?")),
    ("monthly", re.compile(r"逐月")),
    (
        "bare_period",
        re.compile(r"(?<![按每半上下本一])(?P<p>季度|月度)(?=抽查|例会|通报|分析|检查)"),
    ),
    ("continuous", re.compile(r"(?:不)?定期|实时|长期公示|常态化")),
]

_SEASON_WORDS = re.compile(r"(旺季|期间|汛期|季节)")
_LEADING_JUNK = re.compile(r"^(?:并|且|要|应|须|必须|均|都|在|于|由|及|并在|和|以及)+")


def _clean_what(clause: str, span: tuple[int, int]) -> str:
    what = clause[: span[0]] + clause[span[1] :]
    what = re.sub(r"(?:最迟|之前|前|内)(?=$)", "", what)
    what = _LEADING_JUNK.sub("", what)
    what = re.sub(r"^(?:内|前)", "", what)
    return what.strip("、 ") or clause


def _event_before(clause: str, start: int) -> str:
    """The event a relative rule counts from: the words before it, after the last 在/于/自."""
    head = clause[:start]
    cut = max(head.rfind(w) for w in ("在", "于", "自", "从"))
    event = head[cut + 1 :] if cut >= 0 else head
    event = re.sub(r"(?:之日起|之日|起|以后|后|最迟|最长)+$", "", event)
    return event.strip("、")


def _date(year: int | None, month: int, day: int | None, end: bool) -> str:
    if end:
        day = _month_end(year or 2001, month)  # a non-leap year for yearly rules
    if year is None:
        return f"{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def extract(text: str, year: int | None = None) -> list[TimeRule]:
    """Every explicit time rule in ``text`` in reading order. ``year`` is the plan year."""
    rules: list[TimeRule] = []
    body = normalise(text)
    # Quotes hold names (“双随机、一公开”), never clause breaks; commas inside them are rare.
    for sentence in re.split(r"[。;!?\n]", body):
        last_event: str | None = None
        for clause in _CLAUSE_SPLIT.split(sentence):
            if not clause:
                continue
            taken: list[tuple[int, int]] = []
            found: list[tuple[int, TimeRule]] = []
            for name, pattern in _PATTERNS:
                for m in pattern.finditer(clause):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    made = _make(name, m, clause, year, last_event)
                    if not made:
                        continue
                    taken.append(m.span())
                    for rule in made:
                        if rule.kind == "relative":
                            last_event = rule.relative_to
                        found.append((m.start(), rule))
            found.sort(key=lambda x: x[0])
            rules.extend(r for _, r in found)
    return rules


def _make(name, m, clause, year, last_event) -> list[TimeRule]:
    what = _clean_what(clause, m.span())
    if name == "relative":
        n = cn_number(m.group("n"))
        unit = m.group("unit")
        unit = "working_days" if unit == "工作日" else "hours" if unit.endswith("小时") else "days"
        own_event = _event_before(clause, m.start())
        event = own_event or last_event or ""
        head = clause[: m.start()]
        if own_event:
            cut = max(head.rfind(w) for w in ("在", "于", "自", "从"))
            head = head[:cut] if cut >= 0 else ""
        what = _clean_what(head + clause[m.end() :], (0, 0))
        return [
            TimeRule(clause, "relative", relative_to=event or None, within=f"{n} {unit}", what=what)
        ]
    if name == "yearly_deadline":
        due = _date(None, int(m.group("m")), int(m.group("d") or 1), bool(m.group("end")))
        return [TimeRule(clause, "deadline", every="year", due=due, what=what)]
    if name == "dated_deadline":
        y = int(m.group("y"))
        if m.group("m"):
            due = _date(y, int(m.group("m")), int(m.group("d") or 1), not m.group("d"))
        else:
            due = f"{y:04d}-12-31"
        return [TimeRule(clause, "deadline", due=due, what=what)]
    if name == "plain_deadline":
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            return []
        end = bool(m.group("end"))
        due = _date(year, month, int(m.group("d") or 1), end)
        return [TimeRule(clause, "deadline", due=due, what=what)]
    if name == "by_year":
        return [TimeRule(clause, "deadline", due=f"{int(m.group('y')):04d}-12-31", what=what)]
    if name == "year_end":
        due = f"{year:04d}-12-31" if year else "12-31"
        return [TimeRule(clause, "deadline", due=due, what=what)]
    if name == "half_deadline":
        due = f"{year:04d}-06-30" if year else "06-30"
        return [TimeRule(clause, "deadline", due=due, what=what)]
    if name == "weeks":
        n = cn_number(m.group("n"))
        return [TimeRule(clause, "recurring", every=f"{n * 7}_days", what=what)]
    if name == "seasonal_days":
        n = cn_number(m.group("n"))
        season = None
        head = clause[: m.start()]
        sm = _SEASON_WORDS.search(head)
        if sm:
            season = _LEADING_JUNK.sub("", head[: sm.end()]) or None
            what = _clean_what(clause, (0, m.end()))
        return [TimeRule(clause, "recurring", every=f"{n}_days", what=what, season=season)]
    if name == "list":
        words = m.group(0).split("、")
        return [TimeRule(clause, "recurring", every=_LIST_WORD[w], what=what) for w in words]
    if name == "every":
        return [TimeRule(clause, "recurring", every=_PERIOD_WORD[m.group("p")], what=what)]
    if name == "monthly":
        return [TimeRule(clause, "recurring", every="month", what=what)]
    if name == "bare_period":
        return [TimeRule(clause, "recurring", every=_LIST_WORD[m.group("p")], what=what)]
    if name == "continuous":
        return [TimeRule(clause, "continuous", what=what)]
    return []
