"""The back-catalogue importer: a folder (or one file) of issues into one gazette.

Each file is read (text layer, OCR, .docx or .txt), split by the pure rule
``gongkai.rules.gazette.split`` and stored by ``actions.import_issue``. A bad file is reported
and the rest goes on; the same file imported again changes nothing (its content hash).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.errors import GongkaiError
from gongkai.rules.gazette.split import split_issue

from . import actions
from .reading import ReadError, issue_files, read_bytes


@dataclass
class Report:
    imported: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    articles: int = 0
    proof_tasks: int = 0
    linked: int = 0
    suggested: int = 0

    def summary(self) -> str:
        return (
            f"{self.imported} imported, {self.unchanged} unchanged, {len(self.failed)} failed; "
            f"{self.articles} articles, {self.linked} linked to the catalog, "
            f"{self.suggested} links to confirm, {self.proof_tasks} to proofread"
        )


def import_one(
    actor, gazette, name: str, data: bytes, progress=None, on_page=None
) -> actions.ImportResult:
    """Read, split and store one issue; raises ReadError or GongkaiError for a bad file.
    ``on_page(n, total, message)`` is told of each page read (the long-work job's progress)."""
    from gongkai.accounts.permissions import require

    require(actor, "edit", gazette.organisation)  # before any parsing of what was uploaded
    source = read_bytes(name, data, progress, on_page)
    split = split_issue(source.pages, filename=name)
    if not split.masthead.complete:
        raise ReadError("未能从封面或文件名识别年份和期号（如“2026年第5期”或 2026-05.pdf）")
    return actions.import_issue(actor, gazette, source, split)


def import_path(
    actor, gazette, path: Path, progress: Callable[[str], None] | None = None
) -> Report:
    report = Report()
    files = issue_files(path)
    say = progress or (lambda _m: None)
    for n, file in enumerate(files, start=1):
        label = f"[{n}/{len(files)}] {file.name}"
        try:
            result = import_one(actor, gazette, file.name, file.read_bytes(), progress)
        except (ReadError, GongkaiError, OSError) as exc:
            reason = getattr(exc, "message", "") or str(exc)
            report.failed.append((file.name, reason))
            say(f"{label}: FAILED {reason}")
            continue
        if result.status == "unchanged":
            report.unchanged += 1
            say(f"{label}: unchanged ({result.issue.label})")
            continue
        report.imported += 1
        report.articles += result.articles
        report.proof_tasks += result.proof_tasks
        report.linked += result.linked
        report.suggested += result.suggested
        say(
            f"{label}: {result.issue.label}, {result.articles} articles, "
            f"{result.linked} linked, {result.proof_tasks} to proofread"
        )
    return report
