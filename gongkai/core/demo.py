"""The demo data extension point.

``gongkai demo`` builds a demo by calling, in ``INSTALLED_APPS`` order, the function
``load(ctx: DemoContext)`` of every gongkai app that has a ``demo.py`` module. An app adds its
demo data by writing that one function; it can rely on everything loaded by the apps before it
(organisations, users, the catalog ...). Loaders must be deterministic (use ``ctx.random``) and
should be fast: the whole demo loads in well under a minute.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import random
import sys
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from gongkai.rules import dates

DEMO_PASSWORD = "gongkai-demo"


@dataclass
class DemoContext:
    stdout: object = sys.stdout
    random: random.Random = field(default_factory=lambda: random.Random(2017))
    today: dt.date = field(default_factory=lambda: dates.today())
    # (city, role label, username, password) rows printed when the demo starts
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)
    # free-form shared data between loaders, e.g. ctx.shared["cities"]
    shared: dict = field(default_factory=dict)

    def log(self, message: str) -> None:
        if hasattr(
            self.stdout, "style_func"
        ):  # a management command's OutputWrapper adds the newline
            self.stdout.write(message)
        else:
            print(message, file=self.stdout)


def _demo_modules():
    """(app label, demo module) for every gongkai app (core aside) that has one, in app order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.name == "gongkai.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        yield config.label, module


def loaders():
    """(app label, load function) for every gongkai app with a demo module, in app order."""
    return [(label, _quietly(module.load)) for label, module in _demo_modules()]


@contextlib.contextmanager
def _nothing_served():
    """Nothing is served while demo data loads: no cached page can go stale, so the page cache's
    invalidation (one bump per published item) is skipped; pages are cached once serving starts."""
    from django.conf import settings

    before = getattr(settings, "GONGKAI_PAGE_CACHE", None)
    settings.GONGKAI_PAGE_CACHE = False
    try:
        yield
    finally:
        if before is None:
            del settings.GONGKAI_PAGE_CACHE
        else:
            settings.GONGKAI_PAGE_CACHE = before


def refresh_statistics() -> None:
    """Let PostgreSQL's planner see the rows a loader has just written.

    Demo loaders grow tables from nothing to thousands of rows, often inside one transaction
    (always so in tests), where autovacuum cannot analyse them; with the statistics of the
    empty tables every look-up by foreign key was planned as a scan (150 ms instead of 0.1 ms).
    ``ANALYZE`` inside the transaction counts the transaction's own new rows. SQLite plans
    without statistics, so nothing is done there."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _quietly(load):
    """A loader as the demo runs it: nothing served meanwhile, statistics refreshed after."""
    if getattr(load, "quiet_loader", False):
        return load

    @functools.wraps(load)
    def run(ctx):
        with _nothing_served():
            result = load(ctx)
        refresh_statistics()
        return result

    run.quiet_loader = True
    return run


def quiet_all_loaders() -> list:
    """Replace every app's ``demo.load`` by the loader as the demo runs it (tests call the
    modules' ``load`` directly); returns what to put back with ``restore_loaders``."""
    replaced = []
    for _label, module in _demo_modules():
        replaced.append((module, module.load))
        module.load = _quietly(module.load)
    return replaced


def restore_loaders(replaced: list) -> None:
    for module, load in replaced:
        module.load = load


@contextlib.contextmanager
def _one_search_drain():
    """The search index drained once after a loader, not once per published item (each drain
    commits the embedded index: 1 item per commit made loading several times slower)."""
    from gongkai.search.indexing import one_drain

    with one_drain():
        yield


@contextlib.contextmanager
def as_loading():
    """What ``gongkai demo`` keeps around a loader and the callbacks of its commit: nothing
    served (no page-cache bumps) and one search drain at the end, not one per publication.
    A test that runs a loader's commit callbacks itself (inside its own transaction, with
    ``django_capture_on_commit_callbacks``) wraps them in this to load as the demo does."""
    with _nothing_served(), _one_search_drain():
        yield


def load_committed(load, ctx: DemoContext) -> None:
    """One loader in its own transaction, as ``gongkai demo`` runs it: the signals its commit
    sends (one per published item) find nothing served and ask for one search drain."""
    with as_loading():
        with transaction.atomic():
            load(ctx)


def load_all(ctx: DemoContext) -> DemoContext:
    for label, load in loaders():
        load_committed(load, ctx)
        ctx.log(f"  demo data loaded: {label}")
    return ctx
