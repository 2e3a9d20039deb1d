"""Index numbers stay unique and gap-free when many reviewers publish at the same moment."""

import threading

import pytest
from django.db import connection

from gongkai.catalog import actions
from gongkai.catalog.models import Item
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Serial
from gongkai.rules.catalog_rules import parse_index_no

THREADS = 8
PER_THREAD = 5


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_index_numbers_unique_under_concurrent_publication(finance, column, editor, reviewer):
    if connection.vendor != "postgresql":
        pytest.skip("row locking (select_for_update) is only exercised on PostgreSQL")
    drafts = [
        actions.submit(actions.create_item(
            organisation=finance, actor=editor, title=f"并发发布测试 {n}", entries=[column]
        ), actor=editor)
        for n in range(THREADS * PER_THREAD)
    ]  # fmt: skip
    barrier = threading.Barrier(THREADS)
    errors = []

    def work(chunk):
        from django.db import connections

        try:
            barrier.wait()
            for item in chunk:
                actions.approve(item, actor=reviewer)
        except Exception as exc:  # reported below, the test must not hang
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(drafts[i::THREADS],)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    numbers = list(Item.objects.filter(state="published").values_list("index_no", flat=True))
    assert len(numbers) == THREADS * PER_THREAD == len(set(numbers))
    serials = sorted(parse_index_no(n)[2] for n in numbers)
    assert serials == list(range(1, THREADS * PER_THREAD + 1))
    assert Serial.objects.get(scope="index_no", organisation=finance).last == THREADS * PER_THREAD


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_first_publication_of_a_year_races_on_counter_creation(finance, column):
    """No counter row exists yet: concurrent loaders must not both start at 00001."""
    if connection.vendor != "postgresql":
        pytest.skip("row locking (select_for_update) is only exercised on PostgreSQL")
    barrier = threading.Barrier(THREADS)
    errors = []

    def work(n):
        from django.db import connections

        try:
            barrier.wait()
            actions.publish_item_now(
                organisation=finance,
                title=f"加载 {n}",
                body="<p>x</p>",
                entries=[column],
                actor=SYSTEM("concurrency test"),
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    numbers = set(Item.objects.values_list("index_no", flat=True))
    assert len(numbers) == THREADS
