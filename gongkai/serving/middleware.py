"""HTTP caching of public pages and the replica pin (docs/deployment.md).

One middleware, placed right after WhiteNoise (before sessions):

- an anonymous GET/HEAD (no session cookie) of a page ``pagecache.scopes_for`` knows is served
  from the whole-page cache when its scopes have not moved, else rendered and stored; either way
  it carries ``Cache-Control: public, max-age=60, s-maxage=1, stale-while-revalidate=300``
  (``GONGKAI_CACHE_CONTROL``: browsers keep a page for a minute, a shared cache such as
  deploy/nginx revalidates it after at most a second (``X-Accel-Expires``), with the ETag, so a publication shows through
  the proxy within about a second while it keeps answering from its copy), an ``ETag`` (hash of the bytes), a ``Last-Modified`` (when its
  scopes last changed), no ``Vary: Cookie`` and no cookie; a conditional request gets a 304;
- a page that set a cookie or used a CSRF token (a form), a staff page, anything for a
  logged-in user, and any other page is ``private, no-store``;
- every unsafe request (POST ...) sets a short ``gk_primary`` cookie: for
  ``GONGKAI_REPLICA_PIN_SECONDS`` the same browser reads from the primary database, so a person
  sees their own write even when the replicas lag (``router.py``).
"""

from __future__ import annotations

import hashlib
import os
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import pagecache, router

PIN_COOKIE = "gk_primary"
_SAFE = {"GET", "HEAD", "OPTIONS"}
_PRIVATE_PREFIXES = ("/staff/", "/admin/", "/accounts/")
# max-age for browsers; s-maxage (which shared caches read instead, nginx included) for the
# front proxy: it asks again (If-None-Match, answered 304) once a second and serves its copy
# meanwhile, so a publication is visible through it within about a second.
DEFAULT_CACHE_CONTROL = "public, max-age=60, s-maxage=1, stale-while-revalidate=300"


def cache_control() -> str:
    return getattr(settings, "GONGKAI_CACHE_CONTROL", DEFAULT_CACHE_CONTROL)


def page_ttl() -> int:
    """How long a stored page may live at most (a safety net for changes no signal announces)."""
    return int(getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", 600))


def enabled() -> bool:
    default = os.environ.get("GONGKAI_PAGE_CACHE", "1") != "0"
    return bool(getattr(settings, "GONGKAI_PAGE_CACHE", default))


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _last_modified(vers: dict) -> int | None:
    stamps = [at.timestamp() for _, at in vers.values() if at is not None]
    return int(max(stamps)) if stamps else None


def _drop_cookie_vary(response) -> None:
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


def _public_headers(response, etag: str, last_modified: int | None) -> None:
    response["Cache-Control"] = cache_control()
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    _drop_cookie_vary(response)


def _for_the_proxy(response):
    """Tell nginx (deploy/) how long its copy is fresh: until the end of this second.

    nginx counts freshness in whole seconds and keeps a copy while its expiry second has not
    passed, so ``s-maxage=1`` kept a page for up to 2 s (measured: a new version every 2.0 s
    through the proxy; publish → visible 2.03 s at 10^6 items). ``X-Accel-Expires: @<now>``
    (which nginx reads before Cache-Control and never passes on to clients) keeps it up to 1 s;
    other shared caches read ``s-maxage``. Set on 304 answers too: Django's 304 carries only the
    standard validators, and nginx takes the copy's new expiry from the revalidation's answer."""
    if response.get("Cache-Control") == DEFAULT_CACHE_CONTROL:  # else the operator's own
        response["X-Accel-Expires"] = f"@{int(time.time())}"
    return response


class CacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = (
            request.method not in _SAFE
            or PIN_COOKIE in request.COOKIES
            or request.path.startswith(_PRIVATE_PREFIXES)
        )
        token = router.pin_primary.set(pinned)
        try:
            response = self._serve(request)
        finally:
            router.pin_primary.reset(token)
        if request.method not in _SAFE and router.has_replicas():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=int(getattr(settings, "GONGKAI_REPLICA_PIN_SECONDS", 10)),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def _anonymous(self, request) -> bool:
        return settings.SESSION_COOKIE_NAME not in request.COOKIES

    def _serve(self, request):
        scopes = None
        if request.method in ("GET", "HEAD") and self._anonymous(request):
            scopes = pagecache.scopes_for(request.path)
        if scopes is None:
            return self._private(request, self.get_response(request))
        vers = pagecache.versions(scopes)
        last_modified = _last_modified(vers)
        key = pagecache.page_key(request, vers) if enabled() else None
        stored = pagecache.cache().get(key) if key else None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Gongkai-Cache"] = "HIT"
            return _for_the_proxy(
                get_conditional_response(
                    request, etag=response["ETag"], last_modified=last_modified, response=response
                )
            )
        response = self.get_response(request)
        if not self._cacheable(request, response):
            return self._private(request, response)
        etag = _etag(response.content)
        _public_headers(response, etag, last_modified)
        if key and request.method == "GET":  # a HEAD answer may carry no body: never stored
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in ("date", "x-gongkai-cache")
            ]
            pagecache.cache().set(
                key, (response.status_code, headers, response.content), page_ttl()
            )
        response["X-Gongkai-Cache"] = "MISS" if key else "OFF"
        return _for_the_proxy(
            get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        )

    def _cacheable(self, request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "Cache-Control" not in response
            and not (getattr(request, "user", None) and request.user.is_authenticated)
        )

    def _private(self, request, response):
        user = getattr(request, "user", None)
        logged_in = bool(user is not None and user.is_authenticated)
        if (
            logged_in
            or request.path.startswith(_PRIVATE_PREFIXES)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
            or "Cache-Control" not in response
        ):
            response["Cache-Control"] = "private, no-store"
        return response
