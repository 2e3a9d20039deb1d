"""Spreadsheets: the one writer and reader behind every .xlsx/.csv export and import.

Writing: describe each sheet as a ``Sheet`` (title, header rows, data rows, merged header
cells, column widths) and call ``xlsx_bytes([sheet, ...])`` or ``xlsx_response(filename,
[...])``. Every export then gets the same office conventions:

* text from people (names, titles, reasons) is always written as text, never as a formula: a
  cell value starting with ``= + - @`` cannot become live in Excel or WPS;
* dates and datetimes are real date cells (formatted yyyy-mm-dd / yyyy-mm-dd hh:mm), numbers
  numbers;
* header rows frozen, bold and centred, merged cells as the official templates have them;
* print setup: A4, landscape when wide, fit to width, header rows repeated on every page.

``csv_bytes(rows)`` writes UTF-8 with a BOM so that Excel opens Chinese intact.

Reading: ``read_rows(name, data)`` returns the rows of the first sheet of an .xlsx or a .csv
(UTF-8 with or without BOM, or GB18030), as lists of strings/values.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import Invalid

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    title: str
    header: list[list] = field(default_factory=list)  # one or more header rows
    rows: Iterable[Sequence] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # e.g. "A1:A2" (header cells)
    widths: list[float] = field(default_factory=list)  # characters per column
    caption: str = ""  # a title line above the header (merged across the columns)
    landscape: bool | None = None  # default: landscape when more than 6 columns

    @staticmethod
    def simple(title: str, columns: Sequence[str], rows: Iterable[Sequence], **kw) -> Sheet:
        return Sheet(title=title, header=[list(columns)], rows=rows, **kw)


def _safe_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, "-")
    return title[:31] or "Sheet"


def _cell(ws, row: int, col: int, value):
    from openpyxl.utils import get_column_letter  # noqa: F401  (import check)

    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    if isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from gongkai.rules.dates import local

            value = local(value).replace(tzinfo=None)
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, int | float | decimal.Decimal):
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def workbook(sheets: Sequence[Sheet]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sheet in sheets:
        ws = wb.create_sheet(_safe_title(sheet.title))
        ncols = max([len(r) for r in sheet.header] or [1])
        r = 1
        if sheet.caption:
            c = _cell(ws, 1, 1, sheet.caption)
            c.font = Font(bold=True, size=14)
            c.alignment = Alignment(horizontal="center")
            if ncols > 1:
                ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
            r = 2
        first_header = r
        for hrow in sheet.header:
            for ci, value in enumerate(hrow, start=1):
                c = _cell(ws, r, ci, value)
                c.font = Font(bold=True)
                c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                c.border = border
            r += 1
        offset = first_header - 1
        for rng in sheet.merges:
            from openpyxl.utils.cell import range_boundaries

            c1, r1, c2, r2 = range_boundaries(rng)
            ws.merge_cells(
                start_row=r1 + offset, start_column=c1, end_row=r2 + offset, end_column=c2
            )
        last_header = r - 1
        for data in sheet.rows:
            for ci, value in enumerate(data, start=1):
                _cell(ws, r, ci, value).border = border
            ncols = max(ncols, len(data))
            r += 1
        for ci in range(1, ncols + 1):
            width = sheet.widths[ci - 1] if ci - 1 < len(sheet.widths) else None
            if width is None:
                longest = 4
                for row in ws.iter_rows(
                    min_col=ci, max_col=ci, min_row=first_header, max_row=min(r, first_header + 200)
                ):
                    v = row[0].value
                    if v is not None:
                        text = v.isoformat() if isinstance(v, dt.date) else str(v)
                        longest = max(
                            longest, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text[:60])
                        )
                width = min(longest + 2, 60)
            ws.column_dimensions[get_column_letter(ci)].width = width
        if last_header >= first_header:
            ws.freeze_panes = ws.cell(row=last_header + 1, column=1)
            ws.print_title_rows = f"{first_header}:{last_header}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        landscape = sheet.landscape if sheet.landscape is not None else ncols > 6
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    buf = io.BytesIO()
    workbook(sheets).save(buf)
    return buf.getvalue()


def _attachment(response, filename: str):
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(filename: str, sheets: Sequence[Sheet]):
    from django.http import HttpResponse

    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from gongkai.rules.dates import local

        return (
            local(value).strftime("%Y-%m-%d %H:%M")
            if value.tzinfo
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text  # Excel would run it as a formula
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def csv_bytes(rows: Iterable[Sequence], header: Sequence[str] | None = None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow([_csv_text(h) for h in header])
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def csv_response(filename: str, rows: Iterable[Sequence], header: Sequence[str] | None = None):
    from django.http import HttpResponse

    return _attachment(HttpResponse(csv_bytes(rows, header), content_type=CSV_TYPE), filename)


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise Invalid("无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的 CSV，或 .xlsx。")


def read_rows(name: str, data: bytes, *, sheet: str | int = 0) -> list[list]:
    """The rows of an uploaded table (.xlsx first sheet, or .csv); empty rows dropped."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext == "csv" or (ext != "xlsx" and not data.startswith(b"PK")):
        text = _decode(data)
        return [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise Invalid(f"“{name}”不是可以读取的 Excel 文件（{type(exc).__name__}）。") from exc
    try:
        ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
        rows = []
        for row in ws.iter_rows(values_only=True):
            values = ["" if v is None else v for v in row]
            if any(str(v).strip() for v in values):
                rows.append(values)
        return rows
    finally:
        wb.close()
