"""Review and publication: the privacy guard, approval, publishing, withdrawal."""

from __future__ import annotations

import datetime as dt

from gongkai.audit.models import AuditEntry
from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Forbidden, Invalid
from gongkai.core.serials import next_serial
from gongkai.rules import catalog_rules, dates, privacy

from .. import signals
from ..guard import guard_text
from ..models import (
    Item,
    ItemRevision,
)
from .common import NO_REVIEW, SELF_APPROVAL, snapshot, user_of

# --------------------------------------------------------------------------- review


def guard_findings(item: Item, revision: ItemRevision | None = None) -> list[dict]:
    """What the personal-data guard finds in ``item`` (or its open ``revision``):
    dicts with where, kind label, value, masked, before, after (context)."""
    out = []
    for where, text in guard_text(item, revision):
        for f in privacy.scan(text):
            before, after = f.context(text)
            out.append(
                {
                    "where": where,
                    "kind": f.kind,
                    "label": f.label,
                    "value": f.value,
                    "masked": f.masked,
                    "before": before,
                    "after": after,
                }
            )
    return out


# Changes that do not write the content of a version: masking by the one-click helper (a
# reviewer may mask and still approve) and validity marks.
_NOT_CONTENT = {"masked", "validity", "validity_changed_on", "replaced_by"}


def content_editors(item: Item, since: dt.datetime | None = None) -> set[int]:
    """Ids of everyone who wrote content of ``item`` (created it, changed it, its attachments,
    or — with ``since`` — its open revision): none of them may approve that version."""
    entries = AuditEntry.objects.for_object(item).filter(
        action__in=["create", "change"], actor__isnull=False
    )
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    ids = {item.author_id} if since is None and item.author_id else set()
    for actor_id, changes in entries.values_list("actor_id", "changes"):
        if not changes or not set(changes) <= _NOT_CONTENT:
            ids.add(actor_id)
    return ids


def wrote_version(actor, item: Item, revision: ItemRevision | None = None) -> bool:
    """Whether ``actor`` wrote content of the version under review (the same rule ``approve``
    and ``approve_revision`` enforce; the review page and queue show it)."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return False
    if revision is not None:
        return pk == revision.author_id or pk in content_editors(item, since=revision.created_at)
    return pk in content_editors(item)


def interpretation_status(item: Item) -> tuple[bool, str]:
    """(ok, explanation) for the rule: a proactive policy document goes out with an approved
    interpretation, or with a reviewer's recorded reason why none is needed."""
    if not item.is_policy or item.attribute != Item.ATTR_PROACTIVE:
        return True, "无需解读（非政策文件或非主动公开）。"
    ready = item.interpretations.filter(
        state__in=[Item.STATE_APPROVED, Item.STATE_PUBLISHED]
    ).exclude(attribute__in=[Item.ATTR_NOT_PUBLIC])
    if ready.exists():
        return True, "已有审核通过的解读：" + "；".join(i.title for i in ready[:3])
    if item.no_interpretation_reason.strip():
        return True, "审核人已说明无需解读：" + item.no_interpretation_reason
    pending = item.interpretations.exclude(state=Item.STATE_WITHDRAWN)
    if pending.exists():
        return False, "解读尚未审核通过：" + "；".join(
            f"{i.title}（{i.get_state_display()}）" for i in pending[:3]
        )
    return False, "政策文件须与审核通过的解读同步发布，或由审核人说明无需解读的理由。"


def approve(
    item: Item,
    *,
    actor,
    publish_at: dt.datetime | None = None,
    privacy_override_reason: str = "",
    no_interpretation_reason: str = "",
) -> Item:
    """submitted → approved → published (now, or at ``publish_at``).

    Blocks when the approver is the author, when the privacy guard finds unmasked personal data
    (unless ``privacy_override_reason`` is given), and when a proactive policy document has no
    approved interpretation (unless ``no_interpretation_reason`` is given). An approved
    interpretation whose policy is not yet public waits and is published with the policy.
    """
    with change(actor, "review", item.organisation, denied=NO_REVIEW) as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != Item.STATE_SUBMITTED:
            raise Invalid("只有待审核的信息可以审核通过。")
        if getattr(actor, "pk", None) in content_editors(item):
            raise Forbidden(SELF_APPROVAL)
        findings = guard_findings(item)
        override = (privacy_override_reason or "").strip()
        if findings and not override:
            raise Invalid(
                errors={
                    "privacy_override_reason": f"隐私检查发现 {len(findings)} 处未遮盖的个人信息，"
                    "请先一键遮盖，或填写放行理由。"
                }
            )
        no_interp = (no_interpretation_reason or "").strip()
        if no_interp:
            item.no_interpretation_reason = no_interp
        ok, why = interpretation_status(item)
        if not ok:
            raise Invalid(errors={"no_interpretation_reason": why})
        now = dates.now()
        item.state = Item.STATE_APPROVED
        item.approved_by = user_of(actor)
        item.approved_at = now
        item.privacy_override_reason = override if findings else ""
        item.scheduled_at = publish_at if publish_at and publish_at > now else None
        item.save()
        ch.audit(
            item,
            "transition",
            from_state="submitted",
            to_state="approved",
            reason=" ".join(
                x
                for x in [
                    f"隐私检查放行：{override}" if findings else "",
                    f"无需解读：{no_interp}" if no_interp else "",
                ]
                if x
            ),
            changes={"privacy_findings": len(findings), "scheduled_at": item.scheduled_at},
        )
        if item.scheduled_at is None and _may_publish_now(item):
            _publish(ch, item)
        return item


def _may_publish_now(item: Item) -> bool:
    """An interpretation waits for its policy: it is published together with it."""
    if item.kind != "interpretation":
        return True
    policies = list(item.interprets.all())
    return not policies or any(p.state == Item.STATE_PUBLISHED for p in policies)


def _next_index_no(organisation, year: int) -> str:
    """Take the next serial of (organisation, year); the counter row is locked until commit."""
    serial = next_serial("index_no", organisation, year)
    return catalog_rules.format_index_no(organisation.code, year, serial)


def _publish(ch, item: Item, *, published_at: dt.datetime | None = None) -> None:
    """approved → published, inside the caller's transaction."""
    when = published_at or dates.now()
    first = item.index_no is None
    if first:
        item.index_no = _next_index_no(item.organisation, dates.local(when).year)
        item.published_at = when
    item.state = Item.STATE_PUBLISHED
    item.scheduled_at = None
    item.save()
    ItemRevision.objects.create(
        item=item,
        number=item.version,
        state="published",
        data=snapshot(item),
        author=item.author,
        approved_by=item.approved_by,
        privacy_override_reason=item.privacy_override_reason,
        decided_at=when,
    )
    ch.audit(
        item,
        "transition",
        from_state="approved",
        to_state="published",
        changes={"index_no": item.index_no, "published_at": item.published_at},
    )
    ch.send(signals.item_published, sender=Item, item=item)
    # Interpretations approved and waiting for this policy go out with it.
    if item.kind != "interpretation":
        for waiting in item.interpretations.filter(
            state=Item.STATE_APPROVED, scheduled_at__isnull=True
        ):
            _publish(ch, waiting, published_at=published_at)


def publish_due(now: dt.datetime | None = None) -> str:
    """Scheduled job: publish approved items whose scheduled time has come."""
    now = now or dates.now()
    count = 0
    with change(SYSTEM("catalog publish_due")) as ch:
        for item in Item.objects.select_for_update().filter(
            state=Item.STATE_APPROVED, scheduled_at__lte=now
        ):
            item.refresh_from_db()
            if item.state != Item.STATE_APPROVED:  # published with its policy in this run
                continue
            item.scheduled_at = None
            if _may_publish_now(item):
                _publish(ch, item)
                count += 1
            else:
                item.save(update_fields=["scheduled_at"])
    return f"{count} scheduled item(s) published"


def withdraw(item: Item, *, actor, reason: str) -> Item:
    """published → withdrawn (撤回), with a reason. The index number is kept, never reused."""
    with change(actor, "review", item.organisation, denied="您没有撤回该信息的权限。") as ch:
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != Item.STATE_PUBLISHED:
            raise Invalid("只有已发布的信息可以撤回。")
        if not (reason or "").strip():
            raise Invalid(errors={"reason": "撤回时必须填写理由。"})
        was_public = item.is_public
        item.state = Item.STATE_WITHDRAWN
        item.withdrawn_reason = reason.strip()
        item.withdrawn_at = dates.now()
        item.save()
        ch.audit(item, "transition", from_state="published", to_state="withdrawn", reason=reason)
        if was_public:
            ch.send(signals.item_unpublished, sender=Item, item=item)
        return item
