"""The numbering check: within a year, issues run 第1期, 第2期 … without gaps or repeats, and
the running number (总第N期) rises by one from issue to issue."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class NumberingReport:
    missing: dict[int, list[int]] = field(default_factory=dict)  # year -> numbers missing
    duplicated: dict[int, list[int]] = field(default_factory=dict)  # year -> numbers repeated
    total_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicated or self.total_problems)

    def messages(self) -> list[str]:
        out = []
        for year, numbers in sorted(self.missing.items()):
            out.append(f"{year}年缺少第{'、'.join(map(str, numbers))}期")
        for year, numbers in sorted(self.duplicated.items()):
            out.append(f"{year}年第{'、'.join(map(str, numbers))}期重复")
        return out + self.total_problems


def check_numbering(
    issues: list[tuple[int, int, int | None]], *, expected_per_year: dict[int, int] | None = None
) -> NumberingReport:
    """``issues``: (year, number, total or None). A year's expected last number is the highest
    seen unless ``expected_per_year`` gives it (a monthly gazette ends a past year at 12)."""
    report = NumberingReport()
    by_year: dict[int, list[int]] = {}
    for year, number, _total in issues:
        by_year.setdefault(year, []).append(number)
    for year, numbers in by_year.items():
        counts = Counter(numbers)
        last = max(max(numbers), (expected_per_year or {}).get(year, 0))
        gaps = [n for n in range(1, last + 1) if n not in counts]
        if gaps:
            report.missing[year] = gaps
        repeats = sorted(n for n, c in counts.items() if c > 1)
        if repeats:
            report.duplicated[year] = repeats
    with_total = sorted((t, y, n) for y, n, t in issues if t)
    for (t1, y1, n1), (t2, y2, n2) in zip(with_total, with_total[1:], strict=False):
        if t2 == t1:
            report.total_problems.append(f"总第{t1}期重复（{y1}年第{n1}期、{y2}年第{n2}期）")
    order = sorted((y, n, t) for y, n, t in issues if t)
    for (y1, n1, t1), (y2, n2, t2) in zip(order, order[1:], strict=False):
        if (y1, n1) != (y2, n2) and t2 < t1:
            report.total_problems.append(f"{y2}年第{n2}期的总期号（{t2}）小于上一期（{t1}）")
    return report
