"""The whole-page cache of public pages, keyed by generation counters (``models.ScopeVersion``).

``scopes_for(path)`` says which scopes a public page shows; a page is stored under the current
versions of those scopes, so ``bump(scopes)`` makes exactly the pages that show a change miss.
Catalog signals (sent after commit) bump an item's scopes: the item, every column that lists it
(with their parent columns, whose lists include sub-columns), its organisation's pages and the
site-wide pages (home, search, library, feeds, sitemap, API). The columns an item was listed in
at its previous change are remembered, so moving an item out of a column refreshes that column
too.

Other apps may make their public pages cacheable with ``register(prefix, scopes_fn)`` and
``bump(...)`` their own scopes from their actions' signals.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from gongkai.rules import dates

SITE = "site"
_COLUMN = re.compile(r"^/org/(?P<code>[^/]+)/gk/c/(?P<slug>[^/]+)/")
_ORG = re.compile(r"^/org/(?P<code>[^/]+)/")
_ITEM = re.compile(r"^/item/(?P<pk>[0-9]{1,18})/$")
_SITE_PATHS = re.compile(
    r"^/(|search/|policies/|org/|accessibility/|robots\.txt|sitemap[^/]*\.xml|feeds/latest/.*|api/v1/.*)$"
)

_registered: list[tuple[str, Callable[[str], list[str]]]] = []


def register(prefix: str, scopes_fn: Callable[[str], list[str]]) -> None:
    """Let another app's public pages under ``prefix`` be cached under ``scopes_fn(path)``."""
    _registered.append((prefix, scopes_fn))


def scopes_for(path: str) -> list[str] | None:
    """The scopes a public page depends on, or None when the page is not cacheable."""
    if m := _ITEM.match(path):
        return [f"item:{m['pk']}"]
    if m := _COLUMN.match(path):
        return [f"col:{m['code']}:{m['slug']}"]
    if m := _ORG.match(path):
        return [f"org:{m['code']}"]
    if _SITE_PATHS.match(path):
        return [SITE]
    for prefix, fn in _registered:
        if path.startswith(prefix):
            return fn(path)
    return None


def cache():
    return caches[getattr(settings, "GONGKAI_PAGE_CACHE_ALIAS", "default")]


def versions(scopes: Iterable[str]) -> dict[str, tuple[int, object]]:
    """{scope: (version, changed_at)}; a scope never bumped is (0, None). Read on the primary."""
    from .models import ScopeVersion

    found = {
        s: (v, at)
        for s, v, at in ScopeVersion.objects.using("default")
        .filter(scope__in=list(scopes))
        .values_list("scope", "version", "changed_at")
    }
    return {s: found.get(s, (0, None)) for s in scopes}


def page_key(request, vers: dict) -> str:
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.headers.get("Origin", ""),
            ",".join(f"{s}={v}" for s, (v, _) in sorted(vers.items())),
        ]
    )
    return "gk:page:" + hashlib.sha1(raw.encode()).hexdigest()


def bump(scopes: Iterable[str]) -> None:
    """Move the given scopes to a new version (their cached pages become misses at once)."""
    from .middleware import enabled
    from .models import ScopeVersion

    if not enabled():  # no page is cached, so none can go stale (and loading the demo is faster)
        return
    now = dates.now()
    scopes = sorted(set(scopes))
    with transaction.atomic(using="default"):
        done = set(
            ScopeVersion.objects.using("default")
            .filter(scope__in=scopes)
            .values_list("scope", flat=True)
        )
        ScopeVersion.objects.using("default").filter(scope__in=done).update(
            version=F("version") + 1, changed_at=now
        )
        for scope in scopes:
            if scope in done:
                continue
            try:
                with transaction.atomic(using="default"):
                    ScopeVersion.objects.using("default").create(
                        scope=scope, version=1, changed_at=now
                    )
            except IntegrityError:  # another process created it meanwhile
                ScopeVersion.objects.using("default").filter(scope=scope).update(
                    version=F("version") + 1, changed_at=now
                )


def item_scopes(item) -> list[str]:
    """The scopes of every public page that shows ``item`` now."""
    code = item.organisation.code
    scopes = {f"item:{item.pk}", f"org:{code}", SITE}
    for entry in item.entries.select_related("parent"):
        node = entry
        while node is not None:
            scopes.add(f"col:{code}:{node.slug}")
            node = node.parent
    return sorted(scopes)


def _remembered_key(item_id) -> str:
    return f"shown:{item_id}"


def bump_item(item) -> list[str]:
    """Bump the pages that show ``item`` now and the columns that listed it before."""
    from .middleware import enabled
    from .models import ScopeVersion

    if not enabled():
        return []
    scopes = item_scopes(item)
    key = _remembered_key(item.pk)
    row = ScopeVersion.objects.using("default").filter(scope=key).first()
    before = row.shown_in if row else []
    bump(set(scopes) | set(before))
    ScopeVersion.objects.using("default").update_or_create(
        scope=key, defaults={"changed_at": dates.now(), "shown_in": scopes}
    )
    return scopes


def on_item_signal(sender, item, **kwargs):
    bump_item(item)


def on_model_saved(sender, instance, **kwargs):
    """Direct saves (an organisation's details, a column, an item changed by an import) bump the
    pages that show them, inside the saving transaction: readers see the new version and the
    new data together."""
    label = sender._meta.label
    if label == "orgs.Organisation":
        if instance.code:
            bump([f"org:{instance.code}", SITE])
    elif label == "catalog.CatalogEntry":
        code = instance.organisation.code
        scopes = [f"org:{code}", f"col:{code}:{instance.slug}"]
        if instance.parent_id:
            scopes.append(f"col:{code}:{instance.parent.slug}")
        bump(scopes)
    elif label == "catalog.Item" and instance.published_at is not None and instance.pk:
        bump_item(instance)


def on_documents_changed(sender, kind="", ids=(), **kwargs):
    """A registered public document changed (after commit): the site-wide pages go stale.
    Pages of an area's own (``register(prefix, ...)``) are bumped by that area."""
    if kind != "item":  # items bump exactly their own scopes through the catalog's signals
        bump([SITE])
