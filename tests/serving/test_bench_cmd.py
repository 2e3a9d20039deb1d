"""`gongkai bench portal` and `gongkai bench intake` run end to end on their own fresh databases
and write their sections of the benchmarks document (the figures are never asserted)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.serving import bench, bench_report
from tests.dbcache import migrated_data_dir

DOC = "# Benchmarks\n\nintro\n\n<!-- serving-bench:new -->\n\nafter\n"


def section(doc: str, name: str) -> str:
    m = re.search(re.escape(f"<!-- {name} -->") + r"(.*?)" + re.escape(bench_report.END), doc, re.S)
    assert m, f"no section {name} in\n{doc}"
    return m[1]


def test_bench_portal_fills_serves_and_writes_its_section(tmp_path, request):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    out = io.StringIO()
    keep = migrated_data_dir(request.config, tmp_path / "data")  # an empty, migrated folder
    call_command("bench", "portal", "--items", "50", "--database", "sqlite", "--fast",
                 "--workers", "1", "--keep", str(keep), "--doc-file", str(doc), stdout=out)  # fmt: skip
    text = doc.read_text(encoding="utf-8")
    body = section(text, "serving-bench:portal:sqlite:50")
    assert "### Portal serving, 50 items, sqlite" in body
    assert "Fill: 50 items through `catalog.actions.publish_many`" in body
    for page in ("item page", "column list", "home page", "search page"):
        assert f"| {page} |" in body
    assert "**gunicorn, uncached**" in body and "**gunicorn, page cache**" in body
    assert "`gongkai serve --insecure --workers 1`" in body
    assert "a smoke run (`--fast`)" in body and "wrk on loopback" not in body  # says what it is
    visible = re.findall(r"^- (item page|column list|search): ([\d.]+|inf) s", body, re.M)
    assert [label for label, _ in visible] == ["item page", "column list", "search"]
    assert all(secs != "inf" for _, secs in visible), body  # the new item was seen everywhere
    if bench.have_nginx():  # the product's front proxy in front of the same server
        proxied = body.split("**nginx proxy cache (deploy/ configuration)**")[1]
        for page in ("item page", "column list", "home page", "search page"):
            assert f"| {page} |" in proxied.split("**nginx static")[0]
        through = re.findall(
            r"^- through nginx \(deploy/\), (item page|column list|search): ([\d.]+|inf) s",
            body,
            re.M,
        )
        assert [label for label, _ in through] == ["item page", "column list", "search"]
        assert all(secs != "inf" for _, secs in through), body
        assert "cached item page (nginx proxy cache, deploy/) throughput" in body
    assert "publish → visible on the item page, its column and in search" in body
    # the section sits at the anchor; the rest of the document is left alone
    assert text.index("serving-bench:portal:sqlite:50") < text.index("<!-- serving-bench:new -->")
    assert text.startswith("# Benchmarks\n\nintro\n") and text.rstrip().endswith("after")


def test_write_section_replaces_the_same_run_and_keeps_others(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    bench_report.write_section(doc, "serving-bench:portal:sqlite:10", "first")
    bench_report.write_section(doc, "serving-bench:portal:postgres:10", "other")
    bench_report.write_section(doc, "serving-bench:portal:sqlite:10", "second")
    text = doc.read_text(encoding="utf-8")
    assert section(text, "serving-bench:portal:sqlite:10").strip() == "second"
    assert section(text, "serving-bench:portal:postgres:10").strip() == "other"
    assert "first" not in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="intake is measured on PostgreSQL")
def test_bench_intake_stores_every_submission_with_unique_numbers(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    call_command("bench", "intake", "--concurrent", "10", "--database", "postgres",
                 "--doc-file", str(doc), stdout=io.StringIO())  # fmt: skip
    body = section(doc.read_text(encoding="utf-8"), "serving-bench:intake:postgres:10")
    assert "| submissions answered with the receipt redirect | 10 of 10 |" in body
    assert "| stored in the database (queried afterwards) | 10 |" in body
    assert "| lost | 0 |" in body
    assert "| unique registration numbers (登记号) | 10 |" in body
