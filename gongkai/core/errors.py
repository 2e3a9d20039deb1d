"""The one error family of gongkai actions.

Every action raises one of these, with its message in zh-hans written once (an app keeps its
messages as constants beside its actions). Views show ``str(error)`` to people (a form error, a
styled 403/404/400 page through ``gongkai.core.middleware``), the API answers with the status and
``{"error": message, "fields": {...}}``, commands print the message and exit with status 1.

They subclass Django's own exceptions so that Django's handlers treat them right:
``Invalid`` is a ``ValidationError`` (``message_dict`` works), ``Forbidden`` a
``PermissionDenied`` (403), ``NotFound`` an ``Http404``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


class GongkaiError(Exception):
    """Base class; ``status`` is the HTTP status a view or the API answers with."""

    status = 400

    def __init__(self, message: str = "", **kwargs):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Invalid(GongkaiError, ValidationError):
    """Bad input or a change the object's state does not allow. Nothing was saved.

    ``Invalid("理由不能为空。")`` or ``Invalid(errors={"reason": "理由不能为空。"})``;
    ``errors`` maps form field names (or ``"__all__"``) to messages.
    """

    status = 400

    def __init__(self, message: str = "", *, errors: dict[str, str] | None = None):
        errors = {k: v for k, v in (errors or {}).items() if v}
        if message and not errors:
            errors = {"__all__": message}
        if not errors:
            errors = {"__all__": "输入有误。"}
        self.errors = {
            k: ("；".join(v) if isinstance(v, list | tuple) else str(v)) for k, v in errors.items()
        }
        ValidationError.__init__(self, {k: [v] for k, v in self.errors.items()})
        self.message = message or "；".join(self.errors.values())

    def __str__(self) -> str:
        return self.message


class Forbidden(GongkaiError, PermissionDenied):
    """The actor may not do this here (HTTP 403); the message says why."""

    status = 403

    def __init__(self, message: str = "您没有执行此操作的权限。"):
        PermissionDenied.__init__(self, message)
        self.message = message


class NotFound(GongkaiError, Http404):
    """No such object, or none this actor may see (HTTP 404)."""

    status = 404

    def __init__(self, message: str = "未找到该对象。"):
        Http404.__init__(self, message)
        self.message = message


def field_errors(exc: Exception) -> dict[str, str]:
    """{field: message} of an ``Invalid`` (or of a Django ``ValidationError``)."""
    if isinstance(exc, Invalid):
        return dict(exc.errors)
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return {k: "；".join(v) for k, v in exc.message_dict.items()}
        return {"__all__": "；".join(exc.messages)}
    return {"__all__": str(exc)}
