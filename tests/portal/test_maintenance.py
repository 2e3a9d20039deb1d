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


def test_a_bulk_import_refreshes_the_statistics_at_once(site, make):
    """After a bulk fill the statistics are refreshed even when the job would wait (within
    20 %), so the planner counts a column through its links, not by walking every item."""
    from gongkai.portal.maintenance import refresh_statistics

    refresh_statistics(force=True)
    make.item(site.cz, "批量导入的一条")
    assert refresh_statistics(force=True).startswith("statistics refreshed")
    if connection.vendor == "sqlite":
        from gongkai.catalog.models import Item

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NOT NULL LIMIT 1",
                [Item._meta.db_table],
            )
            assert int(cursor.fetchone()[0].split()[0]) == Item.objects.count()
