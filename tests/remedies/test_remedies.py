"""Remedy cases: registered through the action frame, flagged past their window, shown on the
application's staff page, counted into table 四 with the result as at 31 December."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import Invalid
from tests.annualreport.conftest import YEAR


@pytest.fixture
def replied(make_app):
    return make_app(dt.date(YEAR, 3, 2), "disclosed", decided=dt.date(YEAR, 3, 10))


def test_case_within_and_past_the_window(replied, staff):
    from gongkai.remedies import actions

    ok = actions.open_case(
        staff["lc-editor"],
        replied,
        {"kind": "review", "against": "reply", "body": "聊城市人民政府", "filed_on": "2025-05-08"},
    )
    assert ok.window_until == dt.date(YEAR, 5, 9) and not ok.past_window
    late = actions.open_case(
        staff["lc-editor"],
        replied,
        {"kind": "review", "against": "reply", "body": "聊城市人民政府", "filed_on": "2025-05-10"},
    )
    assert late.past_window
    suit = actions.open_case(
        staff["lc-editor"],
        replied,
        {"kind": "litigation_direct", "body": "东昌府区人民法院", "filed_on": "2025-09-10"},
    )
    assert suit.window_until == dt.date(YEAR, 9, 10) and not suit.past_window


def test_bad_input_is_refused(replied, make_app, staff):
    from gongkai.remedies import actions
    from gongkai.remedies.models import RemedyCase

    with pytest.raises(Invalid) as exc:
        actions.open_case(staff["lc-editor"], replied, {"kind": "x", "body": "", "filed_on": ""})
    assert set(exc.value.errors) >= {"kind", "body", "filed_on"}
    pending = make_app(dt.date.today() - dt.timedelta(days=2))
    with pytest.raises(Invalid) as exc:
        actions.open_case(
            staff["lc-editor"],
            pending,
            {
                "kind": "review",
                "against": "no_reply",
                "body": "市政府",
                "filed_on": str(dt.date.today()),
            },
        )
    assert "仍在答复期限内" in exc.value.errors["against"]
    assert not RemedyCase.objects.exists()


def test_table_four_counts_results_as_at_year_end(replied, staff, cz):
    from gongkai.remedies import actions, services

    def case(kind, filed, result=None, decided=None):
        c = actions.open_case(
            staff["lc-editor"], replied, {"kind": kind, "body": "机关", "filed_on": filed}
        )
        if result:
            actions.record_result(staff["lc-editor"], c, {"result": result, "decided_on": decided})
        return c

    case("review", "2025-04-01", "upheld", "2025-06-01")
    case("review", "2025-04-02", "corrected", "2026-01-15")  # decided next year: pending in 2025
    case("litigation_direct", "2025-05-01", "other", "2025-11-01")
    case("litigation_after_review", "2025-07-01")
    t4 = services.table_four([cz.pk], YEAR)
    assert t4["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert t4["litigation_direct"]["other"] == 1
    assert t4["litigation_after_review"]["pending"] == 1
    assert services.table_four([cz.pk], YEAR + 1)["review"]["total"] == 0


def test_result_needs_a_date_and_only_once(replied, staff):
    from gongkai.remedies import actions

    c = actions.open_case(
        staff["lc-editor"], replied, {"kind": "review", "body": "市政府", "filed_on": "2025-04-01"}
    )
    with pytest.raises(Invalid) as exc:
        actions.record_result(staff["lc-editor"], c, {"result": "upheld"})
    assert "decided_on" in exc.value.errors
    actions.record_result(staff["lc-editor"], c, {"result": "upheld", "decided_on": "2025-05-01"})
    with pytest.raises(Invalid):
        actions.record_result(
            staff["lc-editor"], c, {"result": "other", "decided_on": "2025-05-02"}
        )


def test_staff_application_note_shows_windows_and_cases(client, rf, replied, make_app, staff):
    from gongkai.core import extensions
    from gongkai.remedies import actions

    actions.open_case(
        staff["lc-editor"],
        replied,
        {"kind": "review", "body": "聊城市人民政府", "filed_on": "2025-05-20"},
    )
    request = rf.get("/")
    request.user = staff["lc-editor"]
    (note,) = [
        n for n in extensions.notes("staff.application", replied, request) if "复议" in n.title
    ]
    assert "行政复议60日内，至2025年5月9日" in note.text and "至2025年9月10日" in note.text
    assert "超过救济期限" in note.html and note.level == "warning"
    request.user = staff["dy-editor"]  # another city: nothing shown
    assert not [
        n for n in extensions.notes("staff.application", replied, request) if "复议" in n.title
    ]
    # an unanswered application past its due date: windows run from the end of the period
    silent = make_app(dt.date(YEAR, 3, 2))
    client.force_login(staff["lc-editor"])
    html = client.get(f"/staff/applications/{silent.pk}/").content.decode()
    assert "自答复期限届满之日" in html and "登记复议或诉讼案件" in html
    r = client.post(
        f"/staff/remedies/new/{replied.pk}/", {"kind": "review", "body": "", "filed_on": "x"}
    )
    assert r.status_code == 200 and "请填写复议机关或人民法院" in r.content.decode()
