"""``/healthz`` for load balancers: 200 when the database and search answer, else 503."""

from __future__ import annotations

import time

from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database(alias: str) -> dict:
    started = time.perf_counter()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means: do not send traffic here
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _search() -> dict:
    started = time.perf_counter()
    try:
        from gongkai.search.backends import backend_name, get_backend
        from gongkai.search.query import SearchRequest

        backend = get_backend()
        backend.search(SearchRequest(q="公开", per_page=1))
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {
        "ok": True,
        "backend": backend_name(),
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }


@never_cache
def healthz(request):
    from django.conf import settings

    checks = {alias: _database(alias) for alias in settings.DATABASES}
    checks["search"] = _search()
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )
