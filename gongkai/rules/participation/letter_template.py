"""The reply letter template: staff edit its text; only a closed set of placeholders is filled.

No template engine runs over live objects: ``render`` replaces ``{编号}``-style placeholders
from a dict of plain strings and refuses any other ``{…}`` (so a typo is reported, not printed).
"""

from __future__ import annotations

import re

PLACEHOLDERS = {
    "编号": "建议或提案编号，如 0123",
    "标题": "建议或提案标题",
    "类别": "人大代表建议 / 政协委员提案",
    "提出人": "代表或委员姓名",
    "届次": "年度和会议",
    "办理结果": "办理结果类别（如 A类：所提问题已经解决或采纳）",
    "答复正文": "答复全文",
    "承办单位": "主办单位名称",
    "签发日期": "签发日期",
    "联系单位": "联系单位（不写个人电话）",
}
_FIELD = re.compile(r"\{([^{}]{0,20})\}")

DEFAULT = """关于{届次}第{编号}号{类别}的答复

{提出人}：

您提出的《{标题}》收悉。现答复如下：

{答复正文}

办理结果：{办理结果}

感谢您对我们工作的关心和支持。

{承办单位}
{签发日期}

（联系单位：{联系单位}）"""


def problems(template: str) -> list[str]:
    """Unknown placeholders (zh-hans messages); empty when the template is usable."""
    out = []
    if not template.strip():
        out.append("模板不能为空。")
    for name in _FIELD.findall(template):
        if name not in PLACEHOLDERS:
            out.append(f"模板中的“{{{name}}}”不是可用的占位符。")
    if "{答复正文}" not in template:
        out.append("模板必须包含“{答复正文}”。")
    return out


def render(template: str, values: dict[str, str]) -> str:
    bad = problems(template)
    if bad:
        raise ValueError("；".join(bad))
    return _FIELD.sub(lambda m: str(values.get(m.group(1), "")), template)
