"""Checking what a person typed into the public comment form (pure; zh-hans messages).

Returns {field: message}; empty when acceptable. Rejected: an empty comment, one longer than
``max_chars``, markup (``<script``, ``<iframe``, event handlers, ``javascript:``), lone
surrogates, NUL and other control characters (line breaks and tabs are fine), a missing or
overlong contact.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 5000
MAX_CONTACT = 100
MAX_NAME = 100
_MARKUP = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|svg|img)\b|javascript\s*:|\bon\w+\s*=", re.I
)


def bad_characters(text: str) -> bool:
    for ch in text:
        if ch in "\n\r\t":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cs", "Cc") or ch == "\ufffd":
            return True
    return False


def check(text: str, contact: str, name: str = "", *, max_chars: int = MAX_CHARS) -> dict[str, str]:
    errors: dict[str, str] = {}
    body = (text or "").strip()
    if not body:
        errors["text"] = "请填写意见内容。"
    elif len(body) > max_chars:
        errors["text"] = (
            f"意见内容过长（{len(body)} 个字），最多 {max_chars} 个字，请精简或分条提交。"
        )
    elif bad_characters(body):
        errors["text"] = "意见内容包含无法识别的字符，请删除后重试。"
    elif _MARKUP.search(body):
        errors["text"] = "意见内容不能包含网页代码（如 <script> 标签），请以纯文字填写。"
    contact = (contact or "").strip()
    if not contact:
        errors["contact"] = "请填写联系方式（电话或电子邮箱），联系方式不会公开。"
    elif len(contact) > MAX_CONTACT or bad_characters(contact):
        errors["contact"] = "联系方式格式不正确。"
    if len((name or "").strip()) > MAX_NAME or bad_characters(name or ""):
        errors["name"] = "姓名或单位格式不正确（最多100个字）。"
    return errors
