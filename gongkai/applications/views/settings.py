"""Remedy paragraph and letter templates of an organisation (office admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.core.errors import Invalid

from .. import actions, letters, services
from ..models import (
    LetterTemplate,
    RemedyConfig,
)


@login_required
def settings_view(request):
    """Remedy paragraph and letter templates of an organisation (office admins)."""
    orgs = permissions.orgs_for(request.user, "administer").order_by("city_id", "sort_order")
    if not orgs.exists():
        raise Http404
    wanted = request.POST.get("org") or request.GET.get("org") or str(orgs[0].pk)
    if not (wanted.isascii() and wanted.isdigit()):
        raise Http404("没有这个机构。")
    org = get_object_or_404(orgs, pk=wanted)
    errors: dict = {}
    what = request.POST.get("what", "")
    if request.method == "POST":
        try:
            if what == "remedy":
                actions.save_remedy(org, request.POST, actor=request.user)
                messages.success(request, "救济途径已保存。")
            elif what == "template":
                actions.save_template(
                    org,
                    request.POST.get("kind", ""),
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                    actor=request.user,
                )
                messages.success(request, "文书模板已保存。")
            elif what == "reset":
                actions.reset_template(org, request.POST.get("kind", ""), actor=request.user)
                messages.success(request, "已恢复默认模板。")
            else:
                raise Http404
            return redirect(reverse("applications:settings") + f"?org={org.pk}")
        except Invalid as exc:
            errors = {"what": what, "kind": request.POST.get("kind", ""), **exc.errors}
            messages.error(request, exc.message)
    remedy = services.remedy_for(org)
    own = RemedyConfig.objects.filter(organisation=org).first()
    templates = []
    for kind, label in LetterTemplate.KIND_CHOICES:
        title, body = letters.template_for(org, kind)
        mine = LetterTemplate.objects.filter(organisation=org, kind=kind).first()
        if errors.get("what") == "template" and errors.get("kind") == kind:
            title, body = request.POST.get("title", ""), request.POST.get("body", "")
        templates.append(
            {"kind": kind, "label": label, "title": title, "body": body, "own": mine is not None}
        )
    return render(
        request,
        "applications/settings.html",
        {
            "orgs": orgs,
            "org": org,
            "remedy": remedy,
            "own_remedy": own,
            "templates": templates,
            "placeholders": list(letters.PLACEHOLDERS.items()),
            "errors": errors,
            "post": request.POST if errors else {},
        },
    )
