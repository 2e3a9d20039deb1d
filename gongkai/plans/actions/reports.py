"""Progress reports of obligations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import record
from gongkai.orgs.models import Organisation

from ..models import (
    Fulfilment,
    ObligationInstance,
    ProgressReport,
    ReportAttachment,
    Task,
)
from .common import _require
from .obligations import _set_fulfilled


def submit_report(
    task: Task,
    *,
    organisation: Organisation,
    text: str,
    actor=None,
    files: list[tuple[str, bytes]] = (),
    instance: ObligationInstance | None = None,
    report: ProgressReport | None = None,
    period: str = "",
    submitted_at: dt.datetime | None = None,
) -> ProgressReport:
    """A lead unit reports progress (text and attachments); it may fulfil one instance."""
    _require(actor, "edit", organisation, "您没有权限为该单位报送进展。")
    if not text.strip():
        raise ValidationError({"text": "请填写进展情况。"})
    from django.conf import settings
    from django.core.files.base import ContentFile

    from gongkai.rules.uploads import UploadError, check_upload

    max_bytes = int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024
    checked = []
    for name, data in files:
        try:
            checked.append((name, data, check_upload(name, data, max_bytes=max_bytes)))
        except UploadError as exc:
            raise ValidationError({"files": f"{name}：{exc.message}"}) from exc
    now = submitted_at or timezone.now()
    with transaction.atomic():
        before = report.state if report else ""
        if report is None:
            report = ProgressReport(task=task, organisation=organisation, period=period)
        report.text = text.strip()
        report.state = "submitted"
        report.submitted_at = now
        report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        report.save()
        for name, data, _ in checked:
            att = ReportAttachment(report=report, name=name[:200], size=len(data))
            att.file.save(name, ContentFile(data), save=True)
        record(
            report,
            "submit",
            actor=actor,
            from_state=before,
            to_state="submitted",
            reason="报送进展",
        )
        if instance is not None:
            f = Fulfilment.objects.create(
                instance=instance, source="report", report=report, fulfilled_at=now
            )
            record(f, "create", actor=actor, reason="以进展报告认定完成")
            _set_fulfilled(instance)
    return report


# -- jobs ------------------------------------------------------------------------------------------------
