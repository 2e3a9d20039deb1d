"""Reading bytes: encodings, .docx, .xlsx, .csv, text."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from gongkai.rules.planparser.model import ParsedPlan, PlanParseError
from gongkai.rules.planparser.table import _header_map, parse_rows
from gongkai.rules.planparser.text import parse_text


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (common in offices)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise PlanParseError(
            "cannot decode the file: neither UTF-8 nor GB18030 text",
            "无法识别文件编码：既不是 UTF-8 也不是 GB18030 文本。",
        ) from None


def parse_file(path: str | Path, year: int | None = None) -> ParsedPlan:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PlanParseError(f"cannot read {p}: {exc.strerror}", f"无法读取文件：{p.name}") from exc
    return parse_bytes(p.name, data, year=year)


def parse_bytes(name: str, data: bytes, year: int | None = None) -> ParsedPlan:
    ext = Path(name).suffix.lower().lstrip(".")
    if not data.strip():
        raise PlanParseError("the file is empty", "文件是空的。")
    if ext == "docx":
        return _parse_docx(data, year)
    if ext == "xlsx":
        return parse_rows(_xlsx_rows(data), year=year)
    if ext == "csv":
        text = decode(data)
        return parse_rows(list(csv.reader(io.StringIO(text))), year=year)
    if ext in ("doc", "pdf", "wps", "xls"):
        raise PlanParseError(
            f".{ext} files are not read; save the plan as .docx, .txt or .xlsx",
            f"不支持 .{ext} 文件，请另存为 .docx、.txt 或 .xlsx 后再导入。",
        )
    if data[:4] == b"PK\x03\x04":
        raise PlanParseError(
            "this is a zip/Office file; give it the right extension (.docx or .xlsx)",
            "这是 Office 或压缩文件，请使用正确的扩展名（.docx 或 .xlsx）。",
        )
    return parse_text(decode(data), year=year)


def _parse_docx(data: bytes, year: int | None) -> ParsedPlan:
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanParseError(
            f"the .docx file is corrupt or not a Word document ({exc.__class__.__name__})",
            "该 .docx 文件已损坏或不是 Word 文档，无法读取。",
        ) from exc
    except Exception as exc:  # lxml errors and the like from a damaged package
        raise PlanParseError(
            f"the .docx file cannot be opened ({exc.__class__.__name__})",
            "该 .docx 文件无法打开，可能已损坏。",
        ) from exc
    paragraphs = [p.text for p in document.paragraphs]
    if not any(t.strip() for t in paragraphs):
        for table in document.tables:
            rows = [[c.text for c in row.cells] for row in table.rows]
            if rows and _header_map(rows[0]):
                return parse_rows(rows, year=year)
    return parse_text("\n\n".join(paragraphs), year=year)


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise PlanParseError(
            f"the .xlsx file is corrupt ({exc.__class__.__name__})",
            "该 .xlsx 文件已损坏或不是 Excel 工作簿，无法读取。",
        ) from exc
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for i, row in enumerate(rows[:10]):
            if _header_map(row):
                return rows[i:]
    raise PlanParseError(
        "no sheet has the columns 任务 and 责任单位",
        "表格中找不到“任务”“责任单位”列，无法作为任务分解表导入。",
    )
