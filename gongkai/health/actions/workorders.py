"""Work orders (整改工单): a finding assigned to a person with a due date in working days,
re-checked automatically (closed when the finding is gone)."""

from __future__ import annotations

from gongkai.accounts.permissions import may
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import dates
from gongkai.workcal.services import add_workdays

from ..models import WorkOrder

NO_FINDING = "该问题在最新检查中已不存在，无需派发。"
BAD_DAYS = "整改期限应为1至60个工作日。"
NOT_EDITOR = "整改人须在该机构具有编辑权限。"
ALREADY = "该问题已有整改中的工单。"


def assign(actor, org, finding: dict, *, assignee, workdays: int, note: str = "") -> WorkOrder:
    """Assign one finding (a dict of the latest check: rule, object, detail, url, key)."""
    with change(actor, "review", org) as ch:
        if not finding or not finding.get("key"):
            raise Invalid(NO_FINDING)
        if not isinstance(workdays, int) or not 1 <= workdays <= 60:
            raise Invalid(BAD_DAYS, errors={"workdays": BAD_DAYS})
        if assignee is None or not may(assignee, "edit", org):
            raise Invalid(NOT_EDITOR, errors={"assignee": NOT_EDITOR})
        if WorkOrder.objects.filter(
            organisation=org, key=finding["key"], state=WorkOrder.STATE_OPEN
        ).exists():
            raise Invalid(ALREADY)
        due = add_workdays(dates.today(), workdays)
        order = WorkOrder.objects.create(
            organisation=org,
            key=finding["key"],
            rule=finding["rule"],
            object=finding["object"][:300],
            detail=finding.get("detail", ""),
            fix_url=finding.get("url", "")[:300],
            assignee=assignee,
            due_on=due.date,
            due_provisional=due.provisional,
            note=note,
        )
        ch.audit(order, "create", to_state=WorkOrder.STATE_OPEN, reason=note,
                 changes={"due_on": due.date, "assignee": assignee.get_username()})  # fmt: skip
        ch.notify(
            "health.work_order",
            to=[assignee],
            subject=f"网站健康整改：{order.object}（{dates.zh_date(due.date)}前）",
            body=order.detail,
            url=order.fix_url,
        )
    return order


def recheck_work_orders(actor, org_results) -> int:
    """Close every open work order whose finding is no longer in the fresh results."""
    closed = 0
    for r in org_results:
        keys = {f.key for f in r.result.findings}
        open_orders = WorkOrder.objects.filter(
            organisation=r.organisation, state=WorkOrder.STATE_OPEN
        )
        for order in open_orders:
            if order.key in keys:
                continue
            with change(actor, "view_internal", r.organisation) as ch:
                order.state = WorkOrder.STATE_FIXED
                order.closed_at = dates.now()
                order.save(update_fields=["state", "closed_at"])
                ch.audit(order, "transition", from_state=WorkOrder.STATE_OPEN,
                         to_state=WorkOrder.STATE_FIXED, reason="复查：问题已消除")  # fmt: skip
                ch.notify("health.work_order_fixed", to=[order.assignee],
                          subject=f"整改已通过复查：{order.object}")  # fmt: skip
            closed += 1
    return closed
