"""A long-work result is checked as a file gongkai made: a .zip bundle is kept (a city's annual
reports in one download) when it opens and is no zip bomb; no upload form accepts a .zip."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.core import files
from gongkai.core.errors import Invalid


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_bundle_made_by_gongkai_is_kept_as_a_zip():
    data = _zip({"2025年市财政局政府信息公开工作年度报告.docx": b"PK" + b"x" * 100})
    accepted = files.accept_made("2025年聊城市年度报告.zip", data)
    assert accepted.content_type == "application/zip" and accepted.size == len(data)


def test_a_zip_bomb_or_a_broken_bundle_is_refused_with_its_reason():
    bomb = _zip({"a.txt": b"\0" * (80 * 1024 * 1024)})
    with pytest.raises(Invalid) as exc:
        files.accept_made("报告.zip", bomb)
    assert "解压后过大" in exc.value.errors["result"]
    with pytest.raises(Invalid) as exc:
        files.accept_made("报告.zip", b"not a zip")
    assert "报告.zip" in exc.value.errors["result"]


def test_an_upload_form_still_refuses_a_zip():
    with pytest.raises(Invalid) as exc:
        files.accept_one(("材料.zip", _zip({"a.txt": b"1"})), field="files")
    assert "不支持的文件类型" in exc.value.errors["files"]
