"""Staff pages of remedy cases: the list, registering a case on an application, the result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts import permissions
from gongkai.core.errors import Forbidden, Invalid

from . import actions, services
from .models import RemedyCase


def _visible(user):
    return RemedyCase.objects.filter(
        organisation_id__in=permissions.org_ids_for(user, "view_internal")
    ).select_related("application", "organisation")


@login_required
def case_list(request):
    if not permissions.is_staff_member(request.user):
        raise Forbidden("仅限工作人员访问。")
    cases = _visible(request.user)
    return render(request, "remedies/list.html", {"cases": cases[:500]})


@login_required
def case_new(request, app_pk):
    from gongkai.applications.models import Application

    app = get_object_or_404(
        Application.objects.filter(
            organisation_id__in=permissions.org_ids_for(request.user, "view_internal")
        ),
        pk=app_pk,
    )
    errors: dict = {}
    data = {"kind": "review", "against": "reply" if app.closed_on else "no_reply"}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            case = actions.open_case(request.user, app, data)
            return redirect("remedies:detail", pk=case.pk)
        except Invalid as e:
            errors = e.errors
    return render(
        request,
        "remedies/new.html",
        {
            "app": app,
            "data": data,
            "errors": errors,
            "windows": services.windows_for(app),
            "kinds": RemedyCase.KIND_CHOICES,
            "againsts": RemedyCase.AGAINST_CHOICES,
            "may_edit": permissions.may(request.user, "edit", app.organisation),
        },
    )


@login_required
def case_detail(request, pk):
    case = get_object_or_404(_visible(request.user), pk=pk)
    errors: dict = {}
    data: dict = {}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            actions.record_result(request.user, case, data)
            return redirect("remedies:detail", pk=case.pk)
        except Invalid as e:
            errors = e.errors
    return render(
        request,
        "remedies/detail.html",
        {
            "case": case,
            "data": data,
            "errors": errors,
            "results": [r for r in RemedyCase.RESULT_CHOICES if r[0] != "pending"],
            "may_edit": permissions.may(request.user, "edit", case.organisation),
        },
    )
