"""Shared fixtures. Every area's tests live in tests/<area>/ and may use these."""

import pytest

# The seed documents ship inside the package (gongkai/core/data/seeds); ../shared/seeds beside a
# checkout is only the reference that copy is checked against (tests/foundation/test_frame.py).
from gongkai.core.seeds import DONGYING_PLAN, LIAOCHENG_PLAN  # noqa: F401  (used by the areas)
from gongkai.core.seeds import SEEDS_DIR as SEEDS

# The migrated test database is kept between test processes (tests/dbcache.py).
from tests.dbcache import _kept_migrated_database  # noqa: F401

# The files of the longest tests (loading most of the demo, a browser on it, the serving bench),
# longest first. Under pytest-xdist they are handed out first, one to each worker in turn, so no
# worker is left running one of them alone at the end; the other tests keep their order.
LONGEST_FIRST = (
    "tests/portal/test_citizen_walk.py",
    "tests/opendata/test_demo.py",
    "tests/serving/test_bench_cmd.py",
    "tests/foundation/test_demo.py",
    "tests/health/test_demo.py",
    "tests/security/test_fuzz_urls.py",
    "tests/annualreport/test_demo.py",
    "tests/serving/test_nginx.py",
    "tests/gazette/test_ocr.py",
    "tests/gazette/test_demo.py",
    "tests/security/test_cli_fresh.py",
    "tests/search/test_demo_search.py",
)


def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):  # set in each xdist worker, which collects the order
        return
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture
def seeds_dir():
    assert SEEDS.exists(), f"seed documents not found at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session", autouse=True)
def _demo_loaders_as_the_demo_runs_them():
    """A test that calls an app's ``demo.load`` directly gets what ``gongkai demo`` does around
    it: no page-cache work while loading and fresh planner statistics after it (on PostgreSQL
    a loader inside a test's transaction otherwise runs on the statistics of empty tables)."""
    from gongkai.core import demo

    replaced = demo.quiet_all_loaders()
    yield
    demo.restore_loaders(replaced)


@pytest.fixture
def demo_ctx():
    import io

    from gongkai.core.demo import DemoContext

    return DemoContext(stdout=io.StringIO())


class _Snapshot:
    """The rows a demo loader wrote, kept once per session and written back in one transaction
    per test (one ``executemany`` per table instead of rebuilding 111 organisations and 12 users
    through the loaders each time). Tests that do not ask for the fixture still start from an
    empty database; pks and constraints are the loader's own, so the data is the same."""

    def __init__(self):
        # (table, columns, value rows, {column index: model of the content type or permission})
        self.tables: list[tuple[str, list[str], list[list], dict[int, type]]] = []

    @staticmethod
    def counts():
        from django.apps import apps

        skip = {"contenttypes", "migrations", "sessions", "admin"}
        return {
            m: m._base_manager.count()
            for m in apps.get_models(include_auto_created=True)
            if m._meta.app_label not in skip and not m._meta.proxy and m._meta.managed
        }

    @staticmethod
    def _keys() -> dict:
        """{model: {pk: natural key}} of the rows a flush re-creates with new ids (one query
        each); ``_ids`` is the reverse, read again for every restore."""
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        return {
            ContentType: {
                pk: (a, m)
                for pk, a, m in ContentType.objects.values_list("pk", "app_label", "model")
            },
            Permission: {
                pk: (c, a, m)
                for pk, c, a, m in Permission.objects.values_list(
                    "pk", "codename", "content_type__app_label", "content_type__model"
                )
            },
        }

    def take(self, before: dict) -> None:
        from django.db import connection

        keys = self._keys()
        models = [m for m, n in self.counts().items() if n > before.get(m, 0)]
        # Rows nothing points at (audit entries) get new ids: a test may have written some before
        # asking for the fixture. Rows other rows point at keep theirs.
        referenced = {
            f.related_model for m in models for f in m._meta.concrete_fields if f.is_relation
        }
        for model in models:
            seen = set(before.get((model, "pks"), ()))
            fields = [
                f
                for f in model._meta.concrete_fields
                if not (f.primary_key and model not in referenced)
            ]
            keyed = {i: f.related_model for i, f in enumerate(fields) if f.related_model in keys}
            rows = []
            for r in model._base_manager.all():
                if r.pk in seen:
                    continue
                values = [f.get_db_prep_save(getattr(r, f.attname), connection) for f in fields]
                for i, related in keyed.items():
                    if values[i] is not None:  # content types may have new ids after a flush
                        values[i] = keys[related][values[i]]
                rows.append(values)
            self.tables.append((model._meta.db_table, [f.column for f in fields], rows, keyed))

    def restore(self) -> None:
        from django.db import connection, transaction

        qn = connection.ops.quote_name
        ids = {model: {k: pk for pk, k in by_pk.items()} for model, by_pk in self._keys().items()}
        with transaction.atomic(), connection.cursor() as cursor:  # foreign keys: checked at end
            for table, columns, rows, keyed in self.tables:
                if keyed:
                    rows = [list(r) for r in rows]
                    for r in rows:
                        for i, related in keyed.items():
                            if r[i] is not None:
                                r[i] = ids[related][r[i]]
                sql = "INSERT INTO {} ({}) VALUES ({})".format(
                    qn(table), ", ".join(qn(c) for c in columns), ", ".join(["%s"] * len(columns))
                )
                cursor.executemany(sql, rows)


_SNAPSHOTS: dict[str, _Snapshot] = {}
_CITIES: dict[str, int] = {}


def _load_once(name: str, load, ctx) -> None:
    """Run ``load(ctx)`` the first time in the session, then replay its rows.

    The rows are only taken inside a test's transaction. A transactional test (``live_server``,
    ``transaction=True``) replays them too (they are committed, and flushed after the test; the
    content types and permissions that come back from a flush with new ids are matched by their
    natural keys), or runs the loader itself when nothing has been taken yet."""
    from django.db import connection

    snap = _SNAPSHOTS.get(name)
    if snap is not None:
        snap.restore()
        return
    if not connection.in_atomic_block:
        load(ctx)
        return
    before = _Snapshot.counts()
    for model in list(before):
        if before[model]:
            before[(model, "pks")] = list(model._base_manager.values_list("pk", flat=True))
    load(ctx)
    snap = _Snapshot()
    snap.take(before)
    _SNAPSHOTS[name] = snap


@pytest.fixture
def orgs(db, demo_ctx):
    """Both demo cities with every organisation of the seed plans; returns {"聊城市": org, ...}.

    Built by the orgs demo loader once per session and written back for each test (inside the
    test's transaction, so nothing leaks between tests)."""
    from django.db import connection

    from gongkai.orgs import demo
    from gongkai.orgs.models import Organisation

    _load_once("orgs", demo.load, demo_ctx)
    if "cities" in demo_ctx.shared:  # loaded just now
        if connection.in_atomic_block:  # kept for the replays; a transactional test's own
            # load (flushed afterwards) has other ids, which later replays would not find
            _CITIES.update({k: o.pk for k, o in demo_ctx.shared["cities"].items()})
    else:
        by_pk = Organisation.objects.in_bulk(list(_CITIES.values()))
        demo_ctx.shared["cities"] = {k: by_pk[pk] for k, pk in _CITIES.items()}
    return demo_ctx.shared["cities"]


@pytest.fixture
def staff(orgs, demo_ctx):
    """The demo staff (lc-editor, lc-reviewer, lc-admin, lc-auditor, lc-mz-editor ..., dy-...),
    built once per session like ``orgs``."""
    from gongkai.accounts import demo
    from gongkai.accounts.models import User

    _load_once("accounts", demo.load, demo_ctx)
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def org(orgs):
    """Look up a demo organisation: org("聊城市", "市财政局")."""
    from gongkai.orgs.services import resolve

    def find(city, name):
        res = resolve(name, within=orgs[city])
        assert res.organisation is not None, res.message()
        return res.organisation

    return find


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks):
    """Run what a call scheduled after its commit, as the request of long work's immediate
    backend does (the job runs right after the starting request commits)."""

    def go(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return go


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 at full strength costs ~0.3 s per user; tests do not need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def _browser():
    """One headless Debian chromium for the session, driven by Playwright (no browser download)."""
    import os
    import shutil

    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (python3 run.py test installs it as root)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault(
        "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
    )  # playwright's sync API runs an event loop
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(_browser):
    """A fresh browser page (own cookies); use with pytest-django's ``live_server`` fixture."""
    context = _browser.new_context(locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def _own_dirs(settings, tmp_path):
    """Every test has its own search index and media folder: what one test indexed or stored
    (a demo load, an upload) is never found by the next one."""
    from gongkai.search import aliases, backends

    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    backends.reset()
    aliases.invalidate()
    yield
    backends.reset()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and page caches live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
