"""The personal-data guard (去标识化检查): finds unmasked personal numbers in text.

What it looks for, and how it avoids firing on ordinary numbers:

- 18-digit resident ID numbers: the birth date must be a real date and the check character
  (ISO 7064 MOD 11-2, via ``gongkai.rules.idcard``) must match, so a random run of 18 digits
  (a document serial, an amount) is not reported;
- 15-digit first-generation ID numbers: area code and a real 19YYMMDD birth date;
- mainland mobile numbers: 1[3-9]x + 8 digits, optionally +86, with spaces or hyphens in the
  usual 3-4-4 places;
- bank card numbers: 16 to 19 digits (optionally in groups of four) passing the Luhn check.

Numbers already masked (3701**********1234, 138****5678) contain ``*`` and never match. A run of
digits glued to more digits or letters is not a match either (it is part of something longer).

Evasions are normalised away before matching (issue #17.8): zero-width and other invisible
characters, full-width digits, and digits spread out with dots, spaces or other separators
("1 3 8.0013.8000"); ``scan_html`` also reads the attributes that reach the public (``href``
with ``tel:``/``mailto:``, ``title``, ``alt``). Positions of findings always refer to the text
as given, so masking replaces exactly the characters that carry the number.

``mask_text`` applies the usual masking: ID numbers keep their first 4 and last 4 characters,
mobile numbers their first 3 and last 4, bank cards their first 4 and last 4.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import re
import unicodedata
from dataclasses import dataclass

from gongkai.rules.idcard import birth_date, is_valid_id_number, mask_id_number

KIND_LABELS = {
    "id18": "身份证号码",
    "id15": "身份证号码（15位）",
    "mobile": "手机号码",
    "bankcard": "银行卡号",
}

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{14}(?![0-9A-Za-z])")
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])"
)
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{4}[ -]?){3}\d{4}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    value: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def masked(self) -> str:
        return mask_value(self.kind, self.value)

    def context(self, text: str, width: int = 16) -> tuple[str, str]:
        """(text before, text after) the finding, for showing it in place."""
        return text[max(0, self.start - width) : self.start], text[self.end : self.end + width]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _id15_ok(number: str) -> bool:
    try:
        born = dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return born.year >= 1900


def _looks_like_id(digits: str) -> bool:
    born = birth_date(digits)
    return born is not None and dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061"}
_SPREAD = re.compile(r"\d{1,4}(?:([ \u3000.\-·_．－])\1?\d{1,4}){2,}")
_SEPARATORS = " \u3000.-·_．－"


def _normalise(text: str) -> tuple[str, list[int]]:
    """``text`` without invisible characters and with ASCII digits; and for every character of
    the result, its position in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE or unicodedata.category(ch) == "Cf":
            continue
        if "０" <= ch <= "９" or ch in "Ｘｘ＋":
            ch = unicodedata.normalize("NFKC", ch)
        out.append(ch)
        where.append(i)
    return "".join(out), where


def scan(text: str) -> list[Finding]:
    """Every unmasked personal number in ``text``, in order of position (evasions included)."""
    if not text:
        return []
    norm, where = _normalise(text)
    found = {(f.start, f.end): f for f in _scan_plain(norm)}
    # digits spread out with separators: collapse each run and scan the digits alone
    for m in _SPREAD.finditer(norm):
        run = m.group(0)
        digits_at = [m.start() + k for k, ch in enumerate(run) if ch.isdigit()]
        seps = {ch for ch in run if not ch.isdigit()}
        # one kind of separator on one line, and exactly the length of a personal number: a row
        # of table figures ("14 13 92.9 2026") is not a spread-out phone number
        if len(seps) != 1 or not seps <= set(_SEPARATORS):
            continue
        if len(digits_at) not in (11, 15, 16, 17, 18, 19):
            continue
        collapsed = "".join(norm[k] for k in digits_at)
        for f in _scan_plain(collapsed):
            start, end = digits_at[f.start], digits_at[f.end - 1] + 1
            if not any(s <= start < e or s < end <= e for s, e in found):
                found[(start, end)] = Finding(f.kind, start, end, f.value)
    result = []
    for f in found.values():
        start, end = where[f.start], where[f.end - 1] + 1
        result.append(Finding(f.kind, start, end, text[start:end]))
    return sorted(result, key=lambda f: f.start)


_ATTR = re.compile(
    r"""\b(?:href|title|alt|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)
_TAG = re.compile(r"<[^>]*>")


def public_text_of_html(markup: str) -> str:
    """All the text of an HTML fragment that a visitor can see or reach: the text itself and the
    attribute values (links such as ``tel:``, titles, alternative texts)."""
    if not markup:
        return ""
    attrs = [next(g for g in m.groups() if g is not None) for m in _ATTR.finditer(markup)]
    text = html_lib.unescape(_TAG.sub(" ", markup))
    return "\n".join([text, *(html_lib.unescape(a) for a in attrs)])


def scan_html(markup: str) -> list[Finding]:
    """Findings in an HTML fragment, its attributes included (positions refer to
    ``public_text_of_html(markup)``)."""
    return scan(public_text_of_html(markup))


def _scan_plain(text: str) -> list[Finding]:
    if not text:
        return []
    found: list[Finding] = []
    taken = bytearray(len(text))  # 1 where a finding already covers the character

    def free(m: re.Match) -> bool:
        return not any(taken[m.start() : m.end()])

    def add(kind: str, m: re.Match) -> None:
        found.append(Finding(kind, m.start(), m.end(), m.group(0)))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    for m in _ID18.finditer(text):
        if is_valid_id_number(m.group(0)):
            add("id18", m)
    for m in _MOBILE.finditer(text):
        if free(m):
            add("mobile", m)
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) == 18 and _looks_like_id(digits):
            continue  # an ID number with a wrong check digit is a typo, not a bank card
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and free(m):
            add("bankcard", m)
    for m in _ID15.finditer(text):
        if _id15_ok(m.group(0)) and free(m):
            add("id15", m)
    return sorted(found, key=lambda f: f.start)


def mask_value(kind: str, value: str) -> str:
    if kind in ("id18", "id15"):
        return mask_id_number(value)
    digits = re.sub(r"\D", "", value)
    if kind == "mobile":
        digits = digits[-11:]
        return digits[:3] + "****" + digits[-4:]
    if kind == "bankcard":
        return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    raise ValueError(kind)


def mask_text(text: str) -> tuple[str, int]:
    """``text`` with every finding masked, and how many were masked."""
    findings = scan(text)
    parts, pos = [], 0
    for f in findings:
        parts += [text[pos : f.start], f.masked]
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), len(findings)


def mask_xlsx(data: bytes) -> tuple[bytes, int]:
    """Mask every finding in the text cells of a workbook; returns (new file, count)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    count = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, int) and not isinstance(value, bool):
                    value = str(value)  # an ID or card typed as a number
                    masked, n = mask_text(value)
                    if n:
                        cell.value = masked
                        count += n
                elif isinstance(value, str):
                    masked, n = mask_text(value)
                    if n:
                        cell.value = masked
                        count += n
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), count


def mask_docx(data: bytes) -> tuple[bytes, int]:
    """Mask every finding in a Word document (paragraphs and table cells, run by run)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    count = 0

    def paragraphs():
        yield from document.paragraphs
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from cell.paragraphs

    for paragraph in paragraphs():
        full = paragraph.text
        if not scan(full):
            continue
        masked, n = mask_text(full)
        runs = paragraph.runs
        if not runs:
            continue
        # Put the masked text in the first run (keeping its formatting) and empty the others:
        # a number split over several runs is still masked.
        runs[0].text = masked
        for run in runs[1:]:
            run.text = ""
        count += n
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


MASKABLE_EXTENSIONS = {"xlsx": mask_xlsx, "docx": mask_docx}
