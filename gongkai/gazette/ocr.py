"""Scanned issues: page images with poppler's pdftoppm, text with Tesseract (chi_sim).

Both are optional Debian packages (poppler-utils, tesseract-ocr, tesseract-ocr-chi-sim),
detected at run time; without them a scanned issue is refused with a clear message and the
proofreading page shows the text only.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from gongkai.rules.gazette.text import squeeze_cjk

MISSING_OCR = (
    "这是扫描版公报（没有文字层），需要 Tesseract 中文识别：请安装 Debian 软件包 "
    "tesseract-ocr 和 tesseract-ocr-chi-sim 后重新导入。"
)
MISSING_RENDER = "服务器未安装 poppler-utils（pdftoppm），无法显示页面图像，仅显示识别文本。"


def lang() -> str:
    return getattr(settings, "GONGKAI_GAZETTE_OCR_LANG", "chi_sim")


def dpi() -> int:
    return int(getattr(settings, "GONGKAI_GAZETTE_OCR_DPI", 200))


def min_confidence() -> float:
    return float(getattr(settings, "GONGKAI_GAZETTE_OCR_MIN_CONFIDENCE", 70))


@functools.cache
def can_render() -> bool:
    return shutil.which("pdftoppm") is not None


@functools.cache
def can_ocr() -> bool:
    """Tesseract is installed and has the Simplified Chinese data."""
    if not shutil.which("tesseract") or not can_render():
        return False
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return lang() in (out.stdout + out.stderr).split()


def render_page(pdf: bytes, index: int, resolution: int = 110) -> bytes | None:
    """PNG of one page (0-based), or None when pdftoppm is missing or fails."""
    if not can_render():
        return None
    with tempfile.TemporaryDirectory(prefix="gk-gazette-") as tmp:
        src = Path(tmp, "issue.pdf")
        src.write_bytes(pdf)
        n = index + 1
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(resolution), "-png", "-f", str(n), "-l", str(n),
                 "-singlefile", str(src), str(Path(tmp, "page"))],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
        out = Path(tmp, "page.png")
        return out.read_bytes() if out.exists() else None


def _tsv_text(tsv: str) -> tuple[str, float | None]:
    """Text (lines kept) and mean word confidence from Tesseract's TSV output."""
    lines: dict[tuple, list[str]] = {}
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or not cols[11].strip():
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            confs.append(conf)
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(cols[11])
    text = "\n".join(squeeze_cjk(" ".join(words)) for words in lines.values())
    return text, (sum(confs) / len(confs) if confs else None)


def tesseract_env() -> dict:
    """Tesseract on one thread unless the operator says otherwise (``OMP_THREAD_LIMIT``).

    Debian's Tesseract spreads a page over every core with OpenMP, whose threads spin while
    they wait. Measured on 2 CPUs (an A4 page of 40 Chinese lines at 150 dpi): 13.3–13.5 s
    with OpenMP against 2.1–2.2 s on one thread on an idle machine, 14.2 against 2.95 s beside
    a busy test run (docs/gazette.md)."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def ocr_pdf(
    pdf: bytes, page_count: int, progress=None, on_page=None
) -> list[tuple[str, float | None]]:
    """(text, confidence 0–100) of every page. Raises RuntimeError(MISSING_OCR) without OCR.
    ``progress(line)`` and ``on_page(n, total, message)`` are told of each page recognised."""
    if not can_ocr():
        raise RuntimeError(MISSING_OCR)
    if on_page:
        on_page(0, page_count, "没有文字层，正在进行文字识别（OCR）")
    out = []
    with tempfile.TemporaryDirectory(prefix="gk-gazette-ocr-") as tmp:
        src = Path(tmp, "issue.pdf")
        src.write_bytes(pdf)
        for i in range(page_count):
            base = Path(tmp, f"p{i}")
            subprocess.run(
                ["pdftoppm", "-r", str(dpi()), "-png", "-gray", "-f", str(i + 1), "-l",
                 str(i + 1), "-singlefile", str(src), str(base)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            result = subprocess.run(
                ["tesseract", f"{base}.png", "-", "-l", lang(), "--psm", "6", "tsv"],
                capture_output=True, text=True, timeout=300, env=tesseract_env(),
            )  # fmt: skip
            out.append(_tsv_text(result.stdout))
            if progress:
                progress(f"    OCR page {i + 1}/{page_count}")
            if on_page:
                on_page(i + 1, page_count, f"正在识别第 {i + 1} / {page_count} 页（OCR）")
    return out
