"""Query-planner statistics job and the brief memory of large totals."""

from django.db import connection


def test_statistics_job_refreshes_only_when_needed(site):
    from gongkai.core import jobs
    from gongkai.portal.maintenance import refresh_statistics

    assert "portal.statistics" in {j.name for j in jobs.all_jobs()}
    first = refresh_statistics()
    if connection.vendor != "sqlite":
        assert "database server" in first
        return
    assert first.startswith("statistics refreshed")
    assert refresh_statistics().startswith("statistics up to date")


def test_small_totals_are_always_fresh_and_large_ones_briefly_remembered(site, make, monkeypatch):
    from gongkai.portal import queries

    qs = queries.public_items()
    before = queries.count_of(qs)
    make.item(site.cz, "新发布的一条")
    assert queries.count_of(qs) == before + 1  # below BIG_COUNT: counted every time
    monkeypatch.setattr(queries, "BIG_COUNT", 1)
    remembered = queries.count_of(qs)
    make.item(site.cz, "又一条")
    assert queries.count_of(qs) == remembered  # large: remembered for COUNT_SECONDS
    assert qs.count() == remembered + 1
