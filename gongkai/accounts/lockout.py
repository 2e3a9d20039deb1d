"""Login throttling with django-axes, and every login and failed login in the audit log.

Failures are counted per (user name, address) by django-axes (``AXES_*`` settings), atomically
in the database, so parallel bursts cannot slip past the limit, and a stranger elsewhere cannot
lock a member of staff out. A locked-out attempt is answered exactly like any other refused
login page, with one message that does not tell whether the user name exists.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

LOCKED_MESSAGE = (
    "登录失败次数过多，已暂停从此处登录该账号 {minutes} 分钟。请稍后再试，或联系政务公开办管理员。"
)


def lock_minutes() -> int:
    return int(getattr(settings, "GONGKAI_LOGIN_LOCK_MINUTES", 15))


def lockout_response(request, *args, **kwargs):
    """What a locked-out login attempt sees: the login page with the one message (status 429)."""
    from .forms import LoginForm

    form = LoginForm(request, data=request.POST or None)
    form.is_bound = False
    return render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": LOCKED_MESSAGE.format(minutes=lock_minutes())},
        status=429,
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from gongkai.audit.actions import record

    record(user, "login", actor=user, reason=f"登录成功（{_address(request)}）")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    from django.contrib.auth import get_user_model

    from gongkai.audit.actions import record

    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:  # a failure for an unknown name has no object to attach it to
        record(user, "login", actor=None, reason=f"登录失败（{_address(request)}）")


def _address(request) -> str:
    if request is None:
        return "未知地址"
    return request.META.get("REMOTE_ADDR", "") or "未知地址"
