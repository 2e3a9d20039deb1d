"""Review, approval and publication through the catalog's own workflow; new versions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core.actions import change
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules.annualreport.checks import CHECK_LABELS

from .. import services
from ..models import AnnualReport, ReportVersion
from .drafting import _compute, _run_checks

E_SUBMIT = "只有起草中的报告可以提交审核。"
E_REVIEW = "只有待审核的报告可以审核。"
E_PUBLISH = "只有审核通过的报告可以发布。"
E_REVISE = "只有已发布的报告可以修改并发布新版本。"
E_SELF = "起草或提交人不能审核自己的报告。"
E_REASON = "核对未通过：{names}。如确需通过，请填写理由。"
E_NOTE = "已发布的报告修改后须填写公开的修改说明。"
E_COLUMN = "该机构的公开目录中没有“政府信息公开年报”栏目，无法发布。"
E_RETURN = "退回时请说明理由。"


def _user(actor):
    """The user row to store (None for the SYSTEM actor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _catalog(fn, **kw):
    """Call a catalog action, turning its errors into ours (nothing is kept on failure)."""
    try:
        return fn(**kw)
    except (Invalid, Forbidden):
        raise
    except ValidationError as exc:
        msgs = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
        raise Invalid(errors={k: "；".join(v) for k, v in msgs.items()}) from exc
    except PermissionDenied as exc:
        raise Forbidden(str(exc) or "您没有该操作的权限。") from exc


def _entry(org):
    from gongkai.catalog.models import CatalogEntry

    entry = (
        CatalogEntry.objects.filter(organisation=org, section="annual_report", is_active=True)
        .order_by("sort_order", "id")
        .first()
    )
    if entry is None:
        raise Invalid(E_COLUMN)
    return entry


def _body(report) -> str:
    from ..render import body_html

    return body_html(report.title, report.year, report.figures, report.texts())


def submit(actor, report: AnnualReport) -> AnnualReport:
    """draft → review: fresh checks; the catalog item is drafted and submitted with it."""
    from gongkai.catalog import actions as catalog

    with change(actor, "edit", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_DRAFT:
            raise Invalid(E_SUBMIT)
        if report.version > 1 and not report.change_note.strip():
            raise Invalid(errors={"change_note": E_NOTE})
        _compute(report)
        _run_checks(report)
        fields = {"title": report.title, "body": _body(report)}
        if report.item is None:
            item = _catalog(
                catalog.create_item,
                organisation=report.organisation,
                actor=actor,
                entries=[_entry(report.organisation).pk],
                kind="document",
                genre="报告",
                **fields,
            )
            _catalog(catalog.submit, item=item, actor=actor)
            report.item = item
        elif report.item.state == "draft":
            _catalog(catalog.update_item, item=report.item, actor=actor, **fields)
            _catalog(catalog.submit, item=report.item, actor=actor)
        else:  # a new version of the published item
            rev = _catalog(
                catalog.start_revision, item=report.item, actor=actor, note=report.change_note
            )
            rev = _catalog(
                catalog.update_revision,
                revision=rev,
                actor=actor,
                note=report.change_note,
                **fields,
            )
            _catalog(catalog.submit_revision, revision=rev, actor=actor)
        report.state = AnnualReport.STATE_REVIEW
        report.submitted_by = _user(actor)
        report.override_reason = ""
        report.save()
        failing = [c["label"] for c in report.checks if not c["ok"] and c["level"] == "error"]
        ch.audit(
            report,
            "transition",
            from_state="draft",
            to_state="review",
            changes={"failing_checks": failing, "version": report.version},
        )
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "annualreport.submitted",
            to=users_with("review", report.organisation),
            subject=f"待审核：{report.title}",
            body="核对未通过：" + "、".join(failing) if failing else "各项核对均已通过。",
            url=f"/staff/annual-reports/{report.pk}/",
        )
    return report


def return_to_draft(actor, report: AnnualReport, *, reason: str) -> AnnualReport:
    from gongkai.catalog import actions as catalog

    with change(actor, "review", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state not in (AnnualReport.STATE_REVIEW, AnnualReport.STATE_APPROVED):
            raise Invalid(E_REVIEW)
        if not (reason or "").strip():
            raise Invalid(errors={"reason": E_RETURN})
        if report.item.state == "submitted":
            _catalog(catalog.return_to_draft, item=report.item, actor=actor, reason=reason)
        else:
            rev = catalog.open_revision(report.item)
            if rev is not None and rev.state == "submitted":
                _catalog(catalog.reject_revision, revision=rev, actor=actor, reason=reason)
        before = report.state
        report.state = AnnualReport.STATE_DRAFT
        report.save(update_fields=["state"])
        ch.audit(report, "transition", from_state=before, to_state="draft", reason=reason)
        if report.submitted_by:
            ch.notify(
                "annualreport.returned",
                to=[report.submitted_by],
                subject=f"退回修改：{report.title}",
                body=reason,
                url=f"/staff/annual-reports/{report.pk}/",
            )
    return report


def approve(actor, report: AnnualReport, *, override_reason: str = "") -> AnnualReport:
    """review → approved. A failing check blocks unless ``override_reason`` is recorded."""
    with change(actor, "review", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_REVIEW:
            raise Invalid(E_REVIEW)
        if _user(actor) is not None and actor.pk == report.submitted_by_id:
            raise Forbidden(E_SELF)
        _run_checks(report)
        failing = [c for c in report.checks if not c["ok"] and c["level"] == "error"]
        reason = (override_reason or "").strip()
        if failing and not reason:
            names = "、".join(CHECK_LABELS.get(c["name"], c["name"]) for c in failing)
            report.save(update_fields=["checks"])
            raise Invalid(errors={"override_reason": E_REASON.format(names=names)})
        report.state = AnnualReport.STATE_APPROVED
        report.approved_by = _user(actor)
        report.approved_at = timezone.now()
        report.override_reason = reason if failing else ""
        report.save()
        ch.audit(
            report,
            "transition",
            from_state="review",
            to_state="approved",
            reason=report.override_reason,
            changes={"failing_checks": [c["name"] for c in failing]},
        )
    return report


def publish(actor, report: AnnualReport) -> AnnualReport:
    """approved → published: the catalog publishes the item (index number, search, plans)."""
    from gongkai.catalog import actions as catalog

    with change(actor, "review", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_APPROVED:
            raise Invalid(E_PUBLISH)
        item = report.item
        if item.state == "submitted":
            _catalog(catalog.approve, item=item, actor=actor)
        else:
            rev = catalog.open_revision(item)
            if rev is None or rev.state != "submitted":
                raise Invalid(E_PUBLISH)
            _catalog(catalog.approve_revision, revision=rev, actor=actor)
        item.refresh_from_db()
        now = timezone.now()
        ReportVersion.objects.create(
            report=report,
            number=report.version,
            figures=report.figures,
            texts=report.texts(),
            checks=report.checks,
            override_reason=report.override_reason,
            change_note=report.change_note if report.version > 1 else "",
            published_at=now,
            published_by=_user(actor),
        )
        report.state = AnnualReport.STATE_PUBLISHED
        if report.published_at is None:
            report.published_at = now
        report.save()
        ch.audit(
            report,
            "transition",
            from_state="approved",
            to_state="published",
            changes={"version": report.version, "index_no": item.index_no},
        )
    return report


def revise(actor, report: AnnualReport) -> AnnualReport:
    """published → draft of the next version (the published one stays public meanwhile)."""
    with change(actor, "edit", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_PUBLISHED:
            raise Invalid(E_REVISE)
        report.version += 1
        report.state = AnnualReport.STATE_DRAFT
        report.change_note = ""
        report.save(update_fields=["version", "state", "change_note"])
        ch.audit(
            report,
            "transition",
            from_state="published",
            to_state="draft",
            reason=f"开始修改第{report.version}版",
        )
    return report


def deadline_for(report) -> str:
    return services.deadline(report.organisation, report.year, report.kind).isoformat()


E_IMPORT = "只有系统导入可以登记平台外已发布的报告，且报告须为尚未提交的第1版。"


def import_published(actor, report: AnnualReport, *, published_at, reason: str) -> AnnualReport:
    """Record a report already published before gongkai took over (or on the old site) with its
    real publication date: SYSTEM only (imports, the demo), first version, through the
    catalog's loader so the item still gets its index number and version."""
    from gongkai.catalog import actions as catalog
    from gongkai.core.actors import is_system

    if not is_system(actor):
        raise Forbidden(E_IMPORT)
    with change(actor, "edit", report.organisation) as ch:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state != AnnualReport.STATE_DRAFT or report.version != 1 or report.item_id:
            raise Invalid(E_IMPORT)
        _compute(report)
        _run_checks(report)
        report.item = _catalog(
            catalog.publish_item_now,
            organisation=report.organisation,
            title=report.title,
            body=_body(report),
            entries=[_entry(report.organisation)],
            actor=actor,
            published_at=published_at,
            genre="报告",
            reason=reason,
        )
        ReportVersion.objects.create(
            report=report,
            number=1,
            figures=report.figures,
            texts=report.texts(),
            checks=report.checks,
            published_at=published_at,
        )
        report.state = AnnualReport.STATE_PUBLISHED
        report.published_at = published_at
        report.save()
        ch.audit(
            report,
            "transition",
            from_state="draft",
            to_state="published",
            reason=reason,
            changes={"published_at": str(published_at), "index_no": report.item.index_no},
        )
    return report
