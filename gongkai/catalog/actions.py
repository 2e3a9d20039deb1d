"""Every change to the catalog: one function per state change, each writing, auditing and
notifying in one transaction (docs/catalog.md, "Workflow").

Views, the management command and other apps' demo loaders call only these functions. They
raise ``django.core.exceptions.ValidationError`` (a dict ``{field: zh-hans message}``) for bad
input and ``PermissionDenied`` when the actor may not act; nothing is saved in either case.

Signals (``gongkai.catalog.signals``) are sent with ``transaction.on_commit``:
``item_published`` on first publication and on every approved new version, ``item_unpublished``
on withdrawal, ``item_changed`` when validity or anything else changes on a public item.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import can
from gongkai.audit.actions import record
from gongkai.core.serials import next_serial
from gongkai.rules import catalog_rules, docnumber, privacy
from gongkai.rules.sanitize import html_to_text, sanitize_html
from gongkai.rules.uploads import UploadError, check_upload

from . import signals
from .models import (
    Attachment,
    CatalogEntry,
    Item,
    ItemRevision,
    RevisionAttachment,
)

log = logging.getLogger(__name__)

# Fields an editor sets (plain values); the many-to-many ones are lists of ids.
SCALAR_FIELDS = [
    "title",
    "kind",
    "doc_number",
    "signed_on",
    "theme",
    "genre",
    "keywords",
    "five_category",
    "attribute",
    "attribute_reason",
    "attribute_note",
    "body",
    "effective_on",
    "expires_on",
    "interpretation_form",
    "video_url",
]
DATE_FIELDS = {"signed_on", "effective_on", "expires_on"}
M2M_FIELDS = ["entries", "issuers", "interprets"]
FIELD_LABELS = {
    "title": "标题",
    "kind": "信息类别",
    "doc_number": "发文字号",
    "signed_on": "成文日期",
    "theme": "主题分类",
    "genre": "体裁",
    "keywords": "主题词",
    "five_category": "五公开类别",
    "attribute": "公开属性",
    "attribute_reason": "理由",
    "attribute_note": "理由说明",
    "effective_on": "施行日期",
    "expires_on": "失效日期",
    "interpretation_form": "解读形式",
    "video_url": "视频链接",
    "entries": "所属栏目",
    "issuers": "发文机关",
    "interprets": "所解读的政策",
}


# --------------------------------------------------------------------------- helpers


def _require(actor, ability: str, org, message: str) -> None:
    if not can(actor, ability, org):
        raise PermissionDenied(message)


def _notify(signal, item: Item) -> None:
    transaction.on_commit(lambda: signal.send(sender=Item, item=item))


def _max_upload_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def _as_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return "bad"


def _ids(values) -> list[int]:
    out = []
    for v in values or []:
        out.append(v.pk if hasattr(v, "pk") else int(v))
    return list(dict.fromkeys(out))


def snapshot(item: Item) -> dict:
    """The editable content of ``item`` as plain data (what a revision holds)."""
    data = {}
    for name in SCALAR_FIELDS:
        value = getattr(item, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else (value or "")
    if item.pk:
        data["entries"] = sorted(item.entries.values_list("pk", flat=True))
        data["issuers"] = sorted(item.issuers.values_list("pk", flat=True))
        data["interprets"] = sorted(item.interprets.values_list("pk", flat=True))
    else:
        data.update(entries=[], issuers=[], interprets=[])
    return data


def clean_fields(organisation, data: dict, *, partial_of: dict | None = None) -> dict:
    """Validate and normalise item fields; raises ValidationError({field: message}).

    ``data`` may hold any of SCALAR_FIELDS and M2M_FIELDS (ids or objects). With ``partial_of``
    the missing fields are taken from it (the current content).
    """
    merged = dict(partial_of or {})
    merged.update({k: v for k, v in data.items() if k in SCALAR_FIELDS or k in M2M_FIELDS})
    errors: dict[str, str] = {}
    out: dict = {}
    for name in SCALAR_FIELDS:
        value = merged.get(name, "")
        if name in DATE_FIELDS:
            value = _as_date(value)
            if value == "bad":
                errors[name] = "日期格式不正确，应为 YYYY-MM-DD。"
                continue
        elif value is None:
            value = ""
        elif isinstance(value, str) and name != "body":
            value = value.strip()
        out[name] = value
    if not out["title"]:
        errors["title"] = "请填写标题。"
    elif len(out["title"]) > 300:
        errors["title"] = "标题不能超过300个字。"
    out["kind"] = out["kind"] or "document"
    if out["kind"] not in dict(Item.KIND_CHOICES):
        errors["kind"] = "信息类别无效。"
    if out["doc_number"]:
        try:
            out["doc_number"] = docnumber.normalise(out["doc_number"])
        except docnumber.DocNumberError as exc:
            errors["doc_number"] = exc.message
    out["attribute"] = out["attribute"] or Item.ATTR_PROACTIVE
    if out["attribute"] not in dict(Item.ATTRIBUTE_CHOICES):
        errors["attribute"] = "公开属性无效。"
    else:
        if out["attribute"] == Item.ATTR_PROACTIVE:
            out["attribute_reason"] = ""
        problem = catalog_rules.attribute_problem(out["attribute"], out["attribute_reason"])
        if problem:
            errors["attribute_reason"] = problem
    if out["five_category"] and out["five_category"] not in dict(Item.FIVE_CHOICES):
        errors["five_category"] = "五公开类别无效。"
    if out["effective_on"] and out["expires_on"] and out["expires_on"] < out["effective_on"]:
        errors["expires_on"] = "失效日期不能早于施行日期。"
    if out["kind"] == "interpretation":
        if out["interpretation_form"] not in dict(Item.INTERPRETATION_FORMS):
            errors["interpretation_form"] = "请选择解读形式。"
        elif out["interpretation_form"] == "video" and not out["video_url"]:
            errors["video_url"] = "视频解读须填写视频链接。"
    else:
        out["interpretation_form"] = ""
    out["body"] = sanitize_html(out["body"] or "")
    for name in M2M_FIELDS:
        out[name] = _ids(merged.get(name))
    if out["entries"]:
        found = set(
            CatalogEntry.objects.filter(
                pk__in=out["entries"], organisation=organisation
            ).values_list("pk", flat=True)
        )
        if found != set(out["entries"]):
            errors["entries"] = "所选栏目不属于本机构。"
    if out["kind"] != "interpretation":
        out["interprets"] = []
    elif out["interprets"]:
        policies = Item.objects.filter(pk__in=out["interprets"])
        if policies.count() != len(out["interprets"]) or any(
            p.kind == "interpretation" for p in policies
        ):
            errors["interprets"] = "解读只能关联政策文件。"
    if errors:
        raise ValidationError(errors)
    return out


def _apply(item: Item, data: dict) -> None:
    for name in SCALAR_FIELDS:
        setattr(item, name, data[name])


def _set_m2m(item: Item, data: dict) -> None:
    item.entries.set(data["entries"])
    item.issuers.set(data["issuers"])
    item.interprets.set(data["interprets"])


def _plain(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


# --------------------------------------------------------------------------- drafting


@transaction.atomic
def create_item(*, organisation, actor, **fields) -> Item:
    """A new draft of ``organisation`` written by ``actor`` (who needs the edit ability)."""
    _require(actor, "edit", organisation, "您没有在该机构起草信息的权限。")
    data = clean_fields(organisation, fields)
    item = Item(organisation=organisation, author=actor, state=Item.STATE_DRAFT)
    _apply(item, data)
    item.save()
    _set_m2m(item, data)
    record(item, "create", actor=actor, changes={"content": _short(data)}, to_state="draft")
    return item


def _short(data: dict) -> dict:
    shown = {k: v for k, v in _plain(data).items() if k != "body"}
    shown["body"] = f"{len(html_to_text(data.get('body', '')))} 字"
    return shown


@transaction.atomic
def update_item(item: Item, *, actor, **fields) -> Item:
    """Change a draft. A published item is not changed here: use ``start_revision``."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有编辑该信息的权限。")
    if item.state != Item.STATE_DRAFT:
        raise ValidationError({"__all__": "只有草稿可以直接修改；已发布的信息请创建修改版本。"})
    before = snapshot(item)
    data = clean_fields(item.organisation, fields, partial_of=before)
    _apply(item, data)
    item.save()
    _set_m2m(item, data)
    changes = _diff(before, snapshot(item))
    if changes:
        record(item, "change", actor=actor, changes=changes)
    return item


def _diff(before: dict, after: dict) -> dict:
    out = {}
    for k in FIELD_LABELS.keys() | {"body"}:
        if before.get(k) != after.get(k):
            out[k] = ["（正文已修改）", ""] if k == "body" else [before.get(k), after.get(k)]
    return out


def _submit_problems(item: Item, data: dict) -> dict:
    errors = {}
    if not data["entries"]:
        errors["entries"] = "请至少选择一个所属栏目。"
    if data["kind"] == "interpretation" and not data["interprets"]:
        errors["interprets"] = "解读须关联所解读的政策文件。"
    return errors


@transaction.atomic
def submit(item: Item, *, actor) -> Item:
    """draft → submitted (for review)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有提交该信息的权限。")
    if item.state != Item.STATE_DRAFT:
        raise ValidationError({"__all__": "只有草稿可以提交审核。"})
    data = clean_fields(item.organisation, {}, partial_of=snapshot(item))
    errors = _submit_problems(item, data)
    if errors:
        raise ValidationError(errors)
    item.state = Item.STATE_SUBMITTED
    item.submitted_at = timezone.now()
    item.save(update_fields=["state", "submitted_at", "updated_at"])
    record(item, "transition", actor=actor, from_state="draft", to_state="submitted")
    return item


@transaction.atomic
def return_to_draft(item: Item, *, actor, reason: str) -> Item:
    """submitted/approved → draft: the reviewer sends it back (or the author recalls it)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    is_author = actor is not None and item.author_id == actor.pk
    if not (can(actor, "review", item.organisation) or is_author):
        raise PermissionDenied("您没有退回该信息的权限。")
    if item.state not in (Item.STATE_SUBMITTED, Item.STATE_APPROVED):
        raise ValidationError({"__all__": "只有待审核或待发布的信息可以退回。"})
    if not (reason or "").strip() and not is_author:
        raise ValidationError({"reason": "退回时请说明理由。"})
    old = item.state
    item.state = Item.STATE_DRAFT
    item.scheduled_at = None
    item.approved_by = None
    item.save(update_fields=["state", "scheduled_at", "approved_by", "updated_at"])
    record(item, "transition", actor=actor, from_state=old, to_state="draft", reason=reason)
    return item


# --------------------------------------------------------------------------- review


def guard_findings(item: Item, revision: ItemRevision | None = None) -> list[dict]:
    """What the personal-data guard finds in ``item`` (or its open ``revision``):
    dicts with where, kind label, value, masked, before, after (context)."""
    from .services import guard_text

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


@transaction.atomic
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
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "review", item.organisation, "您没有审核该信息的权限。")
    if item.state != Item.STATE_SUBMITTED:
        raise ValidationError({"__all__": "只有待审核的信息可以审核通过。"})
    if item.author_id is not None and actor is not None and item.author_id == actor.pk:
        raise PermissionDenied("起草人不能审核自己起草的信息。")
    findings = guard_findings(item)
    override = (privacy_override_reason or "").strip()
    if findings and not override:
        raise ValidationError(
            {
                "privacy_override_reason": f"隐私检查发现 {len(findings)} 处未遮盖的个人信息，"
                "请先一键遮盖，或填写放行理由。"
            }
        )
    no_interp = (no_interpretation_reason or "").strip()
    if no_interp:
        item.no_interpretation_reason = no_interp
    ok, why = interpretation_status(item)
    if not ok:
        raise ValidationError({"no_interpretation_reason": why})
    now = timezone.now()
    item.state = Item.STATE_APPROVED
    item.approved_by = actor
    item.approved_at = now
    item.privacy_override_reason = override if findings else ""
    item.scheduled_at = publish_at if publish_at and publish_at > now else None
    item.save()
    record(
        item,
        "transition",
        actor=actor,
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
        _publish(item, actor=actor)
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


def _publish(item: Item, *, actor, published_at: dt.datetime | None = None) -> None:
    """approved → published, inside the caller's transaction."""
    when = published_at or timezone.now()
    first = item.index_no is None
    if first:
        item.index_no = _next_index_no(item.organisation, timezone.localtime(when).year)
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
    record(
        item,
        "transition",
        actor=actor,
        from_state="approved",
        to_state="published",
        changes={"index_no": item.index_no, "published_at": item.published_at},
    )
    _notify(signals.item_published, item)
    # Interpretations approved and waiting for this policy go out with it.
    if item.kind != "interpretation":
        for waiting in item.interpretations.filter(
            state=Item.STATE_APPROVED, scheduled_at__isnull=True
        ):
            _publish(waiting, actor=actor, published_at=published_at)


@transaction.atomic
def publish_due(now: dt.datetime | None = None) -> str:
    """Scheduled job: publish approved items whose scheduled time has come."""
    now = now or timezone.now()
    count = 0
    for item in Item.objects.select_for_update().filter(
        state=Item.STATE_APPROVED, scheduled_at__lte=now
    ):
        item.refresh_from_db()
        if item.state != Item.STATE_APPROVED:  # published with its policy in this run
            continue
        item.scheduled_at = None
        if _may_publish_now(item):
            _publish(item, actor=None)
            count += 1
        else:
            item.save(update_fields=["scheduled_at"])
    return f"{count} scheduled item(s) published"


@transaction.atomic
def withdraw(item: Item, *, actor, reason: str) -> Item:
    """published → withdrawn (撤回), with a reason. The index number is kept, never reused."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "review", item.organisation, "您没有撤回该信息的权限。")
    if item.state != Item.STATE_PUBLISHED:
        raise ValidationError({"__all__": "只有已发布的信息可以撤回。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "撤回时必须填写理由。"})
    was_public = item.is_public
    item.state = Item.STATE_WITHDRAWN
    item.withdrawn_reason = reason.strip()
    item.withdrawn_at = timezone.now()
    item.save()
    record(
        item, "transition", actor=actor, from_state="published", to_state="withdrawn", reason=reason
    )
    if was_public:
        _notify(signals.item_unpublished, item)
    return item


# --------------------------------------------------------------------------- validity

VALIDITY_LABELS = dict(Item.VALIDITY_CHOICES)


@transaction.atomic
def set_validity(
    item: Item,
    *,
    actor,
    validity: str,
    changed_on: dt.date | None = None,
    replaced_by: Item | None = None,
    note: str = "",
    expires_on: dt.date | None | str = "keep",
) -> Item:
    """Mark an item 有效 / 失效 / 废止 / 已修改, with the date and the item that replaces it."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有修改该信息有效性的权限。")
    if validity not in VALIDITY_LABELS:
        raise ValidationError({"validity": "有效性无效。"})
    if replaced_by is not None:
        if replaced_by.pk == item.pk:
            raise ValidationError({"replaced_by": "不能由自身替代。"})
        if validity not in ("repealed", "amended", "expired"):
            raise ValidationError({"replaced_by": "只有失效、废止或已修改的信息才能指定替代文件。"})
    if validity == "amended" and replaced_by is None:
        raise ValidationError({"replaced_by": "“已修改”须指定修改后的文件。"})
    before = {
        "validity": item.validity,
        "validity_changed_on": item.validity_changed_on,
        "replaced_by": item.replaced_by_id,
        "expires_on": item.expires_on,
    }
    item.validity = validity
    item.validity_changed_on = None if validity == "valid" else (changed_on or timezone.localdate())
    item.replaced_by = replaced_by if validity != "valid" else None
    item.validity_note = (note or "").strip()[:300]
    if expires_on != "keep":
        item.expires_on = _as_date(expires_on)
    item.save()
    after = {
        "validity": item.validity,
        "validity_changed_on": item.validity_changed_on,
        "replaced_by": item.replaced_by_id,
        "expires_on": item.expires_on,
    }
    record(
        item,
        "change",
        actor=actor,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        reason=note,
    )
    if item.is_public:
        _notify(signals.item_changed, item)
    return item


@transaction.atomic
def expire_due(now: dt.datetime | None = None) -> str:
    """Scheduled job: items whose expiry date has come become 失效 on that day."""
    today = timezone.localdate(now) if now else timezone.localdate()
    count = 0
    for item in Item.objects.select_for_update().filter(validity="valid", expires_on__lte=today):
        item.validity = "expired"
        item.validity_changed_on = item.expires_on
        item.save(update_fields=["validity", "validity_changed_on", "updated_at"])
        record(
            item,
            "change",
            changes={"validity": ["valid", "expired"]},
            reason=f"失效日期 {item.expires_on.isoformat()} 已到，自动标记为失效",
        )
        if item.is_public:
            _notify(signals.item_changed, item)
        count += 1
    return f"{count} item(s) expired"


# --------------------------------------------------------------------------- attachments


def _checked(name: str, data: bytes):
    try:
        return check_upload(name, data, max_bytes=_max_upload_bytes())
    except UploadError as exc:
        raise ValidationError({"file": exc.message}) from exc


@transaction.atomic
def add_attachment(item: Item, *, actor, name: str, data: bytes):
    """Attach a file to a draft (or, for a published item, to its open revision).

    The type is checked from the content, the size against GONGKAI_MAX_UPLOAD_MB, and the text
    is extracted for search and the privacy guard. A refused file leaves nothing behind.
    """
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有为该信息上传附件的权限。")
    checked = _checked(name, data)
    if item.state == Item.STATE_DRAFT:
        att = Attachment(
            item=item,
            name=name[:200],
            content_type=checked.content_type,
            size=checked.size,
            text=checked.text,
            sort_order=item.attachments.count(),
        )
        _store(att, name, data)
        record(item, "change", actor=actor, changes={"attachments": ["", f"添加 {name}"]})
        return att
    revision = open_revision(item)
    if revision is None or revision.state != "draft":
        raise ValidationError(
            {"file": "只有草稿或修改草稿可以上传附件；已发布的信息请先创建修改版本。"}
        )
    att = RevisionAttachment(
        revision=revision,
        name=name[:200],
        content_type=checked.content_type,
        size=checked.size,
        text=checked.text,
    )
    _store(att, name, data)
    record(
        item,
        "change",
        actor=actor,
        changes={"attachments": ["", f"第{revision.number}版添加 {name}"]},
    )
    return att


def _store(att, name: str, data: bytes) -> None:
    """Write the file, then the row; if the row cannot be written the file is removed again."""
    att.file.save(name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            att.save()
    except Exception:
        att.file.storage.delete(att.file.name)
        raise


@transaction.atomic
def remove_attachment(item: Item, attachment_id: int, *, actor) -> None:
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有删除该附件的权限。")
    if item.state == Item.STATE_DRAFT:
        att = item.attachments.get(pk=attachment_id)
        name, stored, storage = att.name, att.file.name, att.file.storage
        att.delete()
        record(item, "change", actor=actor, changes={"attachments": [name, "已删除"]})
        transaction.on_commit(lambda: storage.delete(stored))
        return
    revision = open_revision(item)
    if revision is None or revision.state != "draft":
        raise ValidationError({"__all__": "已发布的信息请先创建修改版本再删除附件。"})
    pending = revision.new_files.filter(pk=attachment_id).first()
    if pending is not None:
        pending.delete()
        return
    att = item.attachments.get(pk=attachment_id)
    data = dict(revision.data)
    data["remove_attachments"] = sorted({*data.get("remove_attachments", []), att.pk})
    revision.data = data
    revision.save(update_fields=["data"])
    record(
        item,
        "change",
        actor=actor,
        changes={"attachments": [att.name, f"第{revision.number}版中删除"]},
    )


@transaction.atomic
def mask_personal_data(item: Item, *, actor) -> int:
    """The one-click helper: mask every finding in the title, body and maskable attachments
    (xlsx, docx) of a draft/submitted item or of its open revision. Returns how many were masked.
    PDFs and images cannot be rewritten: the guard keeps reporting them until replaced."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not (can(actor, "edit", item.organisation) or can(actor, "review", item.organisation)):
        raise PermissionDenied("您没有修改该信息的权限。")
    count = 0
    revision = open_revision(item) if item.state == Item.STATE_PUBLISHED else None
    if item.state == Item.STATE_PUBLISHED and revision is None:
        raise ValidationError({"__all__": "已发布的信息请先创建修改版本。"})
    if revision is not None:
        data = dict(revision.data)
        data["title"], n1 = privacy.mask_text(data.get("title", ""))
        data["body"], n2 = privacy.mask_text(data.get("body", ""))
        revision.data = data
        revision.save(update_fields=["data"])
        count += n1 + n2
        files = list(revision.new_files.all())
    else:
        if item.state not in (Item.STATE_DRAFT, Item.STATE_SUBMITTED):
            raise ValidationError({"__all__": "该状态的信息不能修改。"})
        item.title, n1 = privacy.mask_text(item.title)
        item.body, n2 = privacy.mask_text(item.body)
        item.save()
        count += n1 + n2
        files = list(item.attachments.all())
    for att in files:
        count += _mask_file(att)
    record(
        item,
        "change",
        actor=actor,
        changes={"masked": count},
        reason="一键遮盖个人信息",
    )
    return count


def _mask_file(att) -> int:
    ext = att.name.rsplit(".", 1)[-1].lower() if "." in att.name else ""
    masker = privacy.MASKABLE_EXTENSIONS.get(ext)
    if masker is None or not privacy.scan(att.text):
        return 0
    with att.file.open("rb") as fh:
        data = fh.read()
    new_data, n = masker(data)
    if not n:
        return 0
    checked = _checked(att.name, new_data)
    old_name = att.file.name
    att.file.save(att.name, ContentFile(new_data), save=False)
    att.size, att.text = checked.size, checked.text
    att.save()
    transaction.on_commit(lambda: att.file.storage.delete(old_name))
    return n


# --------------------------------------------------------------------------- revisions


def open_revision(item: Item) -> ItemRevision | None:
    return item.revisions.filter(state__in=["draft", "submitted", "rejected"]).first()


@transaction.atomic
def start_revision(item: Item, *, actor, note: str = "") -> ItemRevision:
    """Open a new version of a published item (or return the open one)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require(actor, "edit", item.organisation, "您没有修改该信息的权限。")
    if item.state != Item.STATE_PUBLISHED:
        raise ValidationError({"__all__": "只有已发布的信息需要创建修改版本。"})
    existing = open_revision(item)
    if existing is not None:
        return existing
    revision = ItemRevision.objects.create(
        item=item,
        number=item.version + 1,
        state="draft",
        data={**snapshot(item), "remove_attachments": []},
        author=actor,
        note=note,
    )
    record(item, "change", actor=actor, reason=f"创建第{revision.number}版修改草稿 {note}".strip())
    return revision


@transaction.atomic
def update_revision(revision: ItemRevision, *, actor, **fields) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    item = revision.item
    _require(actor, "edit", item.organisation, "您没有修改该信息的权限。")
    if revision.state not in ("draft", "rejected"):
        raise ValidationError({"__all__": "只有修改草稿可以编辑。"})
    data = clean_fields(item.organisation, fields, partial_of=revision.data)
    data = _plain(data)
    data["remove_attachments"] = revision.data.get("remove_attachments", [])
    revision.data = data
    revision.state = "draft"
    if "note" in fields:
        revision.note = fields["note"]
    revision.save()
    return revision


@transaction.atomic
def submit_revision(revision: ItemRevision, *, actor) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "edit", revision.item.organisation, "您没有提交该信息的权限。")
    if revision.state not in ("draft", "rejected"):
        raise ValidationError({"__all__": "只有修改草稿可以提交审核。"})
    data = clean_fields(revision.item.organisation, {}, partial_of=revision.data)
    errors = _submit_problems(revision.item, data)
    if errors:
        raise ValidationError(errors)
    revision.state = "submitted"
    revision.save(update_fields=["state"])
    record(
        revision.item,
        "transition",
        actor=actor,
        from_state="revision_draft",
        to_state="revision_submitted",
        reason=f"第{revision.number}版提交审核",
    )
    return revision


@transaction.atomic
def reject_revision(revision: ItemRevision, *, actor, reason: str) -> ItemRevision:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "review", revision.item.organisation, "您没有审核该信息的权限。")
    if revision.state != "submitted":
        raise ValidationError({"__all__": "只有待审核的版本可以退回。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "退回时请说明理由。"})
    revision.state = "rejected"
    revision.save(update_fields=["state"])
    record(
        revision.item,
        "transition",
        actor=actor,
        from_state="revision_submitted",
        to_state="revision_rejected",
        reason=reason,
    )
    return revision


@transaction.atomic
def discard_revision(revision: ItemRevision, *, actor) -> None:
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    _require(actor, "edit", revision.item.organisation, "您没有修改该信息的权限。")
    if not revision.is_open:
        raise ValidationError({"__all__": "该版本已结束。"})
    revision.state = "discarded"
    revision.save(update_fields=["state"])
    for f in revision.new_files.all():
        f.file.delete(save=False)
        f.delete()
    record(revision.item, "change", actor=actor, reason=f"放弃第{revision.number}版修改")


@transaction.atomic
def approve_revision(revision: ItemRevision, *, actor, privacy_override_reason: str = "") -> Item:
    """Publish an approved new version: its content replaces the item's public content."""
    revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
    item = Item.objects.select_for_update().get(pk=revision.item_id)
    _require(actor, "review", item.organisation, "您没有审核该信息的权限。")
    if revision.state != "submitted":
        raise ValidationError({"__all__": "只有待审核的版本可以审核通过。"})
    if revision.author_id is not None and actor is not None and revision.author_id == actor.pk:
        raise PermissionDenied("修改人不能审核自己的修改。")
    findings = guard_findings(item, revision)
    override = (privacy_override_reason or "").strip()
    if findings and not override:
        raise ValidationError(
            {
                "privacy_override_reason": f"隐私检查发现 {len(findings)} 处未遮盖的个人信息，"
                "请先一键遮盖，或填写放行理由。"
            }
        )
    before = snapshot(item)
    data = clean_fields(item.organisation, {}, partial_of=revision.data)
    _apply(item, data)
    item.version = revision.number
    item.approved_by = actor
    item.approved_at = timezone.now()
    item.privacy_override_reason = override if findings else ""
    item.save()
    _set_m2m(item, data)
    removed = revision.data.get("remove_attachments", [])
    for att in item.attachments.filter(pk__in=removed):
        att.delete()
    start = item.attachments.count()
    for i, new in enumerate(revision.new_files.all()):
        Attachment.objects.create(
            item=item,
            file=new.file.name,
            name=new.name,
            content_type=new.content_type,
            size=new.size,
            text=new.text,
            sort_order=start + i,
        )
    revision.state = "published"
    revision.approved_by = actor
    revision.decided_at = timezone.now()
    revision.privacy_override_reason = item.privacy_override_reason
    revision.data = snapshot(item)
    revision.save()
    record(
        item,
        "transition",
        actor=actor,
        from_state="revision_submitted",
        to_state="published",
        changes={**_diff(before, revision.data), "version": [revision.number - 1, revision.number]},
        reason=f"隐私检查放行：{override}" if findings else "",
    )
    if item.is_public:
        _notify(signals.item_published, item)
    return item


# --------------------------------------------------------------------------- loaders


@transaction.atomic
def publish_item_now(
    *,
    organisation,
    title: str,
    body: str,
    entries,
    actor=None,
    published_at: dt.datetime | None = None,
    attachments: list[tuple[str, bytes]] = (),
    reason: str = "批量导入",
    **fields,
) -> Item:
    """Create and publish an item in one go — for demo loaders, imports and trusted code only.

    It skips the review steps (no permission check, no author/approver separation, no privacy
    guard or interpretation rule) but otherwise behaves like a publication: fields are
    validated and normalised (ValidationError on bad input), the body is sanitised, the index
    number is assigned from the (organisation, year of ``published_at``) counter, a version is
    kept, the audit log gets "create" and "published" entries, and ``item_published`` is sent
    on commit. ``entries``: CatalogEntry objects or ids of ``organisation``; other fields as in
    ``Item`` (``issuers``/``interprets`` as lists, ``validity``, ``replaced_by`` …).
    """
    validity = fields.pop("validity", "valid")
    replaced_by = fields.pop("replaced_by", None)
    validity_changed_on = fields.pop("validity_changed_on", None)
    no_interpretation_reason = fields.pop("no_interpretation_reason", "")
    data = clean_fields(organisation, {**fields, "title": title, "body": body, "entries": entries})
    item = Item(organisation=organisation, author=actor, approved_by=actor)
    _apply(item, data)
    item.validity = validity
    item.replaced_by = replaced_by
    item.validity_changed_on = validity_changed_on
    item.no_interpretation_reason = no_interpretation_reason
    item.state = Item.STATE_APPROVED
    item.approved_at = published_at or timezone.now()
    item.save()
    _set_m2m(item, data)
    for name, content in attachments:
        checked = _checked(name, content)
        att = Attachment(
            item=item,
            name=name,
            content_type=checked.content_type,
            size=checked.size,
            text=checked.text,
        )
        _store(att, name, content)
    record(item, "create", actor=actor, reason=reason, to_state="approved")
    _publish(item, actor=actor, published_at=published_at)
    return item


# --------------------------------------------------------------------------- catalog columns

ENTRY_FIELDS = [
    "name",
    "section",
    "kind",
    "content",
    "basis",
    "time_limit",
    "publisher",
    "channels",
    "audience",
    "mode",
    "sort_order",
    "is_active",
]


@transaction.atomic
def save_entry(*, organisation, actor, entry: CatalogEntry | None = None, parent=None, **values):
    """Create or change one catalog column (office admins)."""
    _require(actor, "administer", organisation, "您没有管理该机构公开目录的权限。")
    creating = entry is None
    entry = entry or CatalogEntry(organisation=organisation)
    before = {f: getattr(entry, f) for f in ENTRY_FIELDS} if not creating else {}
    for key, value in values.items():
        if key in ENTRY_FIELDS or key == "slug":
            setattr(entry, key, value)
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError({"parent": "上级栏目必须属于同一机构。"})
    node = parent
    while node is not None and not creating:
        if node.pk == entry.pk:
            raise ValidationError({"parent": "上级栏目不能是自身或其下级。"})
        node = node.parent
    entry.parent = parent
    if not entry.slug:
        raise ValidationError({"slug": "请填写栏目代码。"})
    clash = CatalogEntry.objects.filter(organisation=organisation, slug=entry.slug)
    if entry.pk:
        clash = clash.exclude(pk=entry.pk)
    if clash.exists():
        raise ValidationError({"slug": f"栏目代码“{entry.slug}”已被本机构其他栏目使用。"})
    entry.full_clean(exclude=["organisation", "parent"])
    entry.save()
    after = {f: getattr(entry, f) for f in ENTRY_FIELDS}
    record(
        entry,
        "create" if creating else "change",
        actor=actor,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return entry


def import_entries(*, organisation, actor, name: str, data: bytes):
    """Import a standard-catalog table (.xlsx/.csv) into ``organisation``'s catalog.

    Good rows create or update columns (matched by 栏目代码); a bad row is reported with its
    row number and reason and changes nothing; the good rows are kept. Returns
    (created, updated, errors) with errors as [(row number, reason)].
    """
    from gongkai.rules.catalog_table import read_rows

    from .services import read_table_file

    _require(actor, "administer", organisation, "您没有管理该机构公开目录的权限。")
    try:
        rows = read_table_file(name, data)
    except ValueError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    table = read_rows(rows)
    errors = list(table.errors)
    created = updated = 0
    with transaction.atomic():
        known = {e.slug: e for e in CatalogEntry.objects.filter(organisation=organisation)}
        for number, values in table.rows:
            parent = None
            if values.get("parent"):
                parent = known.get(values["parent"])
                if parent is None:
                    errors.append((number, f"上级栏目代码“{values['parent']}”不存在。"))
                    continue
                if parent.slug == values["slug"]:
                    errors.append((number, "上级栏目不能是自身。"))
                    continue
            existing = known.get(values["slug"])
            fields = {k: v for k, v in values.items() if k in ENTRY_FIELDS}
            try:
                with transaction.atomic():
                    entry = save_entry(
                        organisation=organisation,
                        actor=actor,
                        entry=existing,
                        parent=parent,
                        slug=values["slug"],
                        **fields,
                    )
            except ValidationError as exc:
                reason = "；".join(m for msgs in exc.message_dict.values() for m in msgs)
                errors.append((number, reason))
                continue
            known[entry.slug] = entry
            if existing is None:
                created += 1
            else:
                updated += 1
        record(
            organisation,
            "import",
            actor=actor,
            changes={"file": name, "created": created, "updated": updated, "bad_rows": len(errors)},
            reason="导入公开目录",
        )
    return created, updated, sorted(errors)
