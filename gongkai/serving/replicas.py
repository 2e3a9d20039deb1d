"""Read replicas from ``DATABASE_REPLICA_URLS`` (comma-separated PostgreSQL URLs).

Imported by ``gongkai/settings.py`` before Django is set up, so standard library and
dj-database-url only. ``setup(DATABASES)`` adds ``replica1``, ``replica2`` ... (each mirrors
``default`` in tests) and returns the router list for ``DATABASE_ROUTERS``.
"""

from __future__ import annotations

import os

ROUTER = "gongkai.serving.router.ReplicaRouter"


def urls() -> list[str]:
    return [u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()]


def setup(databases: dict) -> list[str]:
    import dj_database_url

    found = urls()
    for n, url in enumerate(found, start=1):
        cfg = dj_database_url.parse(url, conn_max_age=databases["default"].get("CONN_MAX_AGE", 0))
        cfg["TEST"] = {"MIRROR": "default"}
        if "options" in databases["default"].get("OPTIONS", {}):  # the same planner settings
            cfg.setdefault("OPTIONS", {}).setdefault(
                "options", databases["default"]["OPTIONS"]["options"]
            )
        databases[f"replica{n}"] = cfg
    return [ROUTER] if found else []
