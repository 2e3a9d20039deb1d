"""Generation counters of the whole-page cache (docs/deployment.md, "HTTP caching").

One row per scope a public page depends on: ``site`` (home, search, feeds, sitemap, API),
``org:<code>`` (an organisation's pages), ``col:<org code>:<slug>`` (a column list and its
feeds), ``item:<id>`` (an item page). A change bumps the scopes that show it; a cached page is
stored under its scopes' versions, so a bump makes exactly those pages miss. The counters live
in the database so every worker and every app node sees a bump at once, whatever the cache
backend (local memory per process, or Redis).
"""

from django.db import models


class ScopeVersion(models.Model):
    scope = models.CharField(max_length=200, unique=True)
    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField()
    # for "shown:<item id>" rows: the scopes the item was shown in at its last change
    shown_in = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "页面缓存版本"
        verbose_name_plural = "页面缓存版本"

    def __str__(self):
        return f"{self.scope}@{self.version}"
