"""Public pages: the application form, receipt and status query."""

from __future__ import annotations

import hmac

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.core.errors import Invalid

from .. import actions, forms, services
from ..models import (
    Application,
)
from .common import SESSION_KEY, _apply_errors, _files


# -- public ---------------------------------------------------------------------------------
def apply_form(request):
    upload_error = ""
    if request.method == "POST":
        form = forms.ApplicationForm(request.POST)
        if form.is_valid():
            try:
                app = actions.submit(
                    form.cleaned_data["organisation"],
                    form.cleaned_data,
                    files=_files(request),
                    actor=AnonymousUser(),  # the public form: recorded as 公众
                )
            except Invalid as exc:
                upload_error = exc.errors.get("attachments", "")
                _apply_errors(form, exc)
            else:
                codes = request.session.get(SESSION_KEY, [])
                request.session[SESSION_KEY] = [*codes[-9:], app.tracking_code]
                return redirect("applications:receipt", code=app.tracking_code)
        if request.FILES and not upload_error:
            upload_error = "附件未保存，请重新选择文件。"
    else:
        form = forms.ApplicationForm(initial={"organisation": request.GET.get("org")})
    return render(request, "applications/apply.html", {"form": form, "upload_error": upload_error})


def receipt(request, code):
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    app = get_object_or_404(Application, tracking_code=code)
    return render(
        request, "applications/receipt.html", {"app": app, "clock": services.clock_of(app)}
    )


def receipt_docx(request, code):
    """The receipt (回执) as .docx, for the browser that submitted the application."""
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    app = get_object_or_404(Application, tracking_code=code)
    letter = app.letters.filter(kind="receipt").first()
    if letter is None:
        raise Http404
    return _docx_response(letter)


def _docx_response(letter):
    resp = HttpResponse(
        bytes(letter.docx),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"{letter.number or letter.pk}.docx"
    resp["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{filename}"
    )
    return resp


def status(request):
    form = forms.StatusForm(request.GET or None)
    app = None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        candidate = Application.objects.filter(tracking_code=code).first()
        if candidate and hmac.compare_digest(
            candidate.verifier, form.cleaned_data["verifier"].strip()
        ):
            app = candidate
        else:
            form.add_error(None, "查询码或验证码不正确。")
    ctx = {"form": form, "app": app}
    if app:
        ctx["clock"] = services.clock_of(app) if not app.is_closed else None
        ctx["sent_letters"] = app.letters.filter(
            sent_on__isnull=False, kind__in=["reply", "correction", "extension", "fee"]
        )
    return render(request, "applications/status.html", ctx)
