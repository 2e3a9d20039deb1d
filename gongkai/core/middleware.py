"""Turning an action's error into an answer people understand.

An uncaught ``gongkai.core.errors.GongkaiError`` (or Django's ``PermissionDenied``) becomes a
styled zh-hans page with the reason and a way back (403, 404, 400), or JSON
``{"error": ..., "fields": {...}}`` under ``/api/``. Views that show a form catch ``Invalid``
themselves and show the form again with what the person typed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from .errors import Forbidden, GongkaiError, Invalid, field_errors

TITLES = {400: "无法完成操作", 403: "没有权限", 404: "未找到"}


def error_response(request, exc: Exception, status: int | None = None):
    if isinstance(exc, GongkaiError):
        status = status or exc.status
        message = str(exc)
    else:
        status = status or 403
        message = str(exc) or "您没有执行此操作的权限。"
    if request.path.startswith("/api/"):
        body = {"error": message}
        if isinstance(exc, Invalid):
            body["fields"] = field_errors(exc)
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    back = request.META.get("HTTP_REFERER") or ""
    if back and not back.startswith(request.build_absolute_uri("/")):
        back = ""
    return render(
        request,
        "gongkai/error.html",
        {"status": status, "title": TITLES.get(status, "出错了"), "message": message, "back": back},
        status=status,
    )


class ActionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, GongkaiError | PermissionDenied):
            return error_response(request, exc)
        return None


class RejectNulMiddleware:
    """A NUL character in the path (``/org/%00/``) is never a real request: PostgreSQL refuses
    it in text, so every look-up by a path segment would fail with a 500. Answer 400 before
    anything (the page cache, a view) reads it. Query values are left to the views, whose
    parameter checks name the bad parameter (``portal.params``)."""

    PAGE = (
        '<!doctype html><html lang="zh-hans"><meta charset="utf-8"><title>请求无效</title>'
        '<h1>请求无效</h1><p>请求地址中含有无效字符。</p><p><a href="/">返回首页</a></p></html>'
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:  # query values are checked by each view's parameters
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": "请求地址中含有无效字符。"},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return HttpResponseBadRequest(self.PAGE)
        return self.get_response(request)


def handler403(request, exception=None):
    return error_response(request, exception or Forbidden(), 403)
