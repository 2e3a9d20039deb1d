"""What to check before a plan file is imported (no Django import; tested without the database).

A plan is written for one year by one issuer. A file imported under another year silently
yields deadlines already missed (a 2017 plan imported as 2026 asks for "每年3月底前" of 2026,
but its "2017年12月31日前" is long past), and a file of another city or department gives the
wrong organisation its tasks. The preview warns; it does not block, because rolling an old plan
over on purpose is a real practice (the person confirms with "仍按2026年导入").
"""

from __future__ import annotations

import datetime as dt
import re

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def stated_year(plan_title: str, title: str = "", signed_on: dt.date | None = None) -> int | None:
    """The year a plan says it is for: the year in its own title (2017年聊城市政务公开工作要点),
    else in the notice's title, else the year it was signed. None when nothing says."""
    for text in (plan_title, title):
        m = _YEAR.search(text or "")
        if m:
            return int(m.group(1))
    return signed_on.year if signed_on else None


def year_warning(stated: int | None, year: int, where: str = "") -> str:
    """The warning shown when the form's year is not the file's; "" when they agree."""
    if stated is None or stated == year:
        return ""
    source = f"（{where}）" if where else ""
    late = (
        f"文件中写明的日期仍按{stated}年计算，按年度推算的期限按{year}年计算，"
        "两者混在一起，部分期限可能已经错过。"
        if stated < year
        else f"按{year}年导入，期限会比文件要求的提前一年以上。"
    )
    return (
        f"文件是{stated}年的工作要点{source}，表单填写的年度是{year}年。{late}"
        f"请核对年度；确需沿用旧文件，请选择“仍按{year}年导入”。"
    )


def city_of(name: str) -> str:
    """The city a body's name begins with: 聊城市人民政府办公室 → 聊城市; "" if none."""
    m = re.match(r"^(?:中共)?(.{1,8}?市)", name or "")
    return m.group(1) if m else ""


def issuer_warning(issuer: str, chosen: str, *, same_body: bool | None, chosen_city: str) -> str:
    """The warning when the file's 发文机关 is not the organisation chosen on the form.

    ``same_body``: True when the issuer resolves to the chosen organisation (or to the office
    of the chosen government, which issues its plans: 聊城市人民政府办公室 for 聊城市人民政府),
    False when it resolves to another one, None when it does not resolve; then only the city
    its name begins with is compared.
    """
    issuer = (issuer or "").strip()
    if not issuer or same_body:
        return ""
    if same_body is None:
        city = city_of(issuer)
        if not city or not chosen_city or chosen_city.startswith(city):
            return ""
    return (
        f"文件的发文机关是“{issuer}”，表单选择的制定机关是“{chosen}”。"
        "请确认是否选错了机关或文件；确属本机关的工作要点，可继续导入。"
    )
