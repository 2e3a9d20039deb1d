"""What the health pages share: who may see which organisation, labels."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import require
from gongkai.orgs.models import Organisation

LIGHTS = {
    "red": ("不合格", "存在单项否决项"),
    "amber": ("有问题", "有问题或即将超期"),
    "green": ("正常", "未发现问题"),
}


def org_or_404(code: str) -> Organisation:
    return get_object_or_404(Organisation, code=code, is_active=True)


def staff_only(view):
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def require_view(user, org) -> None:
    require(user, "view_internal", org, "您没有查看该机构网站健康情况的权限。")
