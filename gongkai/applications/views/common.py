"""Shared helpers of the application views."""

from __future__ import annotations

from gongkai.core.errors import Invalid

SESSION_KEY = "applications_receipts"


def _files(request) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in request.FILES.getlist("attachments")]


def _apply_errors(form, exc: Invalid) -> None:
    for name, message in exc.errors.items():
        if name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, message)
    if not exc.errors:
        form.add_error(None, exc.message)
