"""The life of a job, each step through the action frame (audit entries for every change).

``start_job`` is a person's action (the permission of the job's kind on its organisation);
``begin``, ``report_progress``, ``finish`` and ``fail`` are the worker's, acting as
SYSTEM("longwork <kind>").
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket

from gongkai.core import files
from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM, is_system, label
from gongkai.core.errors import Invalid, NotFound
from gongkai.rules import dates
from gongkai.rules import longwork as rule

from . import registry
from .models import Job, JobInput, JobResult

UNKNOWN_KIND = "没有这种后台任务。"
NOT_ALLOWED_SCOPE = "该任务只能针对市级机构（整个网站）发起。"
ALREADY_RUNNING = "同一机构的该任务正在进行中，请等它结束后再发起。"
NO_FILE = "请选择要上传的文件（{accept}）。"
WRONG_TYPE = "“{name}”：只能上传 {accept} 文件。"
NOT_OFFERED = "该任务不能针对这个机构发起。"
NOT_ACTIVE = "该任务已结束。"
log = logging.getLogger(__name__)
INTERRUPTED = "任务执行出错（{name}），未保存任何结果。请稍后重试或联系系统管理员。"
ABANDONED = "任务执行中断（{why}），未保存任何结果。请重新发起。"


def worker_actor(job: Job):
    return SYSTEM(f"longwork {job.kind}")


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def _immediate() -> bool:
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends["default"], ImmediateBackend)


def _accept_type(f: registry.Field) -> str:
    return "、".join(e.upper() if e == "pdf" else f".{e}" for e in f.extensions) or "文件"


def accept_inputs(entry: registry.Kind, uploads: dict | None) -> dict[str, files.Accepted]:
    """Check the uploads of the kind's file fields (missing, type, the shared upload check);
    raises ``Invalid`` with a zh-hans message per field."""
    uploads = uploads or {}
    out, errors = {}, {}
    for f in entry.file_fields:
        upload = uploads.get(f.name)
        if not upload:
            errors[f.name] = NO_FILE.format(accept=_accept_type(f))
            continue
        name = upload[0] if isinstance(upload, tuple) else getattr(upload, "name", "") or ""
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if f.extensions and ext not in f.extensions:
            errors[f.name] = WRONG_TYPE.format(name=name, accept=_accept_type(f))
            continue
        try:
            out[f.name] = files.accept_one(upload, field=f.name)
        except Invalid as exc:
            errors.update(exc.errors)
    if errors:
        raise Invalid(errors=errors)
    return out


def start_job(
    actor, kind: str, organisation, data: dict | None = None, *, reason: str = "",
    uploads: dict | None = None,
):  # fmt: skip
    """Queue a job of ``kind`` on ``organisation``; with the immediate backend it runs right
    after the commit, with the database backend a worker picks it up. ``uploads`` holds the
    files of the kind's file fields ({field: UploadedFile or (name, bytes)}), stored with the
    job in its transaction."""
    entry = registry.get(kind)
    if entry is None:
        raise NotFound(UNKNOWN_KIND)
    if organisation is None:
        raise Invalid(errors={"organisation": "请选择机构。"})
    sweep_abandoned(kind=kind, organisation=organisation)
    with change(actor, entry.ability, organisation) as ch:
        if entry.scope == "city" and organisation.parent_id is not None:
            raise Invalid(errors={"organisation": NOT_ALLOWED_SCOPE})
        if entry.orgs is not None:
            from gongkai.orgs.models import Organisation

            if not entry.orgs(Organisation.objects.filter(pk=organisation.pk)).exists():
                raise Invalid(errors={"organisation": NOT_OFFERED})
        accepted = accept_inputs(entry, uploads)  # only after the permission check
        data = {**(data or {}), **accepted}
        params = entry.clean(data, organisation) if entry.clean else {}
        for name, acc in accepted.items():
            params.setdefault(name, {"name": acc.name, "sha256": acc.sha256, "size": acc.size})
        busy = Job.objects.select_for_update().filter(
            kind=kind, organisation=organisation, state__in=Job.ACTIVE
        )
        if any(other.params == params for other in busy):
            raise Invalid(ALREADY_RUNNING)
        job = Job.objects.create(
            kind=kind,
            organisation=organisation,
            params=params,
            actor=None if is_system(actor) else actor,
            actor_label=label(actor)[:150],
            message="等待执行",
        )
        for name, acc in accepted.items():
            files.store(JobInput, acc, job=job, field=name)
        ch.audit(job, "create", to_state=Job.QUEUED, changes={"params": params}, reason=reason)
        if _immediate():
            ch.after_commit(lambda: _enqueue(job))
        else:
            _enqueue(job)  # the queue row commits together with the job
    return job


def begin(job: Job) -> bool:
    """Mark a queued job running; False when it is no longer queued (run twice, or ended)."""
    with change(worker_actor(job)) as ch:
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.state != Job.QUEUED:
            return False
        locked.state = Job.RUNNING
        locked.started_at = locked.alive_at = dates.now()
        locked.worker = rule.worker_label(socket.gethostname(), os.getpid())[:120]
        locked.message = "正在执行"
        locked.save(update_fields=["state", "started_at", "alive_at", "worker", "message"])
        ch.audit(locked, "transition", from_state=Job.QUEUED, to_state=Job.RUNNING,
                 changes={"worker": locked.worker})  # fmt: skip
    job.refresh_from_db()
    return True


def report_progress(job: Job, done: int, total: int, message: str = "") -> None:
    done, total = max(0, int(done)), max(0, int(total))
    if total and done > total:
        total = done
    with change(worker_actor(job)) as ch:
        n = Job.objects.filter(pk=job.pk, state=Job.RUNNING).update(
            done=done, total=total, message=message[:300], alive_at=dates.now()
        )
        if n:
            job.done, job.total, job.message = done, total, message[:300]
            ch.audit(job, "change", changes={"done": done, "total": total})


def finish(job: Job, result: registry.Result | None) -> Job:
    """Keep the result (a file through gongkai.core.files) and mark the job done."""
    result = result or registry.Result()
    with change(worker_actor(job)) as ch:
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.state != Job.RUNNING:
            raise Invalid(NOT_ACTIVE)
        if result.name:
            accepted = files.accept_made(result.name, result.data)
            files.store(JobResult, accepted, job=locked)
        locked.state = Job.DONE
        locked.finished_at = dates.now()
        locked.summary = result.summary[:500]
        locked.message = "已完成"
        if locked.total and locked.done < locked.total:
            locked.done = locked.total
        locked.save(update_fields=["state", "finished_at", "summary", "message", "done"])
        ch.audit(locked, "transition", from_state=Job.RUNNING, to_state=Job.DONE,
                 reason=locked.summary)  # fmt: skip
        _tell(ch, locked, f"后台任务已完成：{locked}")
    return locked


def fail(job: Job, error: str) -> Job:
    """Mark the job failed with a zh-hans message; nothing of its output is kept."""
    with change(worker_actor(job)) as ch:
        locked = Job.objects.select_for_update().get(pk=job.pk)
        before = locked.state
        if before not in Job.ACTIVE:
            return locked
        locked.state = Job.FAILED
        locked.finished_at = dates.now()
        locked.error = error
        locked.message = "失败"
        locked.save(update_fields=["state", "finished_at", "error", "message"])
        ch.audit(locked, "transition", from_state=before, to_state=Job.FAILED, reason=error)
        _tell(ch, locked, f"后台任务失败：{locked}")
    return locked


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user: it exists
        return True
    return True


def sweep_abandoned(now=None, *, kind: str | None = None, organisation=None) -> str:
    """Mark failed the running jobs whose worker is gone (``gongkai.rules.longwork``): on this
    node when its process has ended, anywhere when it showed no sign of life for
    ``GONGKAI_LONGWORK_STALE_SECONDS``. The scheduled job ``longwork.sweep`` runs it; starting a
    job runs it for that kind and organisation first, so a dead job never blocks a new one."""
    from django.conf import settings

    now = now or dates.now()
    stale = float(getattr(settings, "GONGKAI_LONGWORK_STALE_SECONDS", 1800))
    host = socket.gethostname()
    running = Job.objects.filter(state=Job.RUNNING)
    if kind is not None:
        running = running.filter(kind=kind, organisation=organisation)
    ended = 0
    for job in running:
        why = rule.abandoned(job.worker, job.alive_at or job.started_at, now, this_host=host,
                             pid_alive=_pid_alive, stale_seconds=stale)  # fmt: skip
        if why:
            fail(job, ABANDONED.format(why=why))
            ended += 1
    return f"{ended} abandoned job(s) marked failed" if ended else "no abandoned job"


def _tell(ch, job: Job, subject: str) -> None:
    if job.actor_id:
        ch.notify("longwork.ended", to=[job.actor], subject=subject, url="/staff/work/")


def run(job_id: int) -> str:
    """What the queue's task does: run the job's function, then finish or fail it."""
    job = Job.objects.select_related("organisation", "actor").filter(pk=job_id).first()
    if job is None or not begin(job):
        return "skipped"
    entry = registry.get(job.kind)
    if entry is None:
        fail(job, UNKNOWN_KIND)
        return "failed"
    reporter = Reporter(job)
    try:
        result = entry.function(job, reporter)
    except Exception as exc:  # noqa: BLE001 - any failure of the work ends the job as failed
        log.warning("longwork: job %s (%s) failed", job.pk, job.kind, exc_info=True)
        with contextlib.suppress(Exception):
            reporter.flush()  # the page shows where it stopped
        fail(job, error_message(exc))
        return "failed"
    try:
        reporter.flush()
        finish(job, result)
    except Exception as exc:  # noqa: BLE001 - the result could not be kept: nothing of it is
        log.warning("longwork: job %s (%s) not kept", job.pk, job.kind, exc_info=True)
        fail(job, error_message(exc))
        return "failed"
    return "done"


def error_message(exc: Exception) -> str:
    """The zh-hans message people see for a failed job."""
    from gongkai.core.errors import GongkaiError

    if isinstance(exc, GongkaiError) and getattr(exc, "message", ""):
        return str(exc.message)
    return INTERRUPTED.format(name=type(exc).__name__)


class Reporter:
    """``report(done, total, message)`` for a job's function: written at most every
    ``GONGKAI_LONGWORK_PROGRESS_SECONDS`` (1 s), and always at the end."""

    def __init__(self, job: Job):
        from django.conf import settings

        self.job = job
        self.every = float(getattr(settings, "GONGKAI_LONGWORK_PROGRESS_SECONDS", 1.0))
        self.last = None
        self.pending = None

    def __call__(self, done: int, total: int, message: str = "") -> None:
        import time

        now = time.monotonic()
        self.pending = (done, total, message)
        if self.last is None or now - self.last >= self.every or (total and done >= total):
            self.flush()
            self.last = now

    def flush(self) -> None:
        if self.pending is not None:
            report_progress(self.job, *self.pending)
            self.pending = None
