"""Document numbers (发文字号) as people type them: 聊政办发〔2017〕9号, 聊政办发[2017]9号,
聊政办发(2017)9号, 聊政办发2017年9号, 聊政办发〔2017〕第9号 all mean the same document.

``doc_key`` reduces any spelling to one key (agency code, year, serial) used to look the item
up before any full-text match. No Django import.
"""

from __future__ import annotations

import re
import unicodedata

_OPEN = "〔[(（【［{｛<《"
_CLOSE = "〕])）】］}｝>》"
_PATTERN = re.compile(
    r"^(?P<prefix>[\u3400-\u9fff]{1,20}?)\s*"
    r"[" + re.escape(_OPEN) + r"]?\s*(?P<year>(?:19|20)\d{2})\s*年?\s*"
    r"[" + re.escape(_CLOSE) + r"]?\s*第?\s*(?P<serial>\d{1,5})\s*号$"
)


def doc_key(text: str) -> str | None:
    """``prefix|year|serial`` for a document number, or None if the text is not one."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    m = _PATTERN.match(s)
    if not m:
        return None
    return f"{m['prefix']}|{m['year']}|{int(m['serial'])}"


def looks_like_doc_number(text: str) -> bool:
    return doc_key(text) is not None
