"""A job of long work: who started it where, its state and progress, and its kept result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile


class Job(models.Model):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATE_CHOICES = [
        (QUEUED, "排队中"),
        (RUNNING, "进行中"),
        (DONE, "已完成"),
        (FAILED, "失败"),
    ]
    ACTIVE = (QUEUED, RUNNING)

    kind = models.CharField("任务类型", max_length=60, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    params = models.JSONField("参数", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="longwork_jobs",
    )
    actor_label = models.CharField("发起人名称", max_length=150, blank=True)
    state = models.CharField("状态", max_length=10, choices=STATE_CHOICES, default=QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总量", default=0)
    message = models.CharField("进度说明", max_length=300, blank=True)
    error = models.TextField("错误", blank=True)
    summary = models.CharField("结果摘要", max_length=500, blank=True)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True, db_index=True)
    worker = models.CharField("执行进程", max_length=120, blank=True)  # host:pid
    alive_at = models.DateTimeField("最近进展时间", null=True, blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["actor", "-created_at"])]

    def __str__(self):
        return f"{self.label}（{self.organisation.name}）"

    @property
    def label(self) -> str:
        from .registry import label_of

        return label_of(self.kind)

    @property
    def active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))

    def input(self, field: str = "") -> JobInput:
        """The file uploaded with the job for ``field`` (the first one without a name);
        ``.read()`` gives its bytes, ``.name`` the name it was uploaded with."""
        from gongkai.core.errors import Invalid

        qs = self.inputs.order_by("pk")
        found = (qs.filter(field=field) if field else qs).first()
        if found is None:
            raise Invalid("该任务的上传文件已不存在，请重新发起。")
        return found


class JobResult(StoredFile):
    """The file a job produced (one per job), kept until someone deletes the job."""

    UPLOAD_DIR = "longwork"

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="result")

    class Meta:
        verbose_name = "任务结果"
        verbose_name_plural = "任务结果"


class JobInput(StoredFile):
    """A file uploaded when the job was started (checked by ``files.accept_one``), kept with
    the job until someone deletes it."""

    UPLOAD_DIR = "longwork/inputs"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="inputs")
    field = models.CharField("字段", max_length=60)

    class Meta:
        verbose_name = "任务上传文件"
        verbose_name_plural = "任务上传文件"
        ordering = ["pk"]
