"""The text of a reply letter (答复书) as the draft holds it: generated from the decision's
facts, split into the addressee line, the body (which the clerk may edit) and the remedy
paragraph (always generated), with a fingerprint that changes when the facts do.

Read-only helpers (no writes); the changes are in ``actions.replies``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re

from . import letters, services

# characters a .docx (XML 1.0) cannot hold, and NUL, which PostgreSQL text refuses
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
ADDRESSEE, BODY, REMEDY = "addressee", "body", "remedy"
PART_LABELS = {ADDRESSEE: "称谓", BODY: "正文", REMEDY: "救济途径（自动生成）"}


def with_facts(app, outcome: str, reply_type: str, details: dict):
    """An unsaved copy of ``app`` carrying the decision's facts (the letter is rendered from
    it; the application itself stays open until the letter is sent)."""
    tmp = copy.copy(app)
    tmp.outcome, tmp.reply_type, tmp.decision = outcome, reply_type, dict(details)
    return tmp


def generate(app, outcome: str, reply_type: str, details: dict, on: dt.date):
    """(title, paragraphs, signature, basis) of the reply letter for these facts."""
    title, texts, signature = letters.render(
        with_facts(app, outcome, reply_type, details), "reply", on=on
    )
    remedy = services.remedy_for(app.organisation).paragraph()
    remedy_forms = {remedy, letters.tidy(remedy)}
    paragraphs = []
    for i, text in enumerate(texts):
        if i == 0 and text.endswith("：") and len(text) <= 60:
            part = ADDRESSEE
        elif any(r and r in text for r in remedy_forms):
            part = REMEDY
        else:
            part = BODY
        paragraphs.append({"text": text, "part": part})
    return title, paragraphs, signature, fingerprint(title, paragraphs, signature)


def fingerprint(title: str, paragraphs: list[dict], signature: list[str]) -> str:
    raw = json.dumps([title, paragraphs, signature], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def of_draft(draft):
    """(title, paragraphs, signature, basis) generated now from the draft's facts."""
    return generate(
        draft.application, draft.outcome, draft.reply_type, draft.decision, draft.decided_on
    )


def signature(draft) -> list[str]:
    return [draft.application.organisation.name, letters._cn_date(draft.decided_on)]


def editable(paragraphs: list[dict]) -> list[tuple[int, str]]:
    """(index, text) of the paragraphs the clerk may edit."""
    return [(i, p["text"]) for i, p in enumerate(paragraphs) if p["part"] == BODY]


def apply_edits(paragraphs: list[dict], bodies: list[str]) -> list[dict]:
    """The paragraphs with the body ones replaced by ``bodies`` (one text per editable
    paragraph, in order). A text with blank lines becomes several paragraphs; an empty one
    removes its paragraph. Addressee and remedy paragraphs are kept as generated."""
    slots = [i for i, p in enumerate(paragraphs) if p["part"] == BODY]
    if len(bodies) != len(slots):
        raise ValueError("one text per editable paragraph")
    new_text = dict(zip(slots, bodies, strict=True))
    out = []
    for i, p in enumerate(paragraphs):
        if i not in new_text:
            out.append(dict(p))
            continue
        text = _CONTROL.sub("", new_text[i].replace("\r\n", "\n").replace("\r", "\n"))
        for piece in text.split("\n\n"):
            piece = "\n".join(line.strip() for line in piece.strip().split("\n") if line.strip())
            if piece:
                out.append({"text": piece, "part": BODY})
    return out


def edit_summary(before: list[dict], after: list[dict]) -> dict[str, list[str]]:
    """{"正文第N段": [before, after]} for every body paragraph that changed, aligned with
    difflib (an added paragraph has an empty before, a removed one an empty after; N counts
    the paragraphs of the new text, or of the old one for a removal)."""
    import difflib

    old = [p["text"] for p in before if p["part"] == BODY]
    new = [p["text"] for p in after if p["part"] == BODY]
    changes: dict[str, list[str]] = {}
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            a = old[i1 + k] if i1 + k < i2 else ""
            b = new[j1 + k] if j1 + k < j2 else ""
            n = j1 + k + 1 if j1 + k < j2 else i1 + k + 1
            key = f"正文第{n}段" + ("（删去）" if not b else "")
            changes[key] = [a, b]
    return changes


def texts(paragraphs: list[dict]) -> list[str]:
    return [p["text"] for p in paragraphs]


def docx_bytes(draft, paragraphs: list[dict] | None = None) -> bytes:
    return letters.to_docx(
        draft.title, texts(paragraphs or draft.paragraphs), signature(draft), draft.number
    )


def html(draft, paragraphs: list[dict] | None = None) -> str:
    return letters.to_html(
        draft.title, texts(paragraphs or draft.paragraphs), signature(draft), draft.number
    )
