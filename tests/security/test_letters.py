"""Issue #17.7 (letter templates cannot reach live objects; a broken one falls back) and #18.7
(A4 with GB/T 9704 margins, no doubled punctuation, 您/贵单位, a 文号 in the usual style)."""

import io

import pytest

from gongkai.applications import letters


def test_template_language_and_unknown_placeholders_are_refused():
    assert letters.template_problem("{{ app.created_by.password }}")
    assert letters.template_problem("{% for u in users %}{{ u.password }}{% endfor %}")
    assert letters.template_problem("{{申请人}}：\n\n{{救济途径}}") is None


def test_placeholders_are_plain_text_only():
    text = letters.fill("{{申请人}}：{{不存在}}", {"申请人": "张三"})
    assert text == "张三："


@pytest.mark.parametrize(
    "raw, tidy",
    [
        ("申请获取“2025年低保明细。”。", "申请获取“2025年低保明细。”"),
        ("汇总数据。。", "汇总数据。"),
        ("依据：条例第十条。；", "依据：条例第十条。"),
    ],
)
def test_no_doubled_punctuation(raw, tidy):
    assert letters.tidy(raw) == tidy


def test_letter_docx_is_a4_with_official_margins():
    import docx
    from docx.shared import Mm

    data = letters.to_docx(
        "答复书", ["张三：", "正文。"], ["聊城市民政局", "2026年3月10日"], "聊民公开复〔2026〕1号"
    )
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(37)) < Mm(1) and abs(section.left_margin - Mm(28)) < Mm(1)
    texts = [p.text for p in document.paragraphs]
    assert "聊民公开复〔2026〕1号" in texts and "（印章）" in texts


def test_a_stored_template_in_the_old_syntax_falls_back_to_the_default(db, staff, org):
    from gongkai.applications.models import LetterTemplate

    mz = org("聊城市", "市民政局")
    LetterTemplate.objects.create(
        organisation=mz,
        kind="reply",
        title="旧模板",
        body="{{ app.created_by.password }}{% if x %}",
    )
    title, body = letters.template_for(mz, "reply")
    assert letters.template_problem(body)
