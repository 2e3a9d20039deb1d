"""The demo covers every state and outcome, overdue and due-soon cases, a provisional 2027 date
and the 市民政局 walkthrough."""

import time

import pytest

from gongkai.applications import demo, services
from gongkai.applications.models import Application
from gongkai.rules import outcomes
from gongkai.workcal.services import get_calendar

pytestmark = pytest.mark.django_db


def test_demo_covers_states_outcomes_and_walkthrough(staff, demo_ctx):
    started = time.monotonic()
    demo.load(demo_ctx)
    elapsed = time.monotonic() - started
    qs = Application.objects.all()
    assert {s for s, _ in Application.STATE_CHOICES} == set(qs.values_list("state", flat=True))
    assert set(outcomes.OUTCOME_CODES) == set(
        qs.exclude(outcome="").values_list("outcome", flat=True)
    )
    cities = {a.organisation.root.name[:3] for a in qs.select_related("organisation")}
    assert cities == {"聊城市", "东营市"}
    soon, overdue = services.due_soon_and_overdue(qs, demo_ctx.today)
    assert soon.exists() and overdue.exists()
    crossing = [
        a for a in qs if a.due_on and a.due_on.year > a.received_on.year and not a.is_closed
    ]
    assert crossing
    cal = get_calendar()
    assert all(a.due_provisional == (not cal.is_announced(a.due_on.year)) for a in crossing)
    story = demo.walkthrough_application("lc")
    assert story.assigned_to == staff["lc-mz-editor"] and story.due_on
    assert services.earlier_similar(story)
    done = qs.get(organisation=story.organisation, outcome="partial")
    assert done.consultations.get().answered_on and done.letters.filter(kind="reply").exists()
    print(f"applications demo: {qs.count()} applications in {elapsed:.1f} s")
