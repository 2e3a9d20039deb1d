"""Shared pieces of the catalog actions: field cleaning, snapshots, constants."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings

from gongkai.core.errors import Invalid
from gongkai.rules import catalog_rules, docnumber
from gongkai.rules.sanitize import sanitize_html

from ..models import (
    CatalogEntry,
    Item,
)

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

log = logging.getLogger("gongkai.catalog.actions")

# Messages written once (zh-hans); the actions raise them, views and the API show them.
NO_REVIEW = "您没有审核该信息的权限。"
NO_EDIT = "您没有修改该信息的权限。"
NO_SUBMIT = "您没有提交该信息的权限。"
NO_ADMIN = "您没有管理该机构公开目录的权限。"
REASON_TO_RETURN = "退回时请说明理由。"
PUBLISH_FIRST_REVISION = "已发布的信息请先创建修改版本。"
SELF_APPROVAL = "参与编写该版本内容的人员不能审核该版本。"


def privacy_block(count: int) -> str:
    return f"隐私检查发现 {count} 处未遮盖的个人信息，请先一键遮盖，或填写放行理由。"


# --------------------------------------------------------------------------- helpers


def user_of(actor):
    """The user row to store as author/approver (None for the SYSTEM actor or the public)."""
    return actor if getattr(actor, "is_authenticated", False) else None


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


def clean_fields(
    organisation, data: dict, *, partial_of: dict | None = None, known: dict | None = None
) -> dict:
    """Validate and normalise item fields; raises ``Invalid(errors={field: message})``.

    ``data`` may hold any of SCALAR_FIELDS and M2M_FIELDS (ids or objects). With ``partial_of``
    the missing fields are taken from it (the current content). ``known`` (a batch looks them
    up once): {"entries": {organisation id: set of its entry ids}, "kinds": {item id: kind}}
    for the ids ``data`` names; without it they are read here.
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
        if known is not None:
            found = known["entries"].get(organisation.pk, set()) & set(out["entries"])
        else:
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
        if known is not None:
            kinds = [known["kinds"][pk] for pk in out["interprets"] if pk in known["kinds"]]
        else:
            kinds = list(
                Item.objects.filter(pk__in=out["interprets"]).values_list("kind", flat=True)
            )
        if len(kinds) != len(out["interprets"]) or "interpretation" in kinds:
            errors["interprets"] = "解读只能关联政策文件。"
    if errors:
        raise Invalid(errors=errors)
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
