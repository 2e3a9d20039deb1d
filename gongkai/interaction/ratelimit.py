"""Per-address limits of the message forms, on the shared public-form limiter
(``gongkai.core.publicforms``, django-ratelimit); the numbers are this area's settings."""

from __future__ import annotations

from django.conf import settings

from gongkai.core import publicforms


def allow(request, bucket: str, limit: int | None = None) -> bool:
    """Whether this address may submit once more in the current window (counts the attempt)."""
    if limit is None:
        limit = int(getattr(settings, "GONGKAI_MESSAGE_RATE_LIMIT", 10))
    window = int(getattr(settings, "GONGKAI_MESSAGE_RATE_WINDOW", 600))
    return not publicforms.limited(request, f"message-{bucket}", f"{limit}/{window}s")


def needs_challenge(request) -> bool:
    """After the first few messages from one address, a question must be answered."""
    free = int(getattr(settings, "GONGKAI_MESSAGE_FREE_SUBMISSIONS", 2))
    limit = int(getattr(settings, "GONGKAI_MESSAGE_RATE_LIMIT", 10))
    window = int(getattr(settings, "GONGKAI_MESSAGE_RATE_WINDOW", 600))
    from django_ratelimit.core import get_usage

    usage = get_usage(
        request, group="gongkai:message-write", key="ip", rate=f"{limit}/{window}s", increment=False
    )
    return bool(usage) and usage["count"] >= free
