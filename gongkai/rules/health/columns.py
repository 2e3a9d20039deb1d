"""The health type of a catalog column, from its definition (section, slug, name, catalog kind).

The 2019 indicators judge columns by what they carry: 动态、要闻 columns must change within 2
weeks, 通知公告 and 政策文件 columns within 6 months, any other column that should be updated
(应更新栏目) within a long period, and a standing column (机构职能, 指南, 制度 …) is never stale:
it is blank only when it is empty. First match of the table wins; an override table in
``gongkai.health`` lets the office correct a single column.
"""

from __future__ import annotations

DYNAMIC = "dynamic"  # 动态、要闻类
NOTICE = "notice"  # 通知公告类
POLICY = "policy"  # 政策文件类
OTHER = "other"  # 其他应更新栏目（only 长期未更新 and 空白）
STANDING = "standing"  # 常设栏目（blank only when empty）

TYPE_LABELS = {
    DYNAMIC: "动态要闻类",
    NOTICE: "通知公告类",
    POLICY: "政策文件类",
    OTHER: "其他应更新栏目",
    STANDING: "常设栏目",
}
TYPES = list(TYPE_LABELS)

# (what to look at, words, type); "slug" matches exactly, "name" matches a substring,
# "section" matches exactly; first match wins.
RULE_TABLE: list[tuple[str, tuple[str, ...], str]] = [
    ("section", ("guide", "system", "annual_report", "application"), STANDING),
    ("slug", ("functions", "statutory", "guide", "system", "annual-report", "application"),
     STANDING),
    ("slug", ("news",), DYNAMIC),
    ("name", ("动态", "要闻", "新闻"), DYNAMIC),
    ("name", ("通知公告", "公告公示", "通知", "公告"), NOTICE),
    ("slug", ("normative", "interpretation"), POLICY),
    ("name", ("政策文件", "规范性文件", "政策解读", "规章", "政策"), POLICY),
    ("name", ("职能", "指南", "制度", "领导", "机构设置", "年报", "年度报告"), STANDING),
]  # fmt: skip


def column_type(section: str, slug: str, name: str, catalog_kind: str = "standing") -> str:
    """The health type of one column. A catalog ``dynamic`` column that matches no row is an
    应更新栏目 (OTHER); anything else that matches no row counts as OTHER too, because a
    statutory column that never changes is exactly what the indicators call 长期未更新."""
    for what, words, kind in RULE_TABLE:
        if what == "section" and section in words:
            return kind
        if what == "slug" and slug in words:
            return kind
        if what == "name" and any(w in (name or "") for w in words):
            return kind
    return OTHER


def explain(section: str, slug: str, name: str, catalog_kind: str = "standing") -> str:
    """Which row of the table decided (zh-hans, for the column list of the page)."""
    for what, words, kind in RULE_TABLE:
        hit = (
            (what == "section" and section in words)
            or (what == "slug" and slug in words)
            or (what == "name" and any(w in (name or "") for w in words))
        )
        if hit:
            where = {"section": "所属部分", "slug": "栏目代码", "name": "栏目名称"}[what]
            return f"{where}匹配规则表（{'、'.join(words)}）→ {TYPE_LABELS[kind]}"
    return f"未匹配规则表 → {TYPE_LABELS[OTHER]}"
