"""Cleaning rich text before it is stored, and its plain-text twin.

Item bodies come from editors (pasted from Word, typed in a textarea). Nothing that can run in
a reader's browser may reach the portal: <script>/<style>/<iframe> are dropped with their
content, event-handler attributes (onclick, onerror ...) and ``javascript:`` links are removed.
What is left is ordinary document markup: headings, paragraphs, lists, tables, links, images.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "p": {"align"},
    "div": {"align"},
}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value: str) -> str:
    """The body with everything executable removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_BLOCK_END = re.compile(
    r"</(p|div|h[1-6]|li|tr|table|blockquote|pre|dd|dt|ul|ol|figure|caption)\s*>|<br\s*/?>",
    re.IGNORECASE,
)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(value: str) -> str:
    """Plain text of (sanitised) HTML: one line per block, cells separated by tabs."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = _CELL_END.sub("\t", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


_TERMINAL = tuple("。！？；：”’）)」』…")
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")


def text_to_html(value: str) -> str:
    """Plain text (e.g. a seed document) as paragraphs; markdown-style # headings become
    <h2>-<h4>. A long line that stops mid-sentence (an OCR page break) is joined to the next."""
    blocks: list[list] = []  # [tag, text]
    for raw in (value or "").splitlines():
        line = raw.strip()
        if not line or set(line) <= {"-", "—"}:
            continue
        hashes = len(line) - len(line.lstrip("#"))
        content = line.lstrip("#").strip()
        if not content:
            continue
        if hashes:
            blocks.append([f"h{min(max(hashes + 1, 2), 4)}", content])
            continue
        last = blocks[-1] if blocks else None
        if (
            last is not None
            and last[0] == "p"
            and len(last[1]) >= 20
            and ("，" in last[1] or "," in last[1])  # prose, not a title or a signature line
            and not last[1].endswith(_TERMINAL)
            and not _LIST_START.match(content)
        ):
            last[1] += content
        else:
            blocks.append(["p", content])
    return "\n".join(f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in blocks)
