"""Whole-issue PDFs with a text layer, typeset like a printed gazette (for the demo and tests).

Cover (masthead, issue number, date) and 目录 (sections, wrapped titles, dotted leaders, page
numbers) come first; the articles then run on continuously from printed page 1, each page with
a running head and a folio (— 3 —). Chinese text uses reportlab's built-in CID font
STSong-Light, which pypdf extracts character for character (docs/gazette.md).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from gongkai.rules.dates import zh_date


@dataclass
class DemoArticle:
    title: str
    doc_number: str = ""
    section: str = "市政府文件"
    paragraphs: list[str] = field(default_factory=list)
    issuer: str = ""
    signed_on: dt.date | None = None
    toc_page_error: int = 0  # a misprint in the 目录: the page number printed is off by this


PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 79, 74, 105, 99  # GB/T 9704 margins (28/26/37/35 mm)
FONT = "STSong-Light"


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for ch in text:
        if stringWidth(line + ch, FONT, size) > width:
            lines.append(line)
            line = ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def _layout(articles: list[DemoArticle]) -> tuple[list[list[tuple[str, float, str]]], list[int]]:
    """Body pages as lists of (text, size, align) and each article's first printed page."""
    width = PAGE_W - LEFT - RIGHT
    capacity = PAGE_H - TOP - BOTTOM
    pages: list[list[tuple[str, float, str]]] = [[]]
    used = 0.0
    starts: list[int] = []

    def put(text, size, align="left", before=0.0):
        nonlocal used
        height = size * 1.7 + before
        if used + height > capacity and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append((text, size, align))
        used += height

    for art in articles:
        if used > capacity * 0.75:  # an article does not start at the foot of a page
            pages.append([])
            used = 0.0
        first = True
        for line in _wrap(art.title, 16, width):
            put(line, 16, "center", 14 if first else 0)
            if first:
                starts.append(len(pages))
                first = False
        if art.doc_number:
            put(art.doc_number, 12, "center")
        for para in art.paragraphs:
            for line in _wrap("　　" + para, 12, width):
                put(line, 12)
        if art.issuer:
            put(art.issuer, 12, "right", 8)
        if art.signed_on:
            put(zh_date(art.signed_on), 12, "right")
    return pages, starts


def _toc_lines(articles, starts, width) -> list[tuple[str, float, str]]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[tuple[str, float, str]] = []
    section = None
    for art, page in zip(articles, starts, strict=True):
        if art.section != section:
            section = art.section
            out.append((f"【{section}】", 13, "left"))
        text = art.title + (f"（{art.doc_number}）" if art.doc_number else "")
        lines = _wrap(text, 11, width - 60)
        for line in lines[:-1]:
            out.append((line, 11, "left"))
        last = lines[-1]
        page += art.toc_page_error
        leaders = "…"
        while stringWidth(last + leaders + "…" + str(page), FONT, 11) < width:
            leaders += "…"
        out.append((last + leaders + str(page), 11, "left"))
    return out


def issue_pdf(
    gazette_name: str,
    year: int,
    number: int,
    total: int | None,
    published_on: dt.date,
    articles: list[DemoArticle],
) -> bytes:
    """The bytes of one whole-issue PDF."""
    from reportlab.pdfgen import canvas

    _font()
    label = f"{year}年第{number}期" + (f"（总第{total}期）" if total else "")
    body, starts = _layout(articles)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setTitle(f"{gazette_name}{label}")
    # cover
    c.setFont(FONT, 30)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 220, gazette_name)
    c.setFont(FONT, 16)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 270, label)
    c.setFont(FONT, 12)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 300, f"出版日期：{zh_date(published_on)}")
    c.drawCentredString(PAGE_W / 2, 140, f"主办：{gazette_name.removesuffix('公报')}办公室")
    c.showPage()
    # 目录
    width = PAGE_W - LEFT - RIGHT
    y = PAGE_H - TOP
    c.setFont(FONT, 18)
    c.drawCentredString(PAGE_W / 2, y, "目　　录")
    y -= 40
    for text, size, _align in _toc_lines(articles, starts, width):
        if y < BOTTOM:
            c.showPage()
            y = PAGE_H - TOP
        c.setFont(FONT, size)
        c.drawString(LEFT, y, text)
        y -= size * 1.9
    c.showPage()
    # articles
    for n, page in enumerate(body, start=1):
        c.setFont(FONT, 9)
        c.drawString(LEFT, PAGE_H - 60, gazette_name)
        c.drawRightString(PAGE_W - RIGHT, PAGE_H - 60, label)
        y = PAGE_H - TOP
        for text, size, align in page:
            c.setFont(FONT, size)
            if align == "center":
                c.drawCentredString(PAGE_W / 2, y, text)
            elif align == "right":
                c.drawRightString(PAGE_W - RIGHT, y, text)
            else:
                c.drawString(LEFT, y, text)
            y -= size * 1.7
        c.setFont(FONT, 10)
        c.drawCentredString(PAGE_W / 2, 60, f"— {n} —")
        c.showPage()
    c.save()
    return buf.getvalue()
