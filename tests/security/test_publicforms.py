"""The shared pieces of public forms: rate limit per address, signed challenge (no session)."""

from django.test import RequestFactory

from gongkai.core.publicforms import Challenge, limited


def test_rate_limit_counts_per_address(settings):
    from django.core.cache import cache

    cache.clear()
    settings.GONGKAI_RATE_LIMITS = {"test-form": "3/h"}
    rf = RequestFactory()
    a = rf.post("/x/", REMOTE_ADDR="10.1.1.1")
    b = rf.post("/x/", REMOTE_ADDR="10.1.1.2")
    assert [limited(a, "test-form") for _ in range(4)] == [False, False, False, True]
    assert limited(b, "test-form") is False


def test_challenge_is_signed_and_checked():
    import random

    ch = Challenge.new(random.Random(1))
    a, b = [int(x) for x in ch.question.replace("加", " ").replace("等于几？", "").split()]
    assert Challenge.check(ch.token, str(a + b))
    assert Challenge.check(ch.token, "１" if a + b == 1 else str(a + b + 1)) is False
    assert Challenge.check("forged", str(a + b)) is False
