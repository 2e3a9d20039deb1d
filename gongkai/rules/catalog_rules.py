"""Plain rules of the catalog: index numbers and the reasons an item may be kept from the public.

Index numbers (索引号) have no single national format; gongkai uses the common
``<organisation code>/<year>-<5-digit serial>`` (e.g. 000014349/2017-00110). The serial restarts
each year per organisation and is never reused, even if the item is later withdrawn.
"""

from __future__ import annotations

import re

INDEX_RE = re.compile(r"^(?P<code>[0-9A-Za-z-]+)/(?P<year>\d{4})-(?P<serial>\d{5,})$")


def format_index_no(org_code: str, year: int, serial: int) -> str:
    if serial < 1:
        raise ValueError("serial starts at 1")
    return f"{org_code}/{year}-{serial:05d}"


def parse_index_no(value: str) -> tuple[str, int, int] | None:
    m = INDEX_RE.match(value or "")
    if not m:
        return None
    return m["code"], int(m["year"]), int(m["serial"])


# 不予公开: the grounds of 《政府信息公开条例》 (2019) Arts. 14-16, in the order the annual report
# (table 三, （三）不予公开) counts them.
NOT_PUBLIC_REASONS = [
    ("state_secret", "属于国家秘密（条例第十四条）"),
    ("law_forbids", "其他法律行政法规禁止公开（条例第十四条）"),
    ("three_safety", "危及“三安全一稳定”（条例第十四条）"),
    ("third_party", "保护第三方合法权益（涉及商业秘密、个人隐私，条例第十五条）"),
    ("internal_affairs", "属于三类内部事务信息（条例第十六条第一款）"),
    ("process_info", "属于四类过程性信息（条例第十六条第二款）"),
    ("enforcement_file", "属于行政执法案卷（条例第十六条第二款）"),
    ("query_matter", "属于行政查询事项（条例第三十六条第七项）"),
]
# 依申请公开: information outside the proactive scope that is given to whoever asks.
# (The regulation names no closed list here; these are the usual grounds, configurable.)
ON_REQUEST_REASONS = [
    ("not_proactive_scope", "不属于主动公开范围，可依申请提供（条例第二十七条）"),
    ("specific_group", "仅涉及特定群体或个人，不宜向全社会公开"),
    ("needs_consultation", "涉及第三方权益，需征求第三方意见后提供（条例第三十二条）"),
]
REASONS = {"not_public": NOT_PUBLIC_REASONS, "on_request": ON_REQUEST_REASONS}


def attribute_problem(attribute: str, reason: str) -> str | None:
    """None when ``reason`` fits ``attribute``, else the zh-hans message for the reason field."""
    if attribute == "proactive":
        return None
    choices = dict(REASONS.get(attribute, []))
    if not reason:
        label = "不予公开" if attribute == "not_public" else "依申请公开"
        return f"公开属性为“{label}”时必须选择条例规定的理由。"
    if reason not in choices:
        return "所选理由与公开属性不符，请从列表中选择。"
    return None


def reason_label(code: str) -> str:
    for choices in REASONS.values():
        for key, label in choices:
            if key == code:
                return label
    return code
