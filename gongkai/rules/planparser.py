"""Reading a 政务公开工作要点 (plan) into tasks, lead units and time rules.

Two input forms:

1. The notice as text (.txt, .md, .docx): OCR'd markdown headings, page breaks that split
   sentences and headings, half/full-width brackets. Numbering gives the tree: 一、 (level 1),
   （一） (level 2), 1. (level 3). A task closes with its responsibility parenthesis
   (（市财政局牵头落实）); a paragraph with several of them is split into sub-tasks a, b, c;
   a task with none applies to all (section 六 of the seeds).
2. A task table (.xlsx, .csv) with the columns 序号 / 任务 / 主要内容 / 责任单位 / 时限.

``parse_file(path)`` / ``parse_bytes(name, data)`` / ``parse_text(text)`` return a
:class:`ParsedPlan`; ``ParsedPlan.as_dict()`` is the JSON of ``gongkai plan parse``.
Bad input raises :class:`PlanParseError` (``str()`` in English, ``.message_zh`` for people).
No Django import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.rules import orgnames, timerules

CN_NUMERALS = "一二三四五六七八九十"
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# Terminal punctuation: a paragraph ending otherwise was cut by a page break.
_TERMINAL = tuple("。；;！!？?）)：:”」")
_L1 = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})[、.．]\s*(?P<rest>.*)$", re.S)
_L2 = re.compile(r"^[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?P<rest>.*)$", re.S)
_L3 = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$", re.S)
_ROLE_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?(?:牵头|负责|配合|共同)?(?:落实|负责)$|牵头$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(印发|发布)?$")


class PlanParseError(ValueError):
    """The file cannot be read as a plan. ``str()`` is English; ``message_zh`` is for people."""

    def __init__(self, message: str, message_zh: str):
        super().__init__(message)
        self.message_zh = message_zh


@dataclass
class ParsedTask:
    path: list[str]
    heading: str
    text: str
    lead_units: list[str] = field(default_factory=list)
    applies_to_all: bool = False
    responsibility: str = ""  # the parenthesis body as written
    obligations: list[timerules.TimeRule] = field(default_factory=list)

    @property
    def path_label(self) -> str:
        return "".join(p if not p.isdigit() else f"{p}." for p in self.path)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "heading": self.heading,
            "text": self.text,
            "lead_units": self.lead_units,
            "applies_to_all": self.applies_to_all,
            "obligations": [o.as_dict() for o in self.obligations],
        }


@dataclass
class ParsedPlan:
    title: str = ""
    plan_title: str = ""
    issuer: str = ""
    doc_number: str = ""
    signed_on: dt.date | None = None
    printed_on: dt.date | None = None
    year: int | None = None
    sections: dict[str, str] = field(default_factory=dict)  # path label → heading
    tasks: list[ParsedTask] = field(default_factory=list)
    source_form: str = "text"

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "plan_title": self.plan_title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "printed_on": self.printed_on.isoformat() if self.printed_on else None,
            "year": self.year,
            "sections": self.sections,
            "tasks": [t.as_dict() for t in self.tasks],
        }

    @property
    def city_name(self) -> str:
        """The city an issuer belongs to: 聊城市人民政府办公室 → 聊城市."""
        m = re.match(r"^(.{1,8}?市)", self.issuer or self.title)
        return m.group(1) if m else ""


# -- reading bytes --------------------------------------------------------------------------
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


# -- the text form -------------------------------------------------------------------------
def _clean_line(line: str) -> str:
    s = line.replace("\u3000", " ").strip()
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = s.replace("**", "").replace("__", "")
    if re.fullmatch(r"[-=*_]{3,}", s):
        return ""
    return s.strip()


def _squeeze(s: str) -> str:
    """No spaces between CJK characters/digits (OCR adds them); keep them between Latin words."""
    s = re.sub(r"\s+", " ", s)
    return re.sub(r"(?<=[^A-Za-z]) | (?=[^A-Za-z])", "", s)


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single line breaks inside a paragraph are joined."""
    paras, cur = [], []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n"):
        line = _clean_line(raw)
        if not line:
            if cur:
                paras.append(_squeeze("".join(cur)))
                cur = []
            continue
        # A numbered heading always starts a new paragraph even without a blank line.
        if cur and (_L1.match(line) or _L2.match(line) or _L3.match(line)):
            paras.append(_squeeze("".join(cur)))
            cur = []
        cur.append(line)
    if cur:
        paras.append(_squeeze("".join(cur)))
    return [p for p in paras if p]


def _first_clause_len(s: str) -> int:
    m = re.search(r"[，,。；;、：:]", s)
    return m.start() if m else len(s)


def _is_numbered(s: str) -> bool:
    return bool(_L1.match(s) or _L2.match(s) or _L3.match(s))


def _heading_only(s: str) -> bool:
    return _is_numbered(s) and "。" not in s and not s.endswith(_TERMINAL)


def _join_breaks(paras: list[str]) -> list[str]:
    """Undo page breaks: join a paragraph that stops mid-sentence with the next one."""
    out: list[str] = []
    for p in paras:
        if out:
            prev = out[-1]
            joined = False
            if _heading_only(prev):
                # "1. …目录公" + "开。以清单…": a heading cut in two.
                if not _is_numbered(p) and _first_clause_len(p) <= 3:
                    out[-1] = prev + p
                    joined = True
            elif not prev.endswith(_TERMINAL) and not _is_numbered(p):
                out[-1] = prev + p
                joined = True
            elif _responsibility_only(p):
                out[-1] = prev + p  # a parenthesis on its own line belongs to the paragraph above
                joined = True
            if joined:
                continue
        out.append(p)
    return out


def _responsibility_only(p: str) -> bool:
    spans = find_responsibilities(p)
    return len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(p)


def find_responsibilities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of every top-level responsibility parenthesis in ``text``."""
    found = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "（(":
            stack.append(i)
        elif ch in "）)" and stack:
            start = stack.pop()
            if stack:
                continue
            body = text[start + 1 : i]
            if _ROLE_TAIL.search(orgnames.normalise(body)) and len(body) <= 200:
                found.append((start, i + 1, body))
    return found


def lead_units_of(body: str) -> list[str]:
    """The units of a responsibility parenthesis, in order, exactly as written."""
    core = _ROLE_TAIL.sub("", orgnames.normalise(body))
    # 各县(市、区)政府 is one unit: protect separators inside nested brackets.
    protected, depth = [], 0
    for ch in core:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        protected.append(_SEP_GUARD if depth and ch in "、,，" else ch)
    return [u.replace(_SEP_GUARD, "、") for u in orgnames.split_units("".join(protected))]


_SEP_GUARD = "\ue000"


def _split_heading(rest: str) -> tuple[str, str]:
    """'加强统计信息公开。组织召开…' → ('加强统计信息公开', '组织召开…')."""
    m = re.search(r"[。]", rest)
    if m and m.start() <= 60:
        return rest[: m.start()], rest[m.end() :]
    if not rest.endswith(_TERMINAL) and len(rest) <= 60 and not find_responsibilities(rest):
        return rest, ""
    return "", rest


def _parse_date(s: str) -> dt.date | None:
    m = _DATE.match(s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass
class _Node:
    level: int
    num: str
    heading: str
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def parse_text(text: str, year: int | None = None) -> ParsedPlan:
    if "\ufffd" in text[:2000] and text.count("\ufffd") > 5:
        raise PlanParseError(
            "the text contains replacement characters: wrong encoding",
            "文件中有大量乱码，请确认编码（UTF-8 或 GB18030）。",
        )
    paras = _paragraphs(text)
    plan = ParsedPlan()
    # -- header: everything before the first level-1 heading --
    first = next((i for i, p in enumerate(paras) if _L1.match(p) and len(p) < 80), None)
    if first is None:
        raise PlanParseError(
            "not a plan: no numbered sections (一、 二、 …) found",
            "这不是工作要点：找不到“一、”“二、”等编号的部分。",
        )
    header, body_paras = paras[:first], paras[first:]
    _read_header(plan, header)
    # -- the end: 抄送, the signature and the printing date --
    end = len(body_paras)
    for i, p in enumerate(body_paras):
        if p.startswith(("抄送", "附件：", "附件:")) or (_parse_date(p) and i > 0):
            end = i
            break
    tail = body_paras[end:]
    body_paras = body_paras[:end]
    for p in tail:
        d = _parse_date(p)
        if d and _DATE.match(p).group(4):
            plan.printed_on = d
    # Signature line right before the printed date (no 抄送): drop an issuer name.
    while body_paras and body_paras[-1] == plan.issuer:
        body_paras.pop()
    if year is not None:
        plan.year = year
    body_paras = _join_breaks(body_paras)
    roots = _tree(body_paras)
    plan.tasks = _tasks(roots, plan.year)
    for r in roots:
        plan.sections[r.num] = r.heading
        for c in r.children:
            plan.sections[r.num + "/" + c.num] = c.heading
    if not plan.tasks:
        raise PlanParseError(
            "not a plan: no tasks found under the numbered sections",
            "这不是工作要点：编号部分下没有找到任何任务。",
        )
    return plan


def _read_header(plan: ParsedPlan, header: list[str]) -> None:
    dates = []
    for i, p in enumerate(header):
        s = p
        if not plan.doc_number:
            m = _DOC_NUMBER.search(s)
            if m and len(s) < 40:
                plan.doc_number = _squeeze(m.group(0)).replace("[", "〔").replace("]", "〕")
        if "关于印发" in s and s.endswith("通知") and not plan.title:
            plan.title = s
        if s.endswith("文件") and len(s) < 30 and not plan.issuer:
            plan.issuer = s[: -len("文件")]
        d = _parse_date(s)
        if d:
            dates.append((i, d, _DATE.match(s).group(4)))
        if re.fullmatch(r"\d{4}年.{0,20}工作要点", s):
            plan.plan_title = s
        elif not plan.plan_title:
            m = re.search(r"《(\d{4}年[^》]{0,30}工作要点)》", s)
            if m:
                plan.plan_title = m.group(1)
    for i, d, printed in dates:
        if printed:
            plan.printed_on = d
        elif plan.signed_on is None:
            plan.signed_on = d
            if i > 0 and len(header[i - 1]) < 30 and not header[i - 1].endswith(_TERMINAL):
                plan.issuer = header[i - 1]
    if not plan.title:
        plan.title = plan.plan_title
    if not plan.issuer and plan.title:
        m = re.match(r"^(.+?)关于印发", plan.title)
        if m:
            plan.issuer = m.group(1)
    m = re.search(r"(\d{4})年", plan.plan_title or plan.title)
    if m:
        plan.year = int(m.group(1))
    elif plan.signed_on:
        plan.year = plan.signed_on.year


def _tree(paras: list[str]) -> list[_Node]:
    roots: list[_Node] = []
    l1 = l2 = l3 = None
    for p in paras:
        m1, m2, m3 = _L1.match(p), _L2.match(p), _L3.match(p)
        if m1 and len(p) < 200:
            heading, rest = _split_heading(m1.group("rest"))
            l1 = _Node(1, m1.group("num"), heading.strip("。 ") or rest[:30])
            if rest and heading:
                l1.body.append(rest)
            roots.append(l1)
            l2 = l3 = None
        elif m2 and l1 is not None:
            heading, rest = _split_heading(m2.group("rest"))
            l2 = _Node(2, "（" + m2.group("num") + "）", heading.strip("。 "))
            if rest:
                l2.body.append(rest)
            l1.children.append(l2)
            l3 = None
        elif m3 and l1 is not None:
            heading, rest = _split_heading(m3.group("rest"))
            l3 = _Node(3, str(int(m3.group("num"))), heading.strip("。 "))
            if rest:
                l3.body.append(rest)
            (l2 or l1).children.append(l3)
        else:
            target = l3 or l2 or l1
            if target is not None:
                target.body.append(p)
    return roots


def _tasks(roots: list[_Node], year: int | None) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []

    def emit(path: list[str], node: _Node, with_children: bool) -> None:
        text = "\n".join(node.body)
        if not text and not node.heading:
            return
        spans = find_responsibilities(text)
        if with_children and not spans:
            return  # an introduction to the numbered items below it
        if not text.strip() and with_children:
            return
        tasks.extend(_split_task(path, node.heading, text, spans, year))

    for r in roots:
        if not r.children:
            emit([r.num], r, False)
            continue
        if r.body:
            emit([r.num], r, True)
        for c in r.children:
            if c.level == 3:
                emit([r.num, c.num], c, False)
                continue
            if c.body or not c.children:
                emit([r.num, c.num], c, bool(c.children))
            for g in c.children:
                emit([r.num, c.num, g.num], g, False)
    return tasks


def _rules(heading: str, text: str, year) -> list[timerules.TimeRule]:
    """The rules of a heading and its text; a heading that only restates a rule of the text
    (1. 按月公开财政收支。每月公开上月财政收支情况…) does not count it twice."""
    body = timerules.extract(text, year) if text else []
    if not heading or heading == text:
        return body
    keys = {r.key() for r in body}
    head = [r for r in timerules.extract(heading, year) if r.key() not in keys]
    return head + body


def _split_task(path, heading, text, spans, year) -> list[ParsedTask]:
    if not spans:
        text = text.strip() or heading
        return [
            ParsedTask(
                list(path),
                heading,
                text,
                applies_to_all=True,
                obligations=_rules(heading, text, year),
            )
        ]
    segments = []
    start = 0
    for i, (s, e, body) in enumerate(spans):
        seg_text = text[start:s]
        if i == len(spans) - 1:
            trailing = text[e:].strip()
            if trailing:
                seg_text += "\n" + trailing
        segments.append((seg_text.strip(), body))
        start = e
    out = []
    for i, (seg_text, body) in enumerate(segments):
        task_path = list(path) + ([LETTERS[i]] if len(segments) > 1 else [])
        seg_text = seg_text or (heading if i == 0 else "")
        out.append(
            ParsedTask(
                task_path,
                heading,
                seg_text,
                lead_units=lead_units_of(body),
                responsibility=_squeeze(body),
                obligations=_rules(heading if i == 0 else "", seg_text, year),
            )
        )
    return out


# -- the table form --------------------------------------------------------------------------
_COLUMNS = {
    "no": ("序号", "编号"),
    "task": ("任务", "工作任务", "重点任务", "任务名称"),
    "content": ("主要内容", "具体要求", "工作内容", "任务内容", "具体内容"),
    "units": ("责任单位", "牵头单位", "责任部门", "牵头部门"),
    "time": ("时限", "时限要求", "完成时限", "时间要求"),
}


def _header_map(row) -> dict[str, int]:
    cells = [orgnames.normalise(str(c or "")) for c in row]
    found = {}
    for key, names in _COLUMNS.items():
        for i, c in enumerate(cells):
            if c in names and key not in found:
                found[key] = i
    if "task" in found and "units" in found:
        return found
    if "content" in found and "units" in found:
        return found
    return {}


def _path_from_number(raw: str, seq: int) -> list[str]:
    s = orgnames.normalise(raw)
    if not s:
        return [str(seq)]
    path: list[str] = []
    if re.fullmatch(r"\d+(\.\d+)*", s):
        nums = [int(n) for n in s.split(".")]
        if len(nums) >= 2:
            path.append(CN_NUMERALS[nums[0] - 1] if 0 < nums[0] <= 10 else str(nums[0]))
            path.append(
                "（" + (CN_NUMERALS[nums[1] - 1] if 0 < nums[1] <= 10 else str(nums[1])) + "）"
            )
            path.extend(str(n) for n in nums[2:])
            return path
        return [str(nums[0])]
    m = re.fullmatch(
        r"(?P<l1>[一二三四五六七八九十]+)?[、./]?(?:\((?P<l2>[一二三四五六七八九十]+)\))?[/]?"
        r"(?P<l3>\d+)?[.、/]?(?P<l4>[a-z])?",
        s,
    )
    if m:
        if m.group("l1"):
            path.append(m.group("l1"))
        if m.group("l2"):
            path.append("（" + m.group("l2") + "）")
        if m.group("l3"):
            path.append(m.group("l3"))
        if m.group("l4"):
            path.append(m.group("l4"))
    return path or [str(seq)]


def parse_rows(rows: list, year: int | None = None) -> ParsedPlan:
    """The task-table form: a header row with 任务 / 主要内容 / 责任单位 / 时限, one task a row."""
    rows = [list(r) for r in rows if r is not None]
    start = next((i for i, r in enumerate(rows[:10]) if _header_map(r)), None)
    if start is None:
        raise PlanParseError(
            "not a task table: no header row with 任务 and 责任单位",
            "这不是任务分解表：找不到包含“任务”“责任单位”的表头。",
        )
    cols = _header_map(rows[start])
    plan = ParsedPlan(source_form="table", year=year)
    for r in rows[:start]:
        t = _squeeze(" ".join(str(c) for c in r if c))
        if t and not plan.title:
            plan.title = plan.plan_title = t
    if plan.year is None:
        m = re.search(r"(\d{4})年", plan.title)
        plan.year = int(m.group(1)) if m else None

    def cell(row, key):
        i = cols.get(key)
        if i is None or i >= len(row) or row[i] is None:
            return ""
        return _squeeze(str(row[i]).replace("\n", ""))

    seq = 0
    for row in rows[start + 1 :]:
        task, content, units, time = (cell(row, k) for k in ("task", "content", "units", "time"))
        if not (task or content):
            continue
        seq += 1
        path = _path_from_number(cell(row, "no"), seq)
        rules = timerules.extract(time, plan.year) if time else []
        if time and not rules:
            rules = [timerules.TimeRule(time, "continuous", what=task or content)]
        if not time:
            rules = timerules.extract(content, plan.year)
        spans = find_responsibilities(units)
        body = spans[0][2] if spans else units
        lead = lead_units_of(body) if body else []
        plan.tasks.append(
            ParsedTask(
                path,
                task,
                content,
                lead_units=lead,
                applies_to_all=not lead,
                responsibility=body,
                obligations=rules,
            )
        )
    if not plan.tasks:
        raise PlanParseError("the task table has no rows", "任务分解表中没有任务。")
    return plan


def normalise_path(path: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKC", p).replace("(", "（").replace(")", "）") for p in path]
