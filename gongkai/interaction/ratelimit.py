"""Per-address limit of public submissions (Django cache; configurable)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, bucket: str, limit: int | None = None) -> bool:
    """Whether this address may submit once more in the current window (counts the attempt)."""
    if limit is None:
        limit = int(getattr(settings, "GONGKAI_MESSAGE_RATE_LIMIT", 10))
    window = int(getattr(settings, "GONGKAI_MESSAGE_RATE_WINDOW", 600))
    key = f"gk-interaction:{bucket}:{client_address(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        n = cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=window)
        return True
    return n <= limit
