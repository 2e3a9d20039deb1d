"""Reply types (《政府信息公开条例》 Art. 36) and the outcome codes of table 三 of the annual report
(format of 2021, domain.md section 4), with the fields each decision needs and the table itself.

Every closed application carries one applicant type and one outcome code; table 三 is computed
from them (:func:`table_three`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# -- applicant types (columns of table 三) --------------------------------------------------
NATURAL = "natural"
APPLICANT_TYPES = [
    (NATURAL, "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
]
APPLICANT_LABELS = dict(APPLICANT_TYPES)
LEGAL_PERSON_TYPES = [code for code, _ in APPLICANT_TYPES if code != NATURAL]

# -- outcome codes (rows of table 三, 三 本年度办理结果) -----------------------------------------
# (code, group, number within group or 0, label)
OUTCOMES = [
    ("disclosed", "（一）予以公开", 0, "予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 0, "部分公开"),
    ("withheld_secret", "（三）不予公开", 1, "属于国家秘密"),
    ("withheld_law", "（三）不予公开", 2, "其他法律行政法规禁止公开"),
    ("withheld_security", "（三）不予公开", 3, "危及“三安全一稳定”"),
    ("withheld_third_party", "（三）不予公开", 4, "保护第三方合法权益"),
    ("withheld_internal", "（三）不予公开", 5, "属于三类内部事务信息"),
    ("withheld_process", "（三）不予公开", 6, "属于四类过程性信息"),
    ("withheld_enforcement", "（三）不予公开", 7, "属于行政执法案卷"),
    ("withheld_query", "（三）不予公开", 8, "属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", 1, "本机关不掌握相关政府信息"),
    ("unavailable_creation", "（四）无法提供", 2, "没有现成信息需要另行制作"),
    ("unavailable_unclear", "（四）无法提供", 3, "补正后申请内容仍不明确"),
    ("refused_petition", "（五）不予处理", 1, "信访举报投诉类申请"),
    ("refused_repeat", "（五）不予处理", 2, "重复申请"),
    ("refused_publication", "（五）不予处理", 3, "要求提供公开出版物"),
    ("refused_excessive", "（五）不予处理", 4, "无正当理由大量反复申请"),
    ("refused_confirm", "（五）不予处理", 5, "要求行政机关确认或重新出具已获取信息"),
    (
        "other_no_correction",
        "（六）其他处理",
        1,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_no_fee",
        "（六）其他处理",
        2,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_other", "（六）其他处理", 3, "其他"),
]
OUTCOME_CODES = [o[0] for o in OUTCOMES]
OUTCOME_LABELS = {o[0]: o[3] for o in OUTCOMES}
OUTCOME_GROUPS = {o[0]: o[1] for o in OUTCOMES}
WITHHELD_CODES = [c for c in OUTCOME_CODES if c.startswith("withheld_")]


def short_label(code: str) -> str:
    """予以公开 / 不予公开：属于国家秘密 ... for lists and letters."""
    group = OUTCOME_GROUPS[code]
    name = group.split("）", 1)[1].split("（", 1)[0]
    if code in ("disclosed", "partial"):
        return name
    return f"{name}：{OUTCOME_LABELS[code]}"


# -- reply types of Art. 36 -----------------------------------------------------------------
REPLY_TYPES = [
    ("already_public", "（一）已经主动公开的，告知获取的方式和途径"),
    ("disclose", "（二）予以公开的，向申请人提供或告知获取的方式、途径和时间"),
    ("withhold", "（三）决定不予公开的，告知不予公开并说明理由"),
    ("not_exist", "（四）经检索没有所申请公开信息的，告知该政府信息不存在"),
    (
        "not_ours",
        "（五）不属于本机关负责公开的，告知并说明理由；能够确定负责机关的，告知其名称、联系方式",
    ),
    (
        "repeat",
        "（六）已就申请人提出的政府信息公开申请作出答复、申请人重复申请的，告知不予重复处理",
    ),
    (
        "special_law",
        "（七）所申请信息依法应按特定程序查询、获取的（如工商、不动产登记资料），告知依照有关法律、行政法规办理",
    ),
    (
        "other",
        "其他情形（依条例第三十条、第三十五条、第三十八条、第三十九条、第四十二条等作出的处理）",
    ),
]
REPLY_LABELS = dict(REPLY_TYPES)

# Which reply types an outcome may take (the first is the default).
REPLY_FOR_OUTCOME = {
    "disclosed": ["disclose", "already_public"],
    "partial": ["disclose"],
    **{c: ["withhold"] for c in WITHHELD_CODES},
    "unavailable_not_held": ["not_exist", "not_ours"],
    "unavailable_creation": ["not_exist"],
    "unavailable_unclear": ["other"],
    "refused_petition": ["other"],
    "refused_repeat": ["repeat"],
    "refused_publication": ["other"],
    "refused_excessive": ["other"],
    "refused_confirm": ["other"],
    "other_no_correction": ["other"],
    "other_no_fee": ["other"],
    "other_other": ["special_law", "other"],
}

# Decision fields: name → zh label.
FIELD_LABELS = {
    "where_published": "已公开的位置（网址、栏目或文号）",
    "how_provided": "提供方式和时间",
    "withheld_part": "不予公开的部分",
    "withheld_reason": "不予公开部分的理由（不予公开的情形）",
    "legal_basis": "法律依据",
    "explanation": "理由说明",
    "responsible_agency": "负责公开的机关及联系方式",
    "earlier_reply": "此前答复（登记号或日期）",
    "procedure": "应当依照的特定程序",
}


def required_fields(outcome: str, reply_type: str) -> list[str]:
    """The decision fields a reply of this outcome and type must fill in."""
    if outcome not in OUTCOME_LABELS:
        raise ValueError(f"unknown outcome {outcome!r}")
    need: list[str] = []
    if reply_type == "already_public":
        need.append("where_published")
    elif outcome == "disclosed":
        need.append("how_provided")
    if outcome == "partial":
        need += ["how_provided", "withheld_part", "withheld_reason", "legal_basis"]
    if outcome in WITHHELD_CODES:
        need += ["legal_basis", "explanation"]
    if outcome in ("unavailable_creation", "unavailable_unclear") or (
        outcome.startswith("refused_") and outcome != "refused_repeat"
    ):
        need.append("explanation")
    if reply_type == "not_ours":
        need.append("responsible_agency")
    if outcome == "refused_repeat":
        need.append("earlier_reply")
    if reply_type == "special_law":
        need.append("procedure")
    if outcome == "other_other" and reply_type == "other":
        need.append("explanation")
    return need


def decision_problems(outcome: str, reply_type: str, details: dict) -> dict[str, str]:
    """{field: zh message} for what is missing or inconsistent; empty when the decision is whole."""
    problems: dict[str, str] = {}
    if outcome not in OUTCOME_LABELS:
        return {"outcome": "请选择办理结果。"}
    allowed = REPLY_FOR_OUTCOME[outcome]
    if reply_type not in allowed:
        labels = "、".join(REPLY_LABELS[r][:8] for r in allowed)
        problems["reply_type"] = f"“{short_label(outcome)}”的答复类型只能是：{labels}。"
        return problems
    for name in required_fields(outcome, reply_type):
        if not str(details.get(name) or "").strip():
            problems[name] = f"请填写“{FIELD_LABELS[name]}”。"
    if (
        outcome == "partial"
        and details.get("withheld_reason")
        and (details["withheld_reason"] not in WITHHELD_CODES)
    ):
        problems["withheld_reason"] = "不予公开部分的理由须为八类不予公开情形之一。"
    return problems


# -- table 三 -------------------------------------------------------------------------------
@dataclass
class TableRow:
    key: str
    label: str
    values: dict[str, int] = field(default_factory=dict)  # applicant type → count
    level: int = 0  # 0 section, 1 group, 2 item

    @property
    def legal_total(self) -> int:
        return sum(self.values.get(t, 0) for t in LEGAL_PERSON_TYPES)

    @property
    def total(self) -> int:
        return sum(self.values.values())

    def cells(self) -> list[int]:
        """自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 法人小计, 总计."""
        return [self.values.get(t, 0) for t, _ in APPLICANT_TYPES] + [
            self.legal_total,
            self.total,
        ]


@dataclass
class TableThree:
    rows: list[TableRow]
    by_code: dict[str, TableRow] = field(default_factory=dict)

    def row(self, key: str) -> TableRow:
        """A row by key ("new", "carried_in", "total", "carry_out", "group:…") or outcome code."""
        if key in self.by_code:
            return self.by_code[key]
        return next(r for r in self.rows if r.key == key)

    def check(self) -> bool:
        """一 + 二 = 三 + 四 in every column."""
        new, carried, done, left = (
            self.row(k) for k in ("new", "carried_in", "total", "carry_out")
        )
        return all(
            new.values.get(t, 0) + carried.values.get(t, 0)
            == done.values.get(t, 0) + left.values.get(t, 0)
            for t, _ in APPLICANT_TYPES
        )


COLUMN_HEADERS = [label for _, label in APPLICANT_TYPES] + ["法人或其他组织小计", "总计"]


@dataclass(frozen=True)
class CaseFact:
    """One application as table 三 sees it for a year."""

    applicant_type: str
    received_this_year: bool  # else carried in from an earlier year
    outcome: str | None  # closed this year with this code, else None (carried out)


def table_three(cases: Iterable[CaseFact]) -> TableThree:
    """Count cases into table 三. Cases closed before the year must not be passed in."""
    rows: list[TableRow] = [
        TableRow("new", "一、本年新收政府信息公开申请数量", level=0),
        TableRow("carried_in", "二、上年结转政府信息公开申请数量", level=0),
        TableRow("results", "三、本年度办理结果", level=0),
    ]
    group_rows: dict[str, TableRow] = {}
    item_rows: dict[str, TableRow] = {}
    for code, group, num, label in OUTCOMES:
        if group not in group_rows:
            g = TableRow("group:" + group, group, level=1)
            group_rows[group] = g
            rows.append(g)
        if num:
            r = TableRow(code, f"{num}. {label}", level=2)
            rows.append(r)
            item_rows[code] = r
        else:
            item_rows[code] = group_rows[group]
    total = TableRow("total", "（七）总计", level=1)
    carry_out = TableRow("carry_out", "四、结转下年度继续办理", level=0)
    rows += [total, carry_out]
    by_key = {r.key: r for r in rows}
    for case in cases:
        t = case.applicant_type
        if t not in APPLICANT_LABELS:
            raise ValueError(f"unknown applicant type {t!r}")

        def add(row: TableRow, t: str = t) -> None:
            row.values[t] = row.values.get(t, 0) + 1

        add(by_key["new"] if case.received_this_year else by_key["carried_in"])
        if case.outcome is None:
            add(carry_out)
            continue
        if case.outcome not in OUTCOME_LABELS:
            raise ValueError(f"unknown outcome {case.outcome!r}")
        item = item_rows[case.outcome]
        add(item)
        group = group_rows[OUTCOME_GROUPS[case.outcome]]
        if group is not item:
            add(group)
        add(total)
    return TableThree(rows, item_rows)
