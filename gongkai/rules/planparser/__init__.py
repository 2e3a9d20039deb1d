"""Reading a 政务公开工作要点 (plan) into tasks, lead units and time rules.

Two input forms:

1. The notice as text (.txt, .md, .docx): OCR'd markdown headings, page breaks that split
   sentences and headings, half/full-width brackets. Numbering gives the tree: 一、 (level 1),
   （一） (level 2), 1. (level 3). A task closes with its responsibility parenthesis
   (（市财政局牵头落实）); a paragraph with several of them is split into sub-tasks a, b, c;
   a task with none applies to all (section 六 of the seeds).
2. A task table (.xlsx, .csv) with the columns 序号 / 任务 / 主要内容 / 责任单位 / 时限.

Plans written in other conventions (docs/plans.md, "Reading plans written in other
conventions"): no red header (the 要点's own title, the signature under the notice), labelled
responsibility (（牵头单位：…；责任单位：…；完成时限：…）, [责任单位：…]), bare unit parentheses,
task tables flattened to text (``cells``), numbered rows without sections, sections running inline.

Modules: ``reading`` (bytes, formats), ``layout`` (paragraphs, page breaks), ``cells``
(flattened tables), ``responsibility``, ``header`` (the notice), ``text`` (sections → tasks),
``table`` (spreadsheets), ``model`` (the result).

``parse_file(path)`` / ``parse_bytes(name, data)`` / ``parse_text(text)`` return a
:class:`ParsedPlan`; ``ParsedPlan.as_dict()`` is the JSON of ``gongkai plan parse``.
Bad input raises :class:`PlanParseError` (``str()`` in English, ``.message_zh`` for people).
No Django import.
"""

from gongkai.rules.planparser.model import (
    CN_NUMERALS,
    LETTERS,
    ParsedPlan,
    ParsedTask,
    PlanParseError,
    normalise_path,
)
from gongkai.rules.planparser.reading import decode, parse_bytes, parse_file
from gongkai.rules.planparser.responsibility import find_responsibilities, lead_units_of
from gongkai.rules.planparser.table import parse_rows
from gongkai.rules.planparser.text import parse_text

__all__ = [
    "CN_NUMERALS",
    "LETTERS",
    "ParsedPlan",
    "ParsedTask",
    "PlanParseError",
    "decode",
    "find_responsibilities",
    "lead_units_of",
    "normalise_path",
    "parse_bytes",
    "parse_file",
    "parse_rows",
    "parse_text",
]
