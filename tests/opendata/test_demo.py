"""The demo: five series per city, fed through the catalog, one missing and one corrected period
each, figures internally consistent."""

import time

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(staff, demo_ctx, settings, tmp_path, django_capture_on_commit_callbacks):
    from gongkai.catalog import demo as catalog_demo
    from gongkai.core.demo import as_loading
    from gongkai.opendata import demo as opendata_demo

    settings.MEDIA_ROOT = tmp_path
    started = time.perf_counter()
    # each loader's commit callbacks (one batch of publications each) run as gongkai demo runs
    # them: nothing served, one search drain per loader
    with as_loading(), django_capture_on_commit_callbacks(execute=True):
        catalog_demo.load(demo_ctx)
    middle = time.perf_counter()
    with as_loading(), django_capture_on_commit_callbacks(execute=True):
        opendata_demo.load(demo_ctx)
    demo_ctx.shared["catalog_seconds"] = middle - started
    demo_ctx.shared["opendata_seconds"] = time.perf_counter() - middle
    return demo_ctx


def _every_series_has_one_missing_and_one_corrected_period(demo):
    from gongkai.opendata import services
    from gongkai.opendata.models import Dataset, PeriodVersion

    datasets = list(Dataset.objects.all())
    for ds in datasets:
        missing = services.missing_periods(ds, today=demo.today)
        assert len(missing) == 1, (ds.title, [p.key for p in missing])
        corrected = PeriodVersion.objects.filter(dataset=ds, number=2)
        assert corrected.count() == 1, ds.title
        old = PeriodVersion.objects.get(dataset=ds, period_key=corrected[0].period_key, number=1)
        assert not old.is_current and old.rows != corrected[0].rows
    finance = Dataset.objects.get(slug="lc-finance")
    assert PeriodVersion.objects.filter(dataset=finance, is_current=True).count() == 35
    # the latest 社会救助 quarter of each city came from the table in its item's text
    from_body = PeriodVersion.objects.filter(source_name__startswith="正文表格")
    assert sorted(v.dataset.slug for v in from_body) == ["dy-assistance", "lc-assistance"]
    return len(datasets)


def _demo_figures_are_consistent(demo):
    from gongkai.opendata.models import Dataset, PeriodVersion
    from gongkai.rules.opendata import derive, periods, schema

    checked = 0
    for ds in Dataset.objects.all():
        parsed = ds.parsed_schema
        current = PeriodVersion.objects.filter(dataset=ds, is_current=True)
        table = {(v.period_key, r["area"]): r["values"] for v in current for r in v.rows}
        records = [
            schema.Record(0, ds.rule and periods.locate(ds.rule, key), area, values)
            for (key, area), values in table.items()
        ]
        warnings = derive.check(
            parsed, ds.rule, records, lambda f, k, a, t=table: t.get((k, a), {}).get(f)
        )
        # only the missing period keeps a cumulative from being checked; nothing is inconsistent
        assert all(w.reason.startswith("无法核对") for w in warnings), (ds.title, warnings[:3])
        checked += 1
    return checked


def _the_catalog_s_finance_tables_feed_the_series(demo):
    from gongkai.catalog.models import Item
    from gongkai.opendata.models import PeriodVersion

    items = Item.objects.public().filter(
        title__contains="财政收支情况", organisation__short_name="市财政局"
    )
    taken = PeriodVersion.objects.filter(item__in=items).values("item").distinct().count()
    return items.count(), taken


def test_the_demo_series(demo):
    """One demo load, every check of it (loading the catalog demo costs most of this test)."""
    print(
        f"catalog demo {demo.shared['catalog_seconds']:.1f} s, "
        f"opendata demo {demo.shared['opendata_seconds']:.1f} s"
    )
    # five series in each of the two cities, every one checked
    assert _every_series_has_one_missing_and_one_corrected_period(demo) == 10
    assert _demo_figures_are_consistent(demo) == 10
    # 35 months in each city, every one taken into its series
    assert _the_catalog_s_finance_tables_feed_the_series(demo) == (70, 70)
