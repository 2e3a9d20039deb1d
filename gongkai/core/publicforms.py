"""What every public form shares: a rate limit per address and a simple challenge.

* ``limited(request, group, rate)`` counts one submission of ``group`` from the request's
  address and says whether the limit is passed (django-ratelimit over the ``default`` cache:
  Redis when ``REDIS_URL`` is set, so all app nodes share the counts). Rates are strings such
  as ``"10/h"`` or ``"5/10m"``, configurable per group in ``GONGKAI_RATE_LIMITS``.
* ``Challenge``: a small arithmetic question whose answer travels signed in a hidden field (no
  session, so a public page sets no cookie and stays cacheable); ``challenge.check(token,
  answer)`` is true for the right answer within an hour. Show it after the first few
  submissions from one address (``needs_challenge``).

When a limit is hit, the view answers 429 and shows the form again with everything the person
typed; nothing is stored.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.core import signing

DEFAULT_RATES = {
    "application": "10/h",
    "application-status": "30/h",
    "message": "10/h",
    "message-status": "30/h",
    "comment": "20/h",
}
SALT = "gongkai.publicforms.challenge"


def rate_for(group: str) -> str:
    rates = {**DEFAULT_RATES, **getattr(settings, "GONGKAI_RATE_LIMITS", {})}
    return rates.get(group, "20/h")


def limited(request, group: str, rate: str | None = None, *, increment: bool = True) -> bool:
    from django_ratelimit.core import is_ratelimited

    return is_ratelimited(
        request,
        group=f"gongkai:{group}",
        key="ip",
        rate=rate or rate_for(group),
        increment=increment,
    )


def count(request, group: str) -> int:
    """How many submissions of ``group`` this address made in the current window."""
    from django_ratelimit.core import get_usage

    usage = get_usage(
        request, group=f"gongkai:{group}", key="ip", rate=rate_for(group), increment=False
    )
    return int(usage["count"]) if usage else 0


def needs_challenge(request, group: str, free: int = 2) -> bool:
    return count(request, group) >= free


class Challenge:
    """An arithmetic question and its signed token."""

    def __init__(self, question: str, token: str):
        self.question = question
        self.token = token

    @classmethod
    def new(cls, rng: random.Random | None = None) -> Challenge:
        rng = rng or random.SystemRandom()
        a, b = rng.randint(2, 19), rng.randint(2, 9)
        token = signing.dumps({"a": a + b}, salt=SALT)
        return cls(f"{a} 加 {b} 等于几？", token)

    @staticmethod
    def check(token: str, answer: str, max_age: int = 3600) -> bool:
        try:
            expected = signing.loads(token or "", salt=SALT, max_age=max_age)["a"]
        except (signing.BadSignature, KeyError, TypeError):
            return False
        answer = (
            (answer or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        )
        return answer == str(expected)
