"""The benchmark command runs end to end on a small corpus and reports full recall."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection


def test_bench_search_small_corpus(tmp_path, capsys):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n")
    call_command("bench", "search", "--docs", "400", "--doc-file", str(doc))
    out = capsys.readouterr().out
    assert "recall over all queries | 100.00%" in out
    assert "doc numbers found first | 6 of 6" in out
    text = doc.read_text()
    assert "<!-- bench:search:tantivy:400 -->" in text and "p95 latency" in text
    call_command("bench", "search", "--docs", "400", "--doc-file", str(doc))
    assert doc.read_text().count("<!-- bench:search:tantivy:400 -->") == 1


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for SQLite")
def test_the_postgres_backend_on_sqlite_says_how_to_get_a_server(db):
    with pytest.raises(CommandError) as exc:
        call_command("bench", "search", "--docs", "10", "--backend", "postgres", "--no-write")
    assert "gongkai.search.pgbench" in str(exc.value)
