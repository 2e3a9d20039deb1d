"""200 applications submitted at once: each stored once, registration numbers unique."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections

from gongkai.applications import actions
from gongkai.applications.models import Application

N = 200


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_get_unique_numbers(mz, applicant):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises every write; the row-lock race needs PostgreSQL (run.py test --postgres)"
        )
    barrier = threading.Barrier(20)

    def submit(i):
        try:
            if i < 20:
                barrier.wait(timeout=30)
            app = actions.submit(
                mz,
                {**applicant, "name": f"申请人{i}", "description": f"第{i}号申请的信息"},
                actor=AnonymousUser(),
            )
            return app.registration_no
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        numbers = list(pool.map(submit, range(N)))
    assert len(set(numbers)) == N
    assert Application.objects.count() == N
    assert set(Application.objects.values_list("name", flat=True)) == {
        f"申请人{i}" for i in range(N)
    }
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, N + 1))
