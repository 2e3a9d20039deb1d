"""Shared fixtures. Every area's tests live in tests/<area>/ and may use these."""

import pathlib

import pytest

# The seed documents ship inside the package (gongkai/core/data/seeds); ../shared/seeds beside a
# checkout is only the reference that copy is checked against (tests/foundation/test_frame.py).
from gongkai.core.seeds import DONGYING_PLAN, LIAOCHENG_PLAN  # noqa: F401  (used by the areas)
from gongkai.core.seeds import SEEDS_DIR as SEEDS

SHARED_SEEDS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def seeds_dir():
    assert SEEDS.exists(), f"seed documents not found at {SEEDS}"
    return SEEDS


@pytest.fixture
def demo_ctx():
    import io

    from gongkai.core.demo import DemoContext

    return DemoContext(stdout=io.StringIO())


@pytest.fixture
def orgs(db, demo_ctx):
    """Both demo cities with every organisation of the seed plans; returns {"聊城市": org, ...}."""
    from gongkai.orgs import demo

    demo.load(demo_ctx)
    return demo_ctx.shared["cities"]


@pytest.fixture
def staff(orgs, demo_ctx):
    """The demo staff (lc-editor, lc-reviewer, lc-admin, lc-auditor, lc-mz-editor ..., dy-...)."""
    from gongkai.accounts import demo
    from gongkai.accounts.models import User

    demo.load(demo_ctx)
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
