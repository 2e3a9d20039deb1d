"""Outcome codes and table 三 of the annual report (no database)."""

import pytest

from gongkai.rules import outcomes as oc


def test_twenty_one_codes_in_six_groups():
    assert len(oc.OUTCOME_CODES) == 21
    groups = {oc.OUTCOME_GROUPS[c].split("）")[0] + "）" for c in oc.OUTCOME_CODES}
    assert groups == {"（一）", "（二）", "（三）", "（四）", "（五）", "（六）"}
    assert len(oc.WITHHELD_CODES) == 8


@pytest.mark.parametrize("code", oc.OUTCOME_CODES)
def test_every_code_has_a_reply_type_and_required_fields(code):
    reply = oc.REPLY_FOR_OUTCOME[code][0]
    problems = oc.decision_problems(code, reply, {})
    need = oc.required_fields(code, reply)
    assert set(problems) == set(need)
    filled = {k: "x" for k in need}
    if "withheld_reason" in filled:
        filled["withheld_reason"] = "withheld_third_party"
    assert oc.decision_problems(code, reply, filled) == {}


def test_reply_type_must_fit_outcome():
    assert "reply_type" in oc.decision_problems("disclosed", "withhold", {})
    assert oc.required_fields("unavailable_not_held", "not_ours") == ["responsible_agency"]


def test_table_three_counts_and_checks():
    cases = [
        oc.CaseFact("natural", True, "partial"),
        oc.CaseFact("natural", True, "withheld_secret"),
        oc.CaseFact("commercial", False, "disclosed"),
        oc.CaseFact("research", True, None),
        oc.CaseFact("natural", False, None),
    ]
    t = oc.table_three(cases)
    assert t.check()
    assert t.row("new").cells() == [2, 0, 1, 0, 0, 0, 1, 3]
    assert t.row("carried_in").total == 2
    assert t.row("partial").values == {"natural": 1}
    assert t.row("withheld_secret").total == 1
    assert t.row("group:（三）不予公开").total == 1
    assert t.row("total").total == 3
    assert t.row("carry_out").total == 2
    labels = [r.label for r in t.rows]
    assert labels[0].startswith("一、") and labels[-1].startswith("四、")
    assert "3. 危及“三安全一稳定”" in labels
