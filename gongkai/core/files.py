"""Files and attachments: one upload check, one storage rule, for every app.

* ``accept(files)`` checks what a person uploaded (type from content, size, that it opens,
  how many files and how much in all) and raises ``Invalid`` with a zh-hans reason naming the
  file; it returns ``Accepted`` objects holding name, bytes, content type, size, hash and text.
* Every attachment model subclasses ``StoredFile`` (abstract): the bytes live in the storage
  under ``DATA_DIR/media/<upload_dir>/`` (never in database rows); content type, size, sha256
  and the extracted text (for search and the privacy guard) are columns.
* ``store(model, accepted, **fields)`` writes one row and its file inside the caller's
  transaction (stored names start with the content hash; the original name is a column).

Limits come from settings: ``GONGKAI_MAX_UPLOAD_MB`` per file, ``GONGKAI_MAX_UPLOAD_FILES`` and
``GONGKAI_MAX_UPLOAD_TOTAL_MB`` per request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from gongkai.rules.uploads import UploadError, check_upload

from .errors import Invalid


def max_file_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def max_files() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_FILES", 10))


def max_total_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_TOTAL_MB", 50)) * 1024 * 1024


@dataclass
class Accepted:
    name: str
    data: bytes
    extension: str
    content_type: str
    size: int
    sha256: str
    text: str


def _read(upload) -> tuple[str, bytes]:
    if isinstance(upload, tuple):
        name, data = upload
        return str(name), bytes(data)
    name = getattr(upload, "name", "") or "file"
    data = upload.read()
    return name.rsplit("/", 1)[-1], data


def accept_one(upload, *, field: str = "files") -> Accepted:
    name, data = _read(upload)
    try:
        checked = check_upload(name, data, max_bytes=max_file_bytes())
    except UploadError as exc:
        raise Invalid(errors={field: f"“{name}”：{exc.message}"}) from exc
    return Accepted(
        name=name[:255],
        data=data,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(data).hexdigest(),
        text=checked.text,
    )


ZIP_CONTENT_TYPE = "application/zip"


def accept_made(name: str, data: bytes, *, field: str = "result") -> Accepted:
    """Check a file gongkai made itself (a long-work result) before it is kept: the upload
    check, and also ``.zip`` bundles (a city's reports in one download), which no upload form
    accepts. A bundle must open and pass the zip-bomb check; its text is not extracted."""
    from gongkai.rules.uploads import check_zip_bomb

    if not name.lower().endswith(".zip"):
        return accept_one((name, data), field=field)
    try:
        if not data.startswith(b"PK\x03\x04"):
            raise UploadError("文件内容与扩展名不符。")
        check_zip_bomb(data)
    except UploadError as exc:
        raise Invalid(errors={field: f"“{name}”：{exc.message}"}) from exc
    return Accepted(name=name[:255], data=data, extension="zip", content_type=ZIP_CONTENT_TYPE,
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(), text="")  # fmt: skip


def accept(uploads: Iterable, *, field: str = "files") -> list[Accepted]:
    """Check every upload of one request (``UploadedFile`` objects or ``(name, bytes)``)."""
    uploads = [u for u in uploads if u]
    if len(uploads) > max_files():
        raise Invalid(errors={field: f"一次最多上传 {max_files()} 个文件。"})
    total = sum(
        len(u[1]) if isinstance(u, tuple) else (getattr(u, "size", 0) or 0) for u in uploads
    )
    if total > max_total_bytes():
        raise Invalid(
            errors={
                field: f"上传文件合计过大（{total / 1048576:.1f} MB），上限为 {max_total_bytes() // 1048576} MB。"
            }
        )
    return [accept_one(u, field=field) for u in uploads]


def _upload_to(instance, filename: str) -> str:
    now = timezone.now()
    return f"{instance.UPLOAD_DIR}/{now:%Y/%m}/{filename}"


class StoredFile(models.Model):
    """Abstract base of every attachment: set ``UPLOAD_DIR`` on the subclass."""

    UPLOAD_DIR = "files"

    file = models.FileField("文件", upload_to=_upload_to, max_length=300)
    name = models.CharField("文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=120, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, db_index=True)
    text = models.TextField("文本内容", blank=True)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def read(self) -> bytes:
        with self.file.open("rb") as fh:
            return fh.read()


def store(model: type[StoredFile], accepted: Accepted, **fields) -> StoredFile:
    """Save ``accepted`` as a new ``model`` row (file in storage, metadata in the row)."""
    obj = model(
        name=accepted.name,
        content_type=accepted.content_type,
        size=accepted.size,
        sha256=accepted.sha256,
        text=accepted.text,
        **fields,
    )
    safe = f"{accepted.sha256[:16]}.{accepted.extension}"
    obj.file.save(safe, ContentFile(accepted.data), save=False)
    obj.save()
    return obj


def response(obj: StoredFile, *, inline: bool = False):
    """An HTTP download of a stored file with its original (Chinese) name."""
    from django.http import FileResponse

    return FileResponse(
        obj.file.open("rb"),
        as_attachment=not inline,
        filename=obj.name,
        content_type=obj.content_type or "application/octet-stream",
    )
