"""The whole-page cache of public pages, keyed by generation counters (``models.ScopeVersion``).

``scopes_for(path)`` says which scopes a public page shows; a page is stored under the current
versions of those scopes, so ``bump(scopes)`` makes exactly the pages that show a change miss.
Catalog signals (sent after commit) bump an item's scopes: the item, every column that lists it
(with their parent columns, whose lists include sub-columns), its organisation's pages and the
site-wide pages (home, search, library, feeds, sitemap, API). The columns an item was listed in
at its previous change are remembered, so moving an item out of a column refreshes that column
too.

Other apps make their public pages cacheable with ``register(prefix, scopes_fn)`` (asked before
the portal's own patterns, so an area may take paths under ``/org/`` or ``/api/v1/``; a
``scopes_fn`` that answers None leaves the path to them) and refresh them with
``bump_on_commit(scopes)``: ``watch(model, scopes_fn)`` does it for every saved or deleted row of
one of their models, ``watch_items(scopes_fn)`` for the catalog items their pages show.
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
    if (prefix, scopes_fn) not in _registered:
        _registered.append((prefix, scopes_fn))


def scopes_for(path: str) -> list[str] | None:
    """The scopes a public page depends on, or None when the page is not cacheable."""
    for prefix, fn in _registered:
        if path.startswith(prefix) and (scopes := fn(path)) is not None:
            return scopes
    if m := _ITEM.match(path):
        return [f"item:{m['pk']}"]
    if m := _COLUMN.match(path):
        return [f"col:{m['code']}:{m['slug']}"]
    if m := _ORG.match(path):
        return [f"org:{m['code']}"]
    if _SITE_PATHS.match(path):
        return [SITE]
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


def active() -> bool:
    """Whether pages are cached (bumping, and working out what to bump, is skipped otherwise)."""
    from .middleware import enabled

    return enabled()


def item_scope(pk) -> str:
    """The scope of the catalog's item page ``/item/<pk>/`` (areas add notes to it)."""
    return f"item:{pk}"


def org_chain(prefix: str, org) -> list[str]:
    """``<prefix>:org:<code>`` for ``org`` and every organisation above it: the scopes of an
    area's per-organisation lists, each of which shows its whole subtree."""
    out, node = [], org
    while node is not None:
        out.append(f"{prefix}:org:{node.code}")
        node = node.parent
    return out


def bump_on_commit(scopes: Iterable[str]) -> None:
    """Bump ``scopes`` right after the current transaction commits (at once outside one).

    Every scope asked for while one transaction is open is bumped together, once, by the first
    of its commit callbacks to run; a transaction that rolls back bumps nothing (the scopes of a
    savepoint rolled back inside a committed transaction go with the rest: a spare refresh,
    never a stale page)."""
    scopes = {s for s in scopes if s}
    if not scopes or not active():
        return
    conn = transaction.get_connection("default")
    if not conn.in_atomic_block:
        bump(scopes)
        return
    outer = conn.atomic_blocks[0] if conn.atomic_blocks else None
    held = conn.__dict__.get("_gk_pending_scopes")
    if held is None or held[0] is not outer:  # a new transaction (an earlier one rolled back)
        held = (outer, set())
        conn.__dict__["_gk_pending_scopes"] = held
    held[1].update(scopes)
    transaction.on_commit(lambda: _flush(held), using="default")


def _flush(held) -> None:
    scopes = set(held[1])
    held[1].clear()
    if scopes:
        bump(scopes)


def watch(model, scopes_fn: Callable, *, before: tuple[str, ...] = ()) -> None:
    """After each commit that saved or deleted rows of ``model``, bump ``scopes_fn(obj, old)``.

    ``old`` is None for a new row or a deleted one; for a changed row it holds the stored
    values of the ``before`` fields (names as in ``update_fields``) that the save may change,
    read in one query ahead of it (``{}`` when none)."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.db.models.signals import post_delete, post_save, pre_save

    uid = f"pagecache.{model._meta.label}.{scopes_fn.__module__}.{scopes_fn.__qualname__}"

    def remember(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw or instance._state.adding or instance.pk is None or not active():
            return
        fields = [f for f in before if update_fields is None or f in update_fields]
        if fields:
            row = sender._base_manager.using("default").filter(pk=instance.pk).values(*fields)
            instance.__dict__["_gk_before"] = row.first() or {}

    def changed(sender, instance, raw=False, created=True, **kwargs):  # post_delete: created
        old = instance.__dict__.pop("_gk_before", {})
        if created:
            old = None
        if raw or not active():
            return
        try:
            scopes = list(scopes_fn(instance, old))
        except ObjectDoesNotExist:  # a row deleted with its parent: the parent's own bump counts
            return
        bump_on_commit(scopes)

    if before:
        pre_save.connect(remember, sender=model, weak=False, dispatch_uid=uid + ".pre")
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ".save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ".delete")


def watch_items(scopes_fn: Callable, uid: str, chunk: int = 500) -> None:
    """After a catalog item is published, changed or withdrawn (the catalog's signals, sent after
    commit; a batch once), bump ``scopes_fn(items)``: the area pages that show those items."""
    from gongkai.catalog import signals

    def bump_for(items) -> None:
        items = list(items)
        for start in range(0, len(items), chunk):
            bump_on_commit(scopes_fn(items[start : start + chunk]))

    def one(sender, item=None, in_batch=False, **kwargs):
        if item is not None and not in_batch and active():
            bump_for([item])

    def batch(sender, items=(), **kwargs):
        if items and active():
            bump_for(items)

    for name in ("item_published", "item_unpublished", "item_changed"):
        getattr(signals, name).connect(one, weak=False, dispatch_uid=f"{uid}.{name}")
    signals.items_published.connect(batch, weak=False, dispatch_uid=f"{uid}.items_published")


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
