"""Reading one issue file into page texts: a PDF's text layer, OCR for a scan, .docx, .txt."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import ocr

SUFFIXES = {".pdf", ".docx", ".txt"}


class ReadError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class IssueSource:
    name: str
    data: bytes
    kind: str  # pdf / ocr / docx / txt
    pages: list[str]
    confidences: list[float | None] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _has_text(pages: list[str]) -> bool:
    chars = sum(len("".join(p.split())) for p in pages)
    return chars >= 20 * max(1, len(pages)) // 2


def read_pdf(name: str, data: bytes, progress=None, on_page=None) -> IssueSource:
    """``on_page(n, total, message)`` is told of every page read (text layer, then OCR)."""
    import pypdf

    if not data.startswith(b"%PDF"):
        raise ReadError("不是有效的PDF文件（文件头不是 %PDF）")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError("PDF文件已加密，无法读取")
        total = len(reader.pages)
        pages = []
        for n, page in enumerate(reader.pages, start=1):
            pages.append(page.extract_text() or "")
            if on_page:
                on_page(n, total, f"正在读取第 {n} / {total} 页（文字层）")
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ReadError(f"PDF文件已损坏，无法读取（{type(exc).__name__}）") from exc
    if not pages:
        raise ReadError("PDF文件没有页面")
    if _has_text(pages):
        return IssueSource(name, data, "pdf", pages, [None] * len(pages))
    try:
        results = ocr.ocr_pdf(data, len(pages), progress, on_page)
    except RuntimeError as exc:
        raise ReadError(str(exc)) from exc
    return IssueSource(name, data, "ocr", [t for t, _ in results], [c for _, c in results])


def read_docx(name: str, data: bytes) -> IssueSource:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ReadError(f"Word 文件已损坏，无法读取（{type(exc).__name__}）") from exc
    pages, lines = [], []
    for para in document.paragraphs:
        if any(
            br.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "page"
            for br in para._p.iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}br"
            )
        ):
            pages.append("\n".join(lines))
            lines = []
        lines.append(para.text)
    pages.append("\n".join(lines))
    return IssueSource(name, data, "docx", pages, [None] * len(pages))


def read_txt(name: str, data: bytes) -> IssueSource:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadError("文本文件编码无法识别（应为 UTF-8 或 GB18030）")
    pages = text.replace("\r\n", "\n").split("\f")
    return IssueSource(name, data, "txt", pages, [None] * len(pages))


def read_file(path: Path, progress=None) -> IssueSource:
    data = path.read_bytes()
    return read_bytes(path.name, data, progress)


def read_bytes(name: str, data: bytes, progress=None, on_page=None) -> IssueSource:
    suffix = Path(name).suffix.lower()
    if not data:
        raise ReadError("文件为空")
    if suffix == ".pdf":
        return read_pdf(name, data, progress, on_page)
    if suffix == ".docx":
        return read_docx(name, data)
    if suffix == ".txt":
        return read_txt(name, data)
    raise ReadError(f"不支持的文件类型“{suffix}”（支持 PDF、.docx、.txt）")


def issue_files(path: Path) -> list[Path]:
    """One file, or every supported file under a folder (sorted, so imports run in order)."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
