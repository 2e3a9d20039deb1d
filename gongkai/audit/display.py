"""Audit entries as people read them: zh-hans field names, state labels, real before → after.

Entries store ``changes`` as ``{field: [before, after]}`` (or, from older code, ``{field:
after}``); states are the codes of the object's ``status``/``state`` field. This module turns
both into the labels the object's model declares (its fields' ``verbose_name`` and
``choices``), so a trail never shows "index_no：3 → 7" or "draft → submitted".
"""

from __future__ import annotations

from dataclasses import dataclass

STATE_FIELDS = ("status", "state", "workflow_state", "stage")
EMPTY = "（空）"


@dataclass
class Change:
    label: str
    before: str
    after: str


def _model(entry):
    try:
        return entry.content_type.model_class()
    except Exception:
        return None


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _choices(field) -> dict:
    return {str(k): str(v) for k, v in (getattr(field, "flatchoices", None) or [])}


def _text(value, field=None) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_text(v, field) for v in value) or EMPTY
    if isinstance(value, dict):
        return "；".join(f"{k}：{_text(v)}" for k, v in value.items())
    text = str(value)
    labels = _choices(field) if field is not None else {}
    if text in labels:
        return labels[text]
    if len(text) >= 19 and text[4] == "-" and text[10] == "T":  # an ISO datetime
        return text[:16].replace("T", " ")
    return text if len(text) <= 200 else text[:199] + "…"


def state_label(entry, code: str) -> str:
    if not code:
        return "—"
    model = _model(entry)
    for name in STATE_FIELDS:
        labels = _choices(_field(model, name))
        if code in labels:
            return labels[code]
    return code


def changes(entry) -> list[Change]:
    model = _model(entry)
    out = []
    for name, value in (entry.changes or {}).items():
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", "") or name) if field is not None else name
        if isinstance(value, list | tuple) and len(value) == 2:
            before, after = value
            out.append(Change(label, _text(before, field), _text(after, field)))
        else:
            out.append(Change(label, "—", _text(value, field)))
    return out
