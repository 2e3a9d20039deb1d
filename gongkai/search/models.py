"""The change log the search indexes follow, the nodes that follow it, the simple backend's
documents.

``IndexQueue`` is an append-only log of (kind, id) pairs whose search entry may be stale. A row
is written by the same transaction that changes the object (``registry.changed`` or the
catalog's ``post_save``), so a change is never lost even if the process dies before indexing.
Every index (each app node's embedded tantivy index; the one shared table of the database
backends) keeps its own position in the log (``gongkai.search.follow``) and applies each row
exactly once; rows every registered node has passed are pruned.
"""

from django.db import models
from django.utils import timezone


class IndexQueue(models.Model):
    kind = models.CharField("文档类型", max_length=40, default="item")
    obj_id = models.BigIntegerField("文档编号")
    queued_at = models.DateTimeField("入队时间", default=timezone.now)

    class Meta:
        verbose_name = "检索变更记录"
        verbose_name_plural = "检索变更记录"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind} {self.obj_id}"


class Node(models.Model):
    """An index that follows the log: its position (every row up to it applied) and the rows
    above it applied already (while an older row may still be committing)."""

    name = models.CharField("节点", max_length=200, unique=True)
    backend = models.CharField("检索后端", max_length=20)
    position = models.BigIntegerField("已应用到", default=0)
    applied = models.JSONField("其后已应用", default=list, blank=True)
    seen_at = models.DateTimeField("最近同步", default=timezone.now)

    class Meta:
        verbose_name = "检索节点"
        verbose_name_plural = "检索节点"

    def __str__(self):
        return f"{self.name} @ {self.position}"


class Document(models.Model):
    """One public document as the simple backend searches it (substring matching, no index)."""

    kind = models.CharField(max_length=40)
    obj_id = models.BigIntegerField()
    body = models.TextField()  # normalised title, text, organisation names, doc number
    title_norm = models.TextField()
    title = models.TextField()
    text = models.TextField()
    url = models.CharField(max_length=500, default="")
    org_id = models.BigIntegerField(null=True)
    org_label = models.CharField(max_length=200, default="")
    doc_number = models.CharField(max_length=200, default="")
    doc_key = models.CharField(max_length=200, default="", db_index=True)
    year = models.IntegerField(null=True)
    genre = models.CharField(max_length=60, default="")
    category = models.CharField(max_length=40, default="")
    validity = models.CharField(max_length=20, default="valid")
    published = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        constraints = [models.UniqueConstraint(fields=["kind", "obj_id"], name="search_doc_key")]

    def __str__(self):
        return f"{self.kind}:{self.obj_id} {self.title[:30]}"
