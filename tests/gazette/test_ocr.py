"""A scanned issue (no text layer) read by Tesseract's Simplified Chinese data.

Runs where tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils and a Chinese font (to draw the
test scan) are installed — ``python3 run.py test`` installs them — and is skipped elsewhere.
"""

import io
import shutil
import subprocess

import pytest

from gongkai.core.actors import SYSTEM
from gongkai.gazette import ocr
from gongkai.gazette.importing import import_one
from gongkai.gazette.models import Article, IssuePage, ProofTask
from gongkai.gazette.reading import ReadError, read_bytes

from .conftest import make_issue


def _chinese_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def _scan(pdf: bytes) -> bytes:
    """The PDF rasterised as a scanner would (images only, no text layer)."""
    import pathlib
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp, "a.pdf")
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-gray", str(src), f"{tmp}/p"], check=True)
        images = [Image.open(p).convert("L") for p in sorted(pathlib.Path(tmp).glob("p*.png"))]
        out = io.BytesIO()
        images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


needs_ocr = pytest.mark.skipif(
    not (ocr.can_ocr() and _chinese_font()),
    reason="Tesseract with chi_sim, poppler-utils or a Chinese font is not installed "
    "(apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils fonts-wqy-zenhei)",
)


@needs_ocr
def test_a_scanned_issue_is_read_by_ocr_and_low_confidence_pages_are_queued(
    gazette, policies, settings
):
    settings.GONGKAI_GAZETTE_OCR_DPI = 150
    settings.GONGKAI_GAZETTE_OCR_MIN_CONFIDENCE = 101  # every page below: all go to proofreading
    scan = _scan(make_issue(2, policies[1:]))
    result = import_one(SYSTEM("gazette import"), gazette, "2026-02.pdf", scan)
    issue = result.issue
    assert issue.source_kind == "ocr"
    assert (issue.year, issue.number) == (2026, 2)
    pages = IssuePage.objects.filter(issue=issue)
    assert pages.count() == 3 and all(p.ocr and p.confidence > 50 for p in pages)
    assert "临时救助" in "".join(pages[2].text.split())
    titles = list(Article.objects.filter(issue=issue).values_list("title", flat=True))
    assert any("临时救助实施细则" in t for t in titles), titles
    page_tasks = ProofTask.objects.filter(issue=issue, page_index__isnull=False)
    assert page_tasks.count() == 3 and "置信度" in page_tasks[0].reason


def test_missing_ocr_message_names_the_debian_packages(monkeypatch):
    monkeypatch.setattr(ocr, "can_ocr", lambda: False)
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (200, 200), 255).save(out, "PDF")
    with pytest.raises(ReadError) as exc:
        read_bytes("2026-01.pdf", out.getvalue())
    assert "tesseract-ocr" in exc.value.message and "tesseract-ocr-chi-sim" in exc.value.message


def test_tesseract_runs_on_one_thread_unless_the_operator_sets_it(monkeypatch):
    """OpenMP's spinning threads made one page 5× slower beside other busy processes."""
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    assert ocr.tesseract_env()["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    assert ocr.tesseract_env()["OMP_THREAD_LIMIT"] == "2"
