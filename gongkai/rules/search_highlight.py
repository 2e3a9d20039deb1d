"""Highlighting and snippets in the original text (no Django import).

Matching runs on ``ngrams.normalise``d text, which has the same length as the original, so the
offsets found there cut the original text; everything is HTML-escaped and matches are wrapped in
``<mark>…</mark>``.
"""

from __future__ import annotations

from html import escape

from gongkai.rules.ngrams import normalise


def _spans(norm: str, terms: list[str]) -> list[tuple[int, int]]:
    found = []
    for term in terms:
        if not term:
            continue
        start = norm.find(term)
        while start != -1:
            found.append((start, start + len(term)))
            start = norm.find(term, start + len(term))
    found.sort()
    merged: list[tuple[int, int]] = []
    for a, b in found:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _render(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    out, pos = [], lo
    for a, b in spans:
        a, b = max(a, lo), min(b, hi)
        if a >= b:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:hi]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> str:
    """The whole text, escaped, with every occurrence of the (normalised) terms marked."""
    text = text or ""
    return _render(text, _spans(normalise(text), terms), 0, len(text))


def snippet(text: str, terms: list[str], width: int = 120) -> str:
    """About ``width`` characters around the first match (or the start), escaped and marked."""
    text = " ".join((text or "").split())
    spans = _spans(normalise(text), terms)
    if spans:
        first = spans[0][0]
        lo = max(0, first - width // 4)
        hi = min(len(text), lo + width)
        lo = max(0, min(lo, hi - width))
    else:
        lo, hi = 0, min(len(text), width)
    body = _render(text, spans, lo, hi)
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
