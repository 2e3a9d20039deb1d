"""Public pages: write a message, the receipt, the status page, published messages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from gongkai.core import publicforms
from gongkai.core.errors import Invalid, NotFound
from gongkai.orgs.models import Organisation
from gongkai.rules.interaction.messages import TYPES

from .. import actions
from ..forms import unit_groups
from ..models import Message
from ..ratelimit import allow, needs_challenge

E_LIMIT = "提交过于频繁，请稍后再试。"


def _form_values(post) -> dict:
    return {
        "kind": post.get("kind", ""),
        "subject": post.get("subject", ""),
        "text": post.get("text", ""),
        "name": post.get("name", ""),
        "contact": post.get("contact", ""),
        "consent": post.get("consent", ""),
        "org": post.get("org", ""),
        "org_name": post.get("org_name", ""),
    }


def _pick_org(values, fixed):
    if fixed is not None:
        return fixed, ""
    if values["org"]:
        org = Organisation.objects.filter(code=values["org"][:40], is_active=True).first()
        if org:
            return org, ""
    if values["org_name"].strip():
        try:
            return actions.resolve_unit(values["org_name"][:120]), ""
        except Invalid as exc:
            return None, exc.errors.get("to_org", "")
    return None, ""


@require_http_methods(["GET", "POST"])
def write(request, code=None):
    fixed = get_object_or_404(Organisation, code=code, is_active=True) if code else None
    ctx = {"org": fixed, "types": TYPES, "values": {}, "errors": {}}
    if not fixed:
        ctx["groups"] = unit_groups()
    if request.method == "POST":
        values = _form_values(request.POST)
        ctx["values"] = values
        challenged = needs_challenge(request)
        if not allow(request, "write"):
            ctx["errors"] = {"__all__": E_LIMIT}
            return render(request, "interaction/write.html", ctx, status=429)
        if challenged and not publicforms.Challenge.check(
            request.POST.get("challenge_token", ""), request.POST.get("challenge_answer", "")
        ):
            ctx["errors"] = {
                "challenge": "验证题答案不正确，请重新计算后提交。您填写的内容仍保留。"
            }
            ctx["challenge"] = publicforms.Challenge.new()
            return render(request, "interaction/write.html", ctx, status=400)
        org, org_error = _pick_org(values, fixed)
        consent = {"yes": True, "no": False}.get(values["consent"])
        try:
            receipt = actions.do_submit(
                AnonymousUser(),
                org,
                kind=values["kind"],
                subject=values["subject"],
                text=values["text"],
                name=values["name"],
                contact=values["contact"],
                consent_publish=consent,
                files=request.FILES.getlist("files"),
            )
        except Invalid as exc:
            ctx["errors"] = dict(exc.errors)
            if org_error:
                ctx["errors"]["organisation"] = org_error
            if needs_challenge(request):
                ctx["challenge"] = publicforms.Challenge.new()
            return render(request, "interaction/write.html", ctx, status=400)
        return render(
            request,
            "interaction/receipt.html",
            {"message": receipt.message, "verifier": receipt.verifier},
        )
    if needs_challenge(request):
        ctx["challenge"] = publicforms.Challenge.new()
    return render(request, "interaction/write.html", ctx)


@require_http_methods(["GET", "POST"])
def status(request):
    """Look up a message by query code and verifier (POST: the verifier never sits in a URL)."""
    ctx = {"values": {}, "error": ""}
    if request.method == "POST":
        code = request.POST.get("code", "")
        verifier = request.POST.get("verifier", "")
        ctx["values"] = {"code": code[:40]}
        action = request.POST.get("action", "")
        lookups = int(getattr(settings, "GONGKAI_MESSAGE_LOOKUP_RATE_LIMIT", 30))
        if not allow(request, "status", lookups):
            ctx["error"] = E_LIMIT
            return render(request, "interaction/status.html", ctx, status=429)
        try:
            message = actions.lookup(code, verifier)
            if action == "rate":
                if not allow(request, "rate"):
                    raise Invalid(E_LIMIT)
                message = actions.do_rate(
                    AnonymousUser(),
                    message,
                    satisfaction=request.POST.get("satisfaction", ""),
                    note=request.POST.get("note", ""),
                    reopen=request.POST.get("reopen") == "yes",
                )
                ctx["rated"] = True
            ctx["message"] = message
            ctx["verifier"] = verifier
            ctx["clock"] = actions.clock_of(message)
        except (Invalid, NotFound) as exc:
            ctx["error"] = str(exc)
            if action == "rate" and isinstance(exc, Invalid) and "message" not in ctx:
                try:
                    ctx["message"] = actions.lookup(code, verifier)
                    ctx["verifier"] = verifier
                except (Invalid, NotFound):
                    pass
            return render(request, "interaction/status.html", ctx, status=400)
    return render(request, "interaction/status.html", ctx)


def public_list(request):
    qs = Message.objects.published().select_related("organisation").order_by("-published_at", "-pk")
    q = request.GET.get("q", "").strip()[:100]
    try:
        q.encode("utf-8")
    except UnicodeEncodeError:
        q = ""
    org = None
    if request.GET.get("org"):
        org = Organisation.objects.filter(code=request.GET["org"][:40]).first()
        if org:
            qs = qs.filter(organisation_id__in=org.descendant_ids())
    kind = request.GET.get("kind", "")
    if kind in dict(TYPES):
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(public_subject__icontains=q) | Q(public_text__icontains=q))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/list.html",
        {"page": page, "q": q, "org": org, "kind": kind, "types": TYPES},
    )


def public_detail(request, pk):
    message = get_object_or_404(Message.objects.published(), pk=pk)
    return render(request, "interaction/detail.html", {"message": message})
