"""The indexing queue: item ids whose search entry must be brought up to date.

A row is written by the same transaction that changes the item (``post_save``), so a change is
never lost even if the process dies before indexing; whoever holds the index's writer lock
drains the queue: the process that made the change right after its commit, and
``gongkai jobs run`` / ``gongkai search process`` for anything left over.
"""

from django.db import models
from django.utils import timezone


class IndexQueue(models.Model):
    item_id = models.BigIntegerField("信息编号", db_index=True)
    queued_at = models.DateTimeField("入队时间", default=timezone.now)

    class Meta:
        verbose_name = "检索索引队列"
        verbose_name_plural = "检索索引队列"
        ordering = ["pk"]

    def __str__(self):
        return f"item {self.item_id}"
