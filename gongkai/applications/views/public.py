"""Public pages: the application form, receipt and status query."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.core import publicforms
from gongkai.core.errors import Invalid

from .. import actions, forms, services
from ..models import (
    Application,
    Letter,
)
from .common import SESSION_KEY, _apply_errors, _files, docx_download

# -- public ---------------------------------------------------------------------------------
LOCK_AFTER = 5  # wrong verifiers for one code before it is locked
LOCK_SECONDS = 3600
LIMITED = "提交过于频繁，请稍后再试。您填写的内容仍保留在下方，可稍后直接提交。"
CHALLENGE_WRONG = "验证题答案不正确，请重新计算后提交。您填写的内容仍保留在下方。"


def apply_form(request):
    upload_error = ""
    challenge_error = ""
    status = 200
    if request.method == "POST":
        form = forms.ApplicationForm(request.POST)
        needs = publicforms.needs_challenge(request, "application")
        if publicforms.limited(request, "application"):
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif needs and not publicforms.Challenge.check(
            request.POST.get("challenge_token", ""), request.POST.get("challenge_answer", "")
        ):
            form.is_valid()
            challenge_error = CHALLENGE_WRONG
            status = 400
        elif form.is_valid():
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
    challenge = None
    if publicforms.needs_challenge(request, "application"):
        challenge = publicforms.Challenge.new()
    return render(
        request,
        "applications/apply.html",
        {
            "form": form,
            "upload_error": upload_error,
            "challenge": challenge,
            "challenge_error": challenge_error,
        },
        status=status,
    )


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


def _lock_key(code: str) -> str:
    return f"gongkai:application-status-failures:{code}"


def status(request):
    """The applicant's status page: code and verifier sent by POST (never in the URL, so never
    in browser history or logs); a code is locked after repeated wrong verifiers."""
    from django.core.cache import cache

    form = forms.StatusForm(request.POST if request.method == "POST" else None)
    app = None
    http_status = 200
    if form.is_bound and publicforms.limited(request, "application-status"):
        form.is_valid()
        form.add_error(None, "查询过于频繁，请稍后再试。")
        http_status = 429
    elif form.is_bound and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        verifier = form.cleaned_data["verifier"].strip().upper()
        failures = cache.get(_lock_key(code), 0)
        candidate = Application.objects.filter(tracking_code=code).first()
        if failures >= LOCK_AFTER:
            form.add_error(
                None, "该查询码验证失败次数过多，已暂停查询一小时。如需帮助请联系受理机关。"
            )
            http_status = 429
        elif candidate and hmac.compare_digest(candidate.verifier.upper(), verifier):
            app = candidate
            cache.delete(_lock_key(code))
            granted = request.session.get(STATUS_GRANTS, [])
            if app.tracking_code not in granted:
                request.session[STATUS_GRANTS] = [*granted[-9:], app.tracking_code]
        else:
            if cache.add(_lock_key(code), 1, LOCK_SECONDS) is False:
                try:
                    cache.incr(_lock_key(code))
                except ValueError:
                    cache.set(_lock_key(code), 1, LOCK_SECONDS)
            form.add_error(None, "查询码或验证码不正确。")
    ctx = {"form": form, "app": app}
    if app:
        ctx["clock"] = services.clock_of(app) if not app.is_closed else None
        ctx["sent_letters"] = list(
            app.letters.filter(
                sent_on__isnull=False, kind__in=["reply", "correction", "extension", "fee"]
            )
        )
        for letter in ctx["sent_letters"]:
            letter.downloadable = downloadable(letter)
    response = render(request, "applications/status.html", ctx, status=http_status)
    response["Cache-Control"] = "private, no-store"
    return response


# -- the reply letter for the applicant (网上获取) -------------------------------------------
STATUS_GRANTS = "applications_status_grants"  # tracking codes whose verifier this session passed


def download_methods() -> tuple[str, ...]:
    """Delivery methods whose letters the applicant downloads from the status page."""
    return tuple(getattr(settings, "GONGKAI_APPLICATION_DOWNLOAD_METHODS", ("online", "email")))


def downloadable(letter) -> bool:
    return (
        letter.kind == "reply"
        and letter.sent_on is not None
        and letter.delivery_method in download_methods()
    )


def status_letter(request, code, pk):
    """The sent reply letter, for the session that passed the verifier check of its
    application; 404 for anyone else, before it is sent, and for other delivery methods."""
    if code not in request.session.get(STATUS_GRANTS, []):
        raise Http404
    letter = (
        Letter.objects.filter(pk=pk, application__tracking_code=code)
        .select_related("final_file")
        .first()
    )
    if letter is None or not downloadable(letter):
        raise Http404
    stored = getattr(letter, "final_file", None)
    data = stored.read() if stored is not None else bytes(letter.docx)
    return docx_download(data, f"{letter.title}（{letter.number}）.docx", f"reply-{letter.pk}.docx")
