"""Reading the metadata block at the top of a government document (红头文件):
issuing office (…文件), doc number, title (…关于…的通知), signing date (2017年5月27日).

Tolerates OCR noise: stray markdown ``#``, spaces inside words, half/full-width punctuation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.rules import docnumber

_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])")


@dataclass
class Header:
    issuer: str = ""
    doc_number: str = ""
    title: str = ""
    signed_on: dt.date | None = None


def _clean(line: str) -> str:
    return _CJK_SPACE.sub("", line.strip().lstrip("#").strip())


def parse_header(text: str, *, max_lines: int = 40) -> Header:
    header = Header()
    lines = [_clean(raw) for raw in (text or "").splitlines()]
    lines = [line for line in lines if line][:max_lines]
    for line in lines:
        if not header.issuer and line.endswith("文件") and len(line) <= 30:
            header.issuer = line[: -len("文件")]
        elif not header.doc_number and docnumber.problem(line) is None:
            try:
                header.doc_number = docnumber.normalise(line)
            except docnumber.DocNumberError:
                pass
        elif not header.title and "关于" in line and len(line) <= 120:
            header.title = line
        elif header.title and header.signed_on is None:
            m = _DATE.match(line)
            if m:
                try:
                    header.signed_on = dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    pass
    return header
