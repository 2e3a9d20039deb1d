"""Issue #18.6: the clock explanation never contradicts itself for a stop still running."""

import datetime as dt

from gongkai.rules.clock import ClockInput, Stop, compute
from gongkai.rules.workdays import WorkCalendar

D = dt.date.fromisoformat


def _text(result):
    return "\n".join(s.zh for s in result.steps)


def test_a_running_stop_from_the_day_of_receipt_is_not_called_harmless():
    inp = ClockInput(received=D("2026-12-02"), stops=(Stop(D("2026-12-02"), None, "consultation"),))
    text = _text(compute(inp, WorkCalendar(), as_of=D("2026-12-02")))
    assert "至至今" not in text
    assert "在期限起算前" not in text
    assert "仍在进行" in text and "期限暂停中" in text


def test_an_ended_stop_before_the_period_is_harmless():
    inp = ClockInput(
        received=D("2026-03-02"), stops=(Stop(D("2026-02-20"), D("2026-03-01"), "other"),)
    )
    text = _text(compute(inp, WorkCalendar(), as_of=D("2026-03-10")))
    assert "在期限起算前，不影响期限" in text and "期限暂停中" not in text
