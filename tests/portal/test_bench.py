"""The portal benchmark's pages all answer (the figures themselves go to docs/portal.md)."""

from gongkai.portal import bench


def test_bench_fills_the_database_and_every_timed_url_answers(orgs, reindex, monkeypatch, tmp_path):
    from gongkai.catalog.models import Item

    bench.populate(60, out=lambda *_: None)
    assert Item.objects.public().count() == 60
    assert Item.objects.filter(entries__isnull=False).distinct().count() > 0
    reindex()
    monkeypatch.setattr(bench, "REPEAT", 1)
    rows = bench.measure(out=lambda *_: None)
    assert rows and all(status == 200 for _, _, status, _, _ in rows), rows
    doc = tmp_path / "portal.md"
    doc.write_text("# Portal\n", encoding="utf-8")
    bench.write_doc(bench.render(60, rows, "test machine", "sqlite"), doc)
    bench.write_doc(bench.render(60, rows, "test machine", "sqlite"), doc)
    text = doc.read_text(encoding="utf-8")
    assert text.count(bench.BEGIN) == 1 and "| home (`/`) | 200 |" in text
