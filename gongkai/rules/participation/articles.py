"""Reading a draft into its legal structure: 章 / 节 / 条 / 款.

Real drafts come as Word text, pasted web pages or OCR output, so the reader tolerates:

* full-width digits and spaces (第１２条, "第　三　条"), spaces inside headings (OCR);
* line breaks in the middle of a sentence (a page or column break): a line that does not end a
  sentence is joined with the next one;
* a cross-reference that an OCR break put at the start of a line ("……依照本办法\\n第五条规定"):
  a 第X条 at the start of a line opens an article only when the line before ended a sentence
  or a heading, or when the heading is followed by a space, and never when it goes backwards;
* Arabic or Chinese numerals (第十二条, 第12条, 第一百零一条).

A 款 is a paragraph of an article (a new line after a finished sentence). Text before the first
article (title, 制定说明) is returned as the preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = r"[0-9一二三四五六七八九十百千零〇两]{1,8}"
_HEAD = re.compile(rf"^第\s*(?P<num>{_NUM})\s*(?P<kind>[章节条])(?P<rest>.*)$", re.S)
_TERMINAL = tuple("。；;！!？?：:”」）)")


def cn_number(text: str) -> int | None:
    """一百零一 → 101, 十二 → 12, 12 → 12; None when not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def cn_numeral(n: int) -> str:
    """12 → 十二, 101 → 一百零一 (how articles are labelled)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return digits[hundreds] + "百"
    if rest < 10:
        return digits[hundreds] + "百零" + digits[rest]
    tail = cn_numeral(rest)
    return digits[hundreds] + "百" + ("一" + tail if tail.startswith("十") else tail)


def normalise_width(text: str) -> str:
    """Full-width digits, letters and spaces to half width; Chinese punctuation kept."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\u3000":
            out.append(" ")
        elif 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def _squeeze(s: str) -> str:
    """No spaces between CJK characters (OCR adds them); keep them between Latin words."""
    s = re.sub(r"[ \t]+", " ", s).strip()
    return re.sub(r"(?<=[^A-Za-z0-9]) | (?=[^A-Za-z0-9])", "", s)


@dataclass
class Article:
    number: int
    label: str  # 第十二条
    text: str  # the article's text without its label (款 separated by "\n")
    chapter: str = ""  # 第二章　申请条件
    section: str = ""  # 第一节　……
    clauses: list[str] = field(default_factory=list)  # 款

    @property
    def key(self) -> str:
        return f"art-{self.number}"


@dataclass
class ParsedDraft:
    preamble: str = ""
    chapters: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def by_number(self) -> dict[int, Article]:
        return {a.number: a for a in self.articles}


def _lines(text: str) -> list[str]:
    text = normalise_width(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    return [_squeeze(line) for line in text.split("\n")]


def _heading(line: str, prev_line: str, last_article: int):
    m = _HEAD.match(line)
    if not m:
        return None
    number = cn_number(m.group("num"))
    if number is None or number == 0:
        return None
    kind, rest = m.group("kind"), m.group("rest")
    if kind in "章节":
        # "第二章 申请条件" is short and has no sentence end inside
        if len(rest) > 40 or "。" in rest:
            return None
        return kind, number, rest.strip()
    # An article: reject a cross-reference carried to the start of a line.
    spaced = rest[:1] in (" ", "") or rest[:1] in "　"
    after_sentence = not prev_line or prev_line.endswith(_TERMINAL) or bool(_HEAD.match(prev_line))
    if number <= last_article:
        return None
    if not (spaced or after_sentence):
        return None
    if not spaced and rest[:2] in ("规定", "所述", "之规", "的规", "中规", "第"):
        return None
    return kind, number, rest.strip()


def parse(text: str) -> ParsedDraft:
    """The articles of a draft's text (see the module docstring for what is tolerated)."""
    result = ParsedDraft()
    chapter = section = ""
    current: Article | None = None
    paras: list[str] = []  # clauses of the current article (or preamble lines)
    preamble: list[str] = []
    prev = ""

    def flush():
        nonlocal paras
        if current is not None:
            current.clauses = [p for p in paras if p]
            current.text = "\n".join(current.clauses)
            result.articles.append(current)
        paras = []

    for line in _lines(text):
        if not line:
            # a blank line ends a clause only if the sentence is finished
            if paras and paras[-1].endswith(_TERMINAL):
                paras.append("")
            continue
        head = _heading(line, prev, current.number if current else 0)
        if head is not None:
            kind, number, rest = head
            if kind == "章":
                flush()
                current = None
                chapter = f"第{cn_numeral(number)}章" + (f"　{rest}" if rest else "")
                section = ""
                result.chapters.append(chapter)
            elif kind == "节":
                flush()
                current = None
                section = f"第{cn_numeral(number)}节" + (f"　{rest}" if rest else "")
            else:
                flush()
                if result.articles and number != result.articles[-1].number + 1:
                    result.warnings.append(
                        f"第{cn_numeral(result.articles[-1].number)}条之后是第{cn_numeral(number)}条，条文编号不连续。"
                    )
                current = Article(
                    number=number,
                    label=f"第{cn_numeral(number)}条",
                    text="",
                    chapter=chapter,
                    section=section,
                )
                paras = [rest] if rest else []
            prev = line
            continue
        target = paras if current is not None else preamble
        if target and target[-1] and not target[-1].endswith(_TERMINAL):
            target[-1] += line  # a sentence broken across lines
        elif target and target[-1] == "":
            target[-1] = line
        else:
            target.append(line)
        prev = line
    flush()
    result.preamble = "\n".join(p for p in preamble if p)
    if not result.articles:
        result.warnings.append("未识别出“第X条”形式的条文，意见只能针对全文提出。")
    return result
