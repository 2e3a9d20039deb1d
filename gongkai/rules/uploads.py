"""Checking an uploaded file: allowed type (from its content, not only its name), size, and
whether it opens; and the text inside it, for search and the privacy guard.

Used by the catalog (attachments) and by applications (the applicant's uploads).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

# extension → (label, content check)
ALLOWED = {
    "pdf": "PDF",
    "doc": "Word 97-2003",
    "docx": "Word",
    "xls": "Excel 97-2003",
    "xlsx": "Excel",
    "ofd": "OFD 版式文件",
    "jpg": "JPEG 图片",
    "jpeg": "JPEG 图片",
    "png": "PNG 图片",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc / xls (Compound File Binary)


class UploadError(ValueError):
    """The file is refused; ``message`` says why in zh-hans."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    text: str  # extracted text ("" for images, doc, xls, ofd)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _content_matches(ext: str, data: bytes) -> bool:
    if ext == "pdf":
        return data.startswith(b"%PDF-")
    if ext in ("doc", "xls"):
        return data.startswith(_OLE)
    if ext in ("docx", "xlsx", "ofd"):
        return data.startswith(b"PK\x03\x04")
    if ext in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    return False


def _zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        bad = zf.testzip()
        if bad is not None:
            raise UploadError(f"文件已损坏（{bad} 无法读取）。")
        return zf.namelist()


# Limits against decompression bombs (issue #17.2): a 42 KB .docx of empty paragraphs once
# cost 30 s of CPU and 236 MB of memory. Checked from the zip directory, before anything is
# parsed; larger files are parsed in a child process with CPU-time and memory limits.
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB
MAX_MEMBERS = 5000
CHILD_OVER_BYTES = 1024 * 1024
CHILD_CPU_SECONDS = 20
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024


def check_zip_bomb(data: bytes) -> None:
    """Refuse an Office/OFD file whose contents would expand beyond the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise UploadError("文件已损坏（不是有效的压缩格式）。") from exc
    if len(infos) > MAX_MEMBERS:
        raise UploadError("文件内部结构异常（组成部分过多），已拒绝。")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise UploadError(
            f"文件解压后过大（{total / 1048576:.0f} MB，上限 {MAX_UNCOMPRESSED // 1048576} MB），已拒绝。"
        )
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise UploadError("文件压缩比异常（疑似压缩炸弹），已拒绝。")


def _limits() -> None:  # runs in the child before it parses anything
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))


def extract_text_limited(ext: str, data: bytes) -> str:
    """``extract_text`` in a child process with CPU-time and memory limits (large files)."""
    import subprocess
    import sys

    code = (
        "import sys;from gongkai.rules.uploads import extract_text,UploadError\n"
        "d=sys.stdin.buffer.read()\n"
        "try:\n sys.stdout.write(extract_text(sys.argv[1],d))\n"
        "except UploadError as e:\n sys.stderr.write(e.message);sys.exit(3)\n"
    )
    try:
        res = subprocess.run(
            [sys.executable, "-c", code, ext],
            input=data,
            capture_output=True,
            preexec_fn=_limits,
            timeout=CHILD_CPU_SECONDS * 2,
        )
    except subprocess.TimeoutExpired as exc:
        raise UploadError("文件内容过于复杂，无法在限定时间内读取，已拒绝。") from exc
    if res.returncode == 3:
        raise UploadError(res.stderr.decode("utf-8", "replace") or "文件已损坏或无法打开。")
    if res.returncode != 0:
        raise UploadError("文件内容过于复杂或已损坏，无法在限定的时间和内存内读取，已拒绝。")
    return res.stdout.decode("utf-8", "replace")


def extract_text(ext: str, data: bytes) -> str:
    """Text of a pdf, docx or xlsx; raises UploadError when the file does not open."""
    if ext in ("docx", "xlsx", "ofd"):
        check_zip_bomb(data)
    try:
        if ext == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages)
        if ext == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.append("\t".join(cell.text for cell in row.cells))
            return "\n".join(parts)
        if ext == "xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            lines = []
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    cells = ["" if v is None else str(v) for v in row]
                    if any(cells):
                        lines.append("\t".join(cells))
            wb.close()
            return "\n".join(lines)
        if ext == "ofd":
            names = _zip_names(data)
            if not any(n.upper().endswith("OFD.XML") for n in names):
                raise UploadError("文件不是有效的OFD文件。")
            return ""
    except UploadError:
        raise
    except Exception as exc:  # the libraries raise many kinds of errors for a broken file
        raise UploadError(f"文件已损坏或无法打开（{type(exc).__name__}）。") from exc
    return ""


def check_upload(name: str, data: bytes, *, max_bytes: int) -> CheckedUpload:
    """Accept or refuse one uploaded file. Raises UploadError with a zh-hans reason."""
    ext = _extension(name)
    if ext not in ALLOWED:
        allowed = "、".join(sorted({e for e in ALLOWED if e != "jpeg"}))
        raise UploadError(f"不支持的文件类型“.{ext or '（无扩展名）'}”，仅支持：{allowed}。")
    if len(data) > max_bytes:
        raise UploadError(
            f"文件过大（{len(data) / 1048576:.1f} MB），上限为 {max_bytes / 1048576:.0f} MB。"
        )
    if not data:
        raise UploadError("文件为空。")
    if not _content_matches(ext, data):
        raise UploadError(f"文件内容与扩展名“.{ext}”不符（不是真正的{ALLOWED[ext]}文件），已拒绝。")
    if ext in ("docx", "xlsx", "ofd"):
        check_zip_bomb(data)
    if len(data) > CHILD_OVER_BYTES and ext in ("pdf", "docx", "xlsx"):
        text = extract_text_limited(ext, data)
    else:
        text = extract_text(ext, data)
    return CheckedUpload(
        name=name, extension=ext, content_type=CONTENT_TYPES[ext], size=len(data), text=text
    )
