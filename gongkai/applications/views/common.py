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


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_download(data: bytes, filename: str, fallback: str):
    """A .docx download with its Chinese file name (RFC 5987 ``filename*``, an ASCII
    ``filename`` for old clients) that no cache keeps (``private, no-store``)."""
    from urllib.parse import quote

    from django.http import HttpResponse

    resp = HttpResponse(bytes(data), content_type=DOCX)
    resp["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    resp["Cache-Control"] = "private, no-store"
    return resp
