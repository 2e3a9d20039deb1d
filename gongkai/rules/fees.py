"""The information processing fee (信息处理费) of 国办函〔2020〕109号 (domain.md section 3).

Two methods, never both for one application:

* **per application** (按件计收): the same applicant's applications in one calendar month;
  the 1st–10th are free, the 11th–30th cost ¥100 each, and from the 31st the price rises by ¥100
  for every further band of 10 (31st–40th ¥200, 41st–50th ¥300 ...);
* **by volume** (按量计收): pages of one application, charged by band: 1–30 free, the 31st–100th
  page ¥10 each, the 101st–200th ¥20 each, from the 201st ¥40 each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PER_APPLICATION = "per_application"
BY_VOLUME = "by_volume"
METHOD_LABELS = {PER_APPLICATION: "按件计收", BY_VOLUME: "按量计收"}
BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# (first page of band, last page or None, yuan per page)
PAGE_BANDS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


@dataclass
class FeeQuote:
    method: str
    units: int
    amount: int  # yuan
    lines: list[str] = field(default_factory=list)  # how the amount was worked out (zh-hans)

    @property
    def method_label(self) -> str:
        return METHOD_LABELS[self.method]

    @property
    def rate_text(self) -> str:
        if self.method == PER_APPLICATION:
            return "同一申请人一个自然月内：10件以内免费；11—30件每件100元；31件起每10件为一档，每档每件加收100元"
        return "每件申请：30页以内免费；31—100页每页10元；101—200页每页20元；201页起每页40元"


def price_of_nth_application(n: int) -> int:
    """The fee for the applicant's n-th application in a calendar month."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 + 100 * ((n - 31) // 10 + 1)


def per_application(nth_in_month: int) -> FeeQuote:
    """Quote for one application that is the applicant's ``nth_in_month`` this month."""
    amount = price_of_nth_application(nth_in_month)
    if amount:
        line = f"本月第{nth_in_month}件申请，按每件{amount}元收费。"
    else:
        line = f"本月第{nth_in_month}件申请，10件以内不收费。"
    return FeeQuote(PER_APPLICATION, nth_in_month, amount, [line])


def month_total(count: int) -> int:
    """What an applicant pays in all for ``count`` applications in one month."""
    return sum(price_of_nth_application(i) for i in range(1, count + 1))


def by_volume(pages: int) -> FeeQuote:
    if pages < 0:
        raise ValueError("pages cannot be negative")
    amount = 0
    lines = []
    for first, last, rate in PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        n = top - first + 1
        if n <= 0:
            break
        part = n * rate
        amount += part
        band = f"第{first}—{last}页" if last else f"第{first}页起"
        lines.append(f"{band}：{n}页 × {rate}元 = {part}元" if rate else f"{band}：{n}页，不收费")
    return FeeQuote(BY_VOLUME, pages, amount, lines)


def quote(method: str, units: int) -> FeeQuote:
    if method == PER_APPLICATION:
        return per_application(units)
    if method == BY_VOLUME:
        return by_volume(units)
    raise ValueError(f"unknown fee method {method!r}")
