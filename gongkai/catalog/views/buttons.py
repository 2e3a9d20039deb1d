"""The item page's buttons: one small function per action (submit, recall, withdraw, mask, upload, revisions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.core.errors import Invalid

from .. import actions
from ..forms import UploadForm
from ..models import Attachment, Item, ItemRevision
from .common import _error_text, _visible_item


@login_required
@require_POST
def item_action_view(request, pk):
    """One button on the item page (its ``op``): one small function per action below."""
    item = _visible_item(request, pk)
    act = ITEM_ACTS.get(request.POST.get("op", ""))
    if act is None:
        raise Http404
    target = reverse("catalog:item", args=[item.pk])
    try:
        target = act(request, item) or target
    except Invalid as exc:
        messages.error(request, _error_text(exc))
    except (Attachment.DoesNotExist, ValueError):
        messages.error(request, "附件不存在。")
    return redirect(target)


def _act_submit(request, item):
    actions.submit(item, actor=request.user)
    messages.success(request, "已提交审核。")


def _act_recall(request, item):
    actions.return_to_draft(item, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "已退回草稿。")


def _act_withdraw(request, item):
    actions.withdraw(item, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "已撤回，门户不再显示该信息。")


def _act_mask(request, item):
    n = actions.mask_personal_data(item, actor=request.user)
    messages.success(request, f"已遮盖 {n} 处个人信息。")
    if request.POST.get("next") == "review":
        return reverse("catalog:review", args=[item.pk])


def _act_upload(request, item):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        raise Invalid(errors={"file": "请选择要上传的文件。"})
    upload = form.cleaned_data["file"]
    actions.add_attachment(item, actor=request.user, name=upload.name, data=upload.read())
    messages.success(request, f"附件“{upload.name}”已上传。")


def _act_remove_attachment(request, item):
    attachment = int(request.POST.get("attachment", "0"))
    actions.remove_attachment(item, attachment, actor=request.user)
    messages.success(request, "附件已删除。")


def _act_start_revision(request, item):
    actions.start_revision(item, actor=request.user, note=request.POST.get("note", ""))
    return reverse("catalog:edit", args=[item.pk])


def _act_submit_revision(request, item):
    actions.submit_revision(_open(item), actor=request.user)
    messages.success(request, "修改版本已提交审核。")


def _act_discard_revision(request, item):
    actions.discard_revision(_open(item), actor=request.user)
    messages.success(request, "已放弃修改。")


ITEM_ACTS = {
    "submit": _act_submit,
    "recall": _act_recall,
    "withdraw": _act_withdraw,
    "mask": _act_mask,
    "upload": _act_upload,
    "remove_attachment": _act_remove_attachment,
    "start_revision": _act_start_revision,
    "submit_revision": _act_submit_revision,
    "discard_revision": _act_discard_revision,
}


def _open(item: Item) -> ItemRevision:
    revision = actions.open_revision(item)
    if revision is None:
        raise Invalid("没有进行中的修改版本。")
    return revision
