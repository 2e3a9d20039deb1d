"""Issue #17.2 (upload bombs and limits) and #17.8 (privacy-guard evasions), without the database."""

import io
import time
import zipfile

import pytest

from gongkai.rules import privacy
from gongkai.rules.uploads import UploadError, check_upload

MOBILE = "13800138000"


def _bomb_docx(paragraphs: int) -> bytes:
    body = "<w:p/>" * paragraphs
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org'
        f'/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_a_small_docx_that_expands_hugely_is_refused_quickly():
    data = _bomb_docx(3_000_000)  # ~18 MB of XML in a few tens of KB
    assert len(data) < 200_000
    started = time.process_time()
    with pytest.raises(UploadError) as err:
        check_upload("empty.docx", data, max_bytes=20 * 1024 * 1024)
    assert time.process_time() - started < 2
    assert "压缩" in err.value.message or "解压" in err.value.message


def test_files_per_request_and_total_size_are_limited(settings):
    from gongkai.core.errors import Invalid
    from gongkai.core.files import accept

    settings.GONGKAI_MAX_UPLOAD_FILES = 3
    pdf = b"%PDF-1.4\n%%EOF\n"
    with pytest.raises(Invalid) as err:
        accept([(f"a{i}.pdf", pdf) for i in range(4)])
    assert "最多上传 3 个文件" in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "电话1\u200b38\u200c0013\u200d8000",  # zero-width characters
        "电话1.3.8.0.0.1.3.8.0.0.0",  # dots between digits
        "电话 1 3 8 0 0 1 3 8 0 0 0 联系",  # spaces between digits
        "电话１３８００１３８０００",  # full-width digits
    ],
)
def test_spread_out_mobile_numbers_are_found_and_masked(text):
    found = privacy.scan(text)
    assert [f.kind for f in found] == ["mobile"]
    import unicodedata

    masked, n = privacy.mask_text(text)
    plain = unicodedata.normalize("NFKC", masked)
    assert n == 1 and plain.endswith("8000") or "8000" in plain
    assert "0013" not in plain


def test_links_and_attributes_are_scanned():
    assert privacy.scan_html(f'<a href="tel:{MOBILE}">联系我们</a>')
    assert privacy.scan_html('<img alt="身份证110101199003078515" src="x.png">')
    assert privacy.scan_html(f'<span title="{MOBILE}">联系人</span>')


def test_ordinary_numbers_are_not_reported():
    for text in (
        "聊政办发〔2017〕9号 第 1 2 3 条",
        "索引号 000014349/2017-00110",
        "2026.12.01 10:30",
    ):
        assert privacy.scan(text) == []


def test_rows_of_table_figures_are_not_phone_numbers():
    for text in (
        "14\t13\t92.9\n2026",
        "14 13 92.9 2026 1",
        "一般公共预算收入 1 234.5 13 800.1 2026",
    ):
        assert privacy.scan(text) == [], text
