"""Mainland resident ID numbers (居民身份证号码, GB 11643-1999).

18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence, 1 check character
(0-9 or X) computed with ISO 7064 MOD 11-2. Used by the application form (is the number valid?)
and by the privacy guard (is this run of digits really an ID number?).
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai.rules import dates

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dXx]$")


def check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_problem(number: str) -> str | None:
    """None when ``number`` is a valid 18-digit ID number, else the reason in zh-hans."""
    s = (number or "").strip().upper()
    if not _SHAPE.match(s):
        return "身份证号码应为18位，前17位为数字，最后一位为数字或X。"
    born = birth_date(s)
    if born is None or not (dt.date(1900, 1, 1) <= born <= dates.today()):
        return "身份证号码中的出生日期无效。"
    if check_char(s[:17]) != s[17]:
        return "身份证号码校验位不正确，请核对。"
    return None


def is_valid_id_number(number: str) -> bool:
    return id_number_problem(number) is None


def mask_id_number(number: str) -> str:
    """The usual masking: keep the first 4 and last 4 characters (3701**********1234)."""
    s = number.strip()
    return s[:4] + "*" * (len(s) - 8) + s[-4:]
