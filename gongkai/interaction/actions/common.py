"""Shared pieces of the message actions: messages, settings, the clock, codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from gongkai.rules import dates
from gongkai.rules.interaction import messages as rule

E_EMPTY = "{label}不能为空。"
E_TOO_LONG = "{label}不能超过 {n} 个字。"
E_BAD_CHARS = "{label}含有无法识别的字符，请检查后重新输入。"
E_KIND = "请选择留言类型。"
E_ORG = "请选择受理单位。"
E_CONSENT = "请选择是否同意公开。"
E_STATE = "该留言当前状态为“{state}”，不能{what}。"
E_FOUR_EYES = "答复须由拟稿人以外的审核人审核。"
E_NO_CONSENT = "留言人未同意公开，不能公开。"
E_NOT_ANSWERED = "留言尚未答复，不能{what}。"
E_REASON = "请填写理由。"
E_LOOKUP = "查询码或验证码不正确。"
E_LOCKED = "该查询码查询失败次数过多，已暂时锁定，请于 {minutes} 分钟后再试。"
E_RATE_DONE = "您已评价过本次答复。"
E_RATE = "请选择满意度。"
E_LIMIT = "提交过于频繁，请稍后再试。"

XINFANG_TEXT = (
    "您好！您反映的问题属于信访事项。根据《信访工作条例》的规定，请您通过信访渠道"
    "（当地信访部门、网上信访平台或来信来访）依法反映，由有权处理的机关办理。感谢您的理解与支持。"
)

LIMITS = {"subject": 100, "text": 5000, "name": 60, "contact": 100, "reply": 5000}
FIELD_LABELS = {
    "subject": "标题",
    "text": "留言内容",
    "name": "姓名",
    "contact": "联系方式",
    "reply": "答复内容",
    "reason": "理由",
}


def deadlines() -> dict:
    return {**rule.DEFAULT_DEADLINES, **getattr(settings, "GONGKAI_MESSAGE_DEADLINES", {})}


def lockout_attempts() -> int:
    return int(getattr(settings, "GONGKAI_MESSAGE_LOOKUP_ATTEMPTS", 5))


def lockout_minutes() -> int:
    return int(getattr(settings, "GONGKAI_MESSAGE_LOOKUP_LOCK_MINUTES", 30))


def hash_verifier(verifier: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, verifier.strip().upper().encode(), hashlib.sha256).hexdigest()


_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_verifier(n: int = 12) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(n))


def new_code() -> str:
    from ..models import Message

    while True:
        code = (
            "LY"
            + dates.today().strftime("%y%m")
            + "".join(secrets.choice("0123456789") for _ in range(6))
        )
        if not Message.objects.filter(code=code).exists():
            return code


def clean_text(value, key: str, *, required: bool = True) -> tuple[str, str]:
    """(cleaned value, error message or "")."""
    label = FIELD_LABELS.get(key, key)
    s = "" if value is None else str(value)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8"), E_BAD_CHARS.format(label=label)
    if "\ufffd" in s:  # invalid UTF-8 (e.g. a lone surrogate) decoded by Django as U+FFFD
        return s, E_BAD_CHARS.format(label=label)
    s = s.replace("\x00", "").strip()
    if required and not s:
        return s, E_EMPTY.format(label=label)
    n = LIMITS.get(key, 500)
    if len(s) > n:
        return s, E_TOO_LONG.format(label=label, n=n)
    return s, ""


def set_deadline(message, calendar=None, start=None) -> None:
    from gongkai.workcal.services import get_calendar

    d = rule.deadline(
        start or message.received_on, message.kind, calendar or get_calendar(), deadlines()
    )
    message.due_on = d.due_on
    message.due_provisional = d.provisional


def clock_of(message, as_of=None, calendar=None):
    """(state, working days left or late) of the message's reply clock."""
    from gongkai.workcal.services import get_calendar

    if message.due_on is None:
        return "none", 0
    return rule.clock_state(
        message.due_on,
        as_of or dates.today(),
        calendar or get_calendar(),
        answered_on=message.answered_on if not message.is_open else None,
    )
