"""Progress reports of obligations."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.core.files import accept, store
from gongkai.orgs.models import Organisation
from gongkai.rules import dates

from ..models import (
    Fulfilment,
    ObligationInstance,
    ProgressReport,
    ReportAttachment,
    Task,
)
from .common import user_of
from .obligations import _set_fulfilled


def submit_report(
    task: Task,
    *,
    organisation: Organisation,
    text: str,
    actor,
    files: list[tuple[str, bytes]] = (),
    instance: ObligationInstance | None = None,
    report: ProgressReport | None = None,
    period: str = "",
    submitted_at: dt.datetime | None = None,
) -> ProgressReport:
    """A lead unit reports progress (text and attachments); it may fulfil one instance."""
    with change(actor, "edit", organisation, denied="您没有权限为该单位报送进展。") as ch:
        if not text.strip():
            raise Invalid(errors={"text": "请填写进展情况。"})
        checked = accept(files, field="files")
        now = submitted_at or dates.now()
        before = report.state if report else ""
        if report is None:
            report = ProgressReport(task=task, organisation=organisation, period=period)
        report.text = text.strip()
        report.state = "submitted"
        report.submitted_at = now
        report.submitted_by = user_of(actor)
        report.save()
        for upload in checked:
            store(ReportAttachment, upload, report=report)
        ch.audit(
            report,
            "submit",
            from_state=before,
            to_state="submitted",
            reason="报送进展",
        )
        if instance is not None:
            f = Fulfilment.objects.create(
                instance=instance, source="report", report=report, fulfilled_at=now
            )
            ch.audit(f, "create", reason="以进展报告认定完成")
            _set_fulfilled(ch, instance)
        return report


# -- jobs ------------------------------------------------------------------------------------------------
