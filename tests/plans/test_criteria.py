"""Other areas' measures feed the assessment (gongkai.plans.criteria): a rubric criterion of a
registered kind is scored from that area's data, without the plans app reading its tables."""

import datetime as dt

import pytest

from gongkai.plans import criteria, services
from gongkai.plans.models import Criterion

from .test_fulfilment import _at, _publish, finance  # noqa: F401, F811


def test_every_area_registers_its_criterion():
    kinds = set(criteria.labels())
    assert {
        "site_health",
        "application_timeliness",
        "proposal_timeliness",
        "response_timeliness",
        "gazette_coverage",
    } <= kinds
    choices = {k for k, _ in Criterion.KIND_CHOICES}
    assert kinds <= choices


@pytest.mark.django_db
def test_a_registered_criterion_weighs_in_the_score(finance, django_capture_on_commit_callbacks):  # noqa: F811
    plan, ob, czj, entry = finance
    for month in range(1, 7):
        _publish(czj, entry, f"2017年{month}月财政收支情况", _at(2017, month + 1, 10),
                 django_capture_on_commit_callbacks)  # fmt: skip
    rubric = services.default_rubric(plan.organisation)
    base = next(
        r for r in services.scores(plan, rubric, dt.date(2018, 3, 1)) if r["organisation"] == czj
    )
    criteria.register(
        "gazette_coverage", "测试", lambda org, year, as_of: 1.0 if org == czj else None
    )
    try:
        Criterion.objects.create(
            rubric=rubric, kind="gazette_coverage", label="应登尽登", weight=100
        )
        row = next(
            r
            for r in services.scores(plan, rubric, dt.date(2018, 3, 1))
            if r["organisation"] == czj
        )
    finally:
        from gongkai.gazette import assessment

        criteria.register("gazette_coverage", "规范性文件应登尽登率", assessment.gazette_coverage)
    measured = [p for p in row["criteria"] if p["criterion"] == "应登尽登"][0]
    assert measured["share"] == 1.0
    assert row["score"] > base["score"]


@pytest.mark.django_db
def test_equal_scores_are_ranked_together(finance):  # noqa: F811
    plan, ob, czj, entry = finance
    rows = services.scores(plan, as_of=dt.date(2018, 3, 1))
    scored = [r for r in rows if r["score"] is not None]
    ties = [r for r in scored if sum(o["score"] == r["score"] for o in scored) > 1]
    assert ties, "the seed plan gives several units the same score"
    assert all(r["rank_label"].startswith("并列") for r in ties)
    assert len({r["rank"] for r in ties if r["score"] == ties[0]["score"]}) == 1
