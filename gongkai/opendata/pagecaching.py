"""The page cache of the public open-data pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/opendata/``, ``/api/v1/datasets``, ``/api/v1/datasets/dcat.jsonld`` | ``datasets`` |
| ``/opendata/<pk>/`` (chart, ranking, figures, versions), its downloads and template,
  ``/api/v1/datasets/<pk>`` and ``/rows`` | ``dataset:<pk>`` |
| ``/opendata/<pk>/periods/<key>/`` and its downloads | ``dataset:<pk>:<key>`` |

A dataset's save (created, edited, made public or not) bumps its pages, its periods' pages, the
list and the item pages of its current periods (their note draws the dataset's chart); a period
version (a publication taken in, a correction, a withdrawal) bumps its dataset's pages, that
period's page, the list and the item pages whose small chart reaches that period (the period's
own and the later ones): another period's page stays. A catalog item changed or withdrawn bumps
the datasets and periods whose versions name it.
"""

from __future__ import annotations

import re

LIST = "datasets"
_PAGE = re.compile(r"^/opendata/(?:(?P<pk>[0-9]{1,18})/(?:periods/(?P<key>[^/]+)/)?.*)?$")
_API = re.compile(r"^/api/v1/datasets(?:/dcat\.jsonld|/(?P<pk>[0-9]{1,18})(?:/rows)?)?$")


def page(pk) -> str:
    return f"dataset:{pk}"


def period_page(pk, key) -> str:
    return f"dataset:{pk}:{key}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None
    if m.groupdict().get("key"):
        return [period_page(m["pk"], m["key"])]
    return [page(m["pk"])] if m["pk"] else [LIST]


def _item_pages(dataset_id, since=None) -> list[str]:
    from gongkai.serving import pagecache

    from .models import PeriodVersion

    current = PeriodVersion.objects.filter(dataset_id=dataset_id, is_current=True)
    if since is not None:
        current = current.filter(period_start__gte=since)
    ids = current.exclude(item_id=None).values_list("item_id", flat=True)
    return [pagecache.item_scope(pk) for pk in ids]


def dataset_scopes(ds, old=None) -> list[str]:
    from .models import PeriodVersion

    keys = set(PeriodVersion.objects.filter(dataset_id=ds.pk).values_list("period_key", flat=True))
    return [page(ds.pk), LIST, *(period_page(ds.pk, k) for k in keys), *_item_pages(ds.pk)]


def version_scopes(v, old=None) -> list[str]:
    from gongkai.serving import pagecache

    scopes = [page(v.dataset_id), period_page(v.dataset_id, v.period_key), LIST]
    scopes += _item_pages(v.dataset_id, since=v.period_start)
    if v.item_id:
        scopes.append(pagecache.item_scope(v.item_id))  # its note appears or goes
    return scopes


def item_scopes(items) -> list[str]:
    from .models import PeriodVersion

    named = PeriodVersion.objects.filter(item_id__in=[i.pk for i in items])
    pairs = set(named.values_list("dataset_id", "period_key"))
    return [s for pk, key in pairs for s in (page(pk), period_page(pk, key))]


def register() -> None:
    from gongkai.serving import pagecache

    from .models import Dataset, PeriodVersion

    pagecache.register("/opendata/", page_scopes)
    pagecache.register("/api/v1/datasets", page_scopes)
    pagecache.watch(Dataset, dataset_scopes)
    pagecache.watch(PeriodVersion, version_scopes)
    pagecache.watch_items(item_scopes, "opendata.pagecaching")
