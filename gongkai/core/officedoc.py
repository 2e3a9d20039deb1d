"""Official documents as .docx in the layout of GB/T 9704-2012 (党政机关公文格式).

Every letter and report gongkai writes goes through here, so they all open in Word or WPS
looking like a document of the office: A4 paper; margins 37 mm top, 35 mm bottom, 28 mm left,
26 mm right (the type area of 156 × 225 mm); body text 3号仿宋 (16 pt) on a fixed 28.9 pt line
(22 lines a page); the title 2号小标宋 (22 pt) centred; the document number (发文字号) centred
under it; the signature (发文机关署名 and 成文日期) right-aligned above a seal area.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

BODY_FONT = "仿宋_GB2312"
BODY_FONT_FALLBACK = "FangSong"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def setup_a4(document) -> None:
    """A4 paper with the GB/T 9704 margins on every section of ``document``."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _font(run_or_style, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = BODY_FONT_FALLBACK if name == BODY_FONT else name
    font.size = Pt(size_pt)
    font.bold = bold
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_document():
    """A blank document with the official page setup and body style."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    setup_a4(document)
    normal = document.styles["Normal"]
    _font(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing = Pt(28.9)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    return document


def add_title(document, title: str, number: str = "") -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(title), TITLE_FONT, 22)
    if number:
        n = document.add_paragraph()
        n.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(n.add_run(number), BODY_FONT, 16)
    document.add_paragraph()


def add_heading(document, text: str) -> None:
    from docx.shared import Pt

    p = document.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    _font(p.add_run(text), HEADING_FONT, 16)


def add_body(document, text: str, *, indent: bool = True) -> None:
    from docx.shared import Pt

    for line in text.split("\n"):
        p = document.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)  # two characters
        _font(p.add_run(line), BODY_FONT, 16)


def add_signature(document, lines: Sequence[str], *, seal: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.add_paragraph()
    if seal:
        s = document.add_paragraph()
        s.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        s.paragraph_format.right_indent = Pt(64)
        _font(s.add_run("（印章）"), BODY_FONT, 16)
    for line in lines:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(64)  # 成文日期右空四字
        _font(p.add_run(line), BODY_FONT, 16)


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def letter(
    title: str,
    paragraphs: Sequence[str],
    signature: Sequence[str],
    *,
    number: str = "",
    addressee: str = "",
    seal: bool = True,
) -> bytes:
    """A letter: title, number, addressee line (flush left), body, signature and seal area."""
    document = new_document()
    add_title(document, title, number)
    if addressee:
        add_body(document, addressee, indent=False)
    for text in paragraphs:
        add_body(document, text)
    add_signature(document, signature, seal=seal)
    return to_bytes(document)
