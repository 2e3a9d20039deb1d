"""The parsed plan: tasks with their path, units and time rules."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.rules import timerules

CN_NUMERALS = "一二三四五六七八九十"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


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


def normalise_path(path: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKC", p).replace("(", "（").replace(")", "）") for p in path]
