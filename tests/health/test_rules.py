"""The pure health rules at their thresholds (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.rules.health import columns as ct
from gongkai.rules.health.checks import ColumnFacts, MessageFacts, ProbeFacts, add_months, check
from gongkai.rules.health.forged import PublicationFacts, check_item
from gongkai.rules.health.indicators import DEFAULTS, Indicators
from gongkai.rules.health.score import score

AS_OF = dt.date(2026, 11, 20)
D = dt.timedelta


def col(i, type_, last, content=True, name=None):
    return ColumnFacts(i, name or f"栏目{i}", name or f"栏目{i}", type_, last, content)


def run(columns=(), home=AS_OF, messages=(), probes=None, ind=DEFAULTS, as_of=AS_OF):
    return check(as_of=as_of, indicators=ind, columns=list(columns), home_last=home,
                 messages=list(messages), probes=probes)  # fmt: skip


def rules(res):
    return [f.rule for f in res.findings]


def veto_rules(res):
    return [v.rule for v in res.vetoes]


@pytest.mark.parametrize("age,stale", [(13, False), (14, False), (15, True)])
def test_dynamic_column_stale_after_two_weeks(age, stale):
    res = run([col(1, ct.DYNAMIC, AS_OF - D(days=age))])
    assert ("column_stale" in rules(res)) is stale
    if stale:
        f = res.findings[0]
        assert f.since == AS_OF - D(days=age) + D(days=15) and "14天" in f.detail


@pytest.mark.parametrize("last,stale", [(dt.date(2026, 5, 21), False), (dt.date(2026, 5, 20), False),
                                        (dt.date(2026, 5, 19), True)])  # fmt: skip
def test_notice_column_stale_after_six_months(last, stale):
    # 2026-05-20 + 6 months = 2026-11-20: still fresh on that day, stale the day after
    res = run([col(1, ct.NOTICE, last)])
    assert ("column_stale" in rules(res)) is stale


def test_months_end_of_month():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_standing_column_never_stale_blank_only_when_empty():
    res = run([col(1, ct.STANDING, dt.date(2010, 1, 1)), col(2, ct.STANDING, None, content=False)])
    assert rules(res) == ["column_blank"]
    assert res.findings[0].object_id == "2"


@pytest.mark.parametrize("n,veto", [(4, False), (5, True), (6, True)])
def test_stale_columns_veto_at_five(n, veto):
    res = run([col(i, ct.DYNAMIC, AS_OF - D(days=30)) for i in range(n)])
    assert res.count("column_stale") == n
    assert ("column_stale" in veto_rules(res)) is veto
    assert (res.light == "red") is veto


@pytest.mark.parametrize("n,veto", [(4, False), (5, True)])
def test_blank_columns_veto_at_five(n, veto):
    res = run([col(i, ct.OTHER, None, content=False) for i in range(n)])
    assert ("column_blank" in veto_rules(res)) is veto


@pytest.mark.parametrize("n,veto", [(9, False), (10, True)])
def test_neglected_columns_veto_at_ten(n, veto):
    res = run([col(i, ct.OTHER, AS_OF - D(days=366)) for i in range(n)])
    assert res.count("columns_neglected") == n
    assert ("columns_neglected" in veto_rules(res)) is veto


@pytest.mark.parametrize("age,neglected", [(364, False), (365, False), (366, True)])
def test_neglected_after_a_year(age, neglected):
    res = run([col(1, ct.OTHER, AS_OF - D(days=age))])
    assert ("columns_neglected" in rules(res)) is neglected


@pytest.mark.parametrize("age,veto", [(13, False), (14, False), (15, True)])
def test_home_page_two_weeks(age, veto):
    res = run(home=AS_OF - D(days=age))
    assert ("home_stale" in veto_rules(res)) is veto


def test_home_never_published_is_stale():
    res = run(home=None)
    assert veto_rules(res) == ["home_stale"] and res.findings[0].since is None


@pytest.mark.parametrize("age,veto", [(89, False), (90, False), (91, True)])
def test_message_unanswered_three_months(age, veto):
    res = run(messages=[MessageFacts(7, "路灯不亮", AS_OF - D(days=age))])
    assert ("message_unanswered" in veto_rules(res)) is veto
    if veto:
        assert res.findings[0].object == "留言：路灯不亮" and res.findings[0].object_id == "7"


def test_message_outside_past_year_not_counted():
    res = run(messages=[MessageFacts(7, "旧留言", AS_OF - D(days=366))])
    assert not res.findings


def _probes(total, failed, slow=False):
    out = []
    for i in range(total):
        bad = i < failed
        out.append(
            ProbeFacts(AS_OF - D(days=i % 7), not bad or slow, 16.0 if (bad and slow) else 0.3)
        )
    return out


@pytest.mark.parametrize("failed,veto", [(4, False), (5, True)])
def test_unreachable_at_five_percent(failed, veto):
    res = run(probes=_probes(100, failed))
    assert ("unreachable" in veto_rules(res)) is veto


def test_slow_page_counts_as_failure_and_old_probes_ignored():
    res = run(probes=_probes(20, 1, slow=True))
    assert "unreachable" in veto_rules(res)  # 1 of 20 = 5 %, loaded in 16 s > 15 s
    old = [ProbeFacts(AS_OF - D(days=7), False, None)] + _probes(20, 0)
    assert not run(probes=old).findings  # outside the 7-day window


def test_no_probes_no_judgement():
    res = run(probes=[])
    assert not res.vetoes and "未判断" in res.notes[0]


def test_predictions_within_days():
    cols = [
        col(1, ct.DYNAMIC, AS_OF - D(days=8)),  # stale from AS_OF+7 → predicted, act by AS_OF+6
        col(2, ct.DYNAMIC, AS_OF - D(days=7)),  # stale from AS_OF+8 → beyond 7 days
    ]
    res = run(cols)
    assert [(p.object_id, p.due_on, p.act_by) for p in res.predicted] == [
        ("1", AS_OF + D(days=7), AS_OF + D(days=6))
    ]
    res = run(cols, ind=Indicators(predict_days=8))
    assert [p.object_id for p in res.predicted] == ["1", "2"]


def test_column_types_from_definition():
    assert ct.column_type("statutory", "news", "工作动态", "dynamic") == ct.DYNAMIC
    assert ct.column_type("statutory", "x1", "通知公告", "dynamic") == ct.NOTICE
    assert ct.column_type("statutory", "normative", "规章和行政规范性文件") == ct.POLICY
    assert ct.column_type("statutory", "functions", "机构职能") == ct.STANDING
    assert ct.column_type("guide", "guide", "政府信息公开指南") == ct.STANDING
    assert ct.column_type("statutory", "czsz", "财政收支月报", "dynamic") == ct.OTHER


TZ = dt.timezone(dt.timedelta(hours=8))


def pub(shown, logged, value=None, imported=False):
    return PublicationFacts(1, "通知", shown, logged, value or shown, imported)


def test_forged_dates():
    t = dt.datetime(2026, 11, 10, 9, 0, tzinfo=TZ)
    assert check_item(pub(t, t + D(hours=2))) is None  # same day
    f = check_item(pub(t - D(days=3), t))  # shows 3 days earlier than logged
    assert f.rule == "forged_date" and f.since == dt.date(2026, 11, 7)
    assert check_item(pub(t, t, value=t + D(days=1))).rule == "forged_date"  # changed afterwards
    assert check_item(pub(t, None)).rule == "forged_date"  # no entry at all
    assert check_item(pub(t - D(days=300), t, imported=True)) is None  # a recorded import
    assert check_item(pub(t + D(days=2), t, imported=True)).rule == "forged_date"
    assert check_item(pub(t + D(hours=5), t, imported=True)) is None  # later the same day


def test_score_caps_at_59_with_a_veto():
    ok, why = score(run())
    assert ok == 100 and "未发现问题" in why
    bad, why = score(run([col(i, ct.OTHER, None, content=False) for i in range(5)]))
    assert bad == 59 and "空白栏目" in why
    assert 0 <= bad < ok
