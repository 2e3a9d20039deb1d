"""Shared fixtures. Every area's tests live in tests/<area>/ and may use these."""

import pathlib

import pytest

# The seed documents live in ../shared/seeds beside the repository (never copied into it).
SEEDS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seeds"
LIAOCHENG_PLAN = SEEDS / "000_ce6ae8f612e35b9c.txt"
DONGYING_PLAN = SEEDS / "001_c56c3127088352aa.txt"


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
