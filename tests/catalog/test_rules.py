"""Catalog rules without the database: privacy guard, sanitiser, doc numbers, table rows."""

import pytest

from gongkai.rules import catalog_diff, catalog_rules, catalog_table, docnumber, privacy
from gongkai.rules.idcard import check_char
from gongkai.rules.sanitize import html_to_text, sanitize_html, text_to_html


def make_id(first17="37150219850312001"):
    return first17 + check_char(first17)


def wrong_check(number):
    return number[:17] + next(c for c in "0123456789X" if c != number[17])


class TestPrivacyGuard:
    def test_valid_id_number_found_and_masked(self):
        n = make_id()
        findings = privacy.scan(f"户主王某，身份证号{n}，家庭人口3人")
        assert [(f.kind, f.value) for f in findings] == [("id18", n)]
        assert findings[0].masked == n[:4] + "*" * 10 + n[-4:]

    def test_id_with_x_check_character(self):
        first17 = next(
            f"3715021985031{i:04d}"
            for i in range(10000)
            if check_char(f"3715021985031{i:04d}") == "X"
        )
        assert [f.kind for f in privacy.scan(f"号码{first17}x。")] == ["id18"]

    def test_invalid_check_digit_is_not_reported(self):
        assert privacy.scan(f"身份证号{wrong_check(make_id())}") == []

    def test_random_digit_runs_are_not_reported(self):
        text = "合同编号 202610310000012345，金额 123456789012345678 元，流水 99999999999999999999"
        assert privacy.scan(text) == []

    def test_masked_numbers_are_not_reported(self):
        assert privacy.scan("3715**********1234 和 139****5678") == []

    def test_mobile_numbers(self):
        found = privacy.scan("联系电话：13912345678；+86 138-1234-5678；座机 0635-8100017")
        assert [f.kind for f in found] == ["mobile", "mobile"]
        assert found[1].masked == "138****5678"

    def test_mobile_inside_longer_number_is_not_reported(self):
        assert privacy.scan("订单号 913912345678") == []

    def test_bank_card_needs_luhn(self):
        good = "6222020200112233445"
        digits = good[:-1]
        check = next(str(d) for d in range(10) if privacy.luhn_ok(digits + str(d)))
        good = digits + check
        bad = digits + str((int(check) + 1) % 10)
        assert [f.kind for f in privacy.scan(f"卡号 {good}")] == ["bankcard"]
        assert privacy.scan(f"卡号 {bad}") == []
        spaced = " ".join(good[i : i + 4] for i in range(0, len(good), 4))
        assert [f.masked for f in privacy.scan(f"卡号：{spaced}")] == [
            good[:4] + "*" * (len(good) - 8) + good[-4:]
        ]

    def test_mask_text_masks_everything(self):
        n = make_id()
        masked, count = privacy.mask_text(f"<td>{n}</td><td>13912345678</td>")
        assert count == 2 and privacy.scan(masked) == []
        assert "<td>" in masked

    def test_mask_xlsx(self):
        import io

        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(["姓名", "身份证号", "电话"])
        wb.active.append(["王某", make_id(), 13912345678])
        buf = io.BytesIO()
        wb.save(buf)
        data, count = privacy.mask_xlsx(buf.getvalue())
        assert count == 2
        row = [c.value for c in openpyxl.load_workbook(io.BytesIO(data)).active[2]]
        assert row[1].startswith("3715**") and row[2] == "139****5678"


class TestSanitiser:
    def test_script_and_handlers_removed(self):
        dirty = (
            '<p onclick="steal()" style="color:red">通知<script>alert(1)</script></p>'
            '<img src="a.png" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>'
            "<iframe src='//evil'></iframe><svg onload=alert(4)></svg>"
        )
        clean = sanitize_html(dirty)
        for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "onload", "alert"):
            assert bad not in clean
        assert "<p>通知</p>" in clean and 'src="a.png"' in clean

    def test_document_markup_kept(self):
        html = '<h2>一、总体要求</h2><table><tr><td colspan="2">单元格</td></tr></table><a href="https://example.gov.cn/x">x</a>'
        clean = sanitize_html(html)
        assert "<h2>" in clean and 'colspan="2"' in clean and "https://example.gov.cn/x" in clean

    def test_plain_text(self):
        assert html_to_text("<p>第一段</p><p>第二&nbsp;段<br>换行</p>") == "第一段\n第二 段\n换行"

    def test_text_to_html_turns_markdown_headings(self):
        assert text_to_html("# 标题\n\n正文 <b>\n---") == "<h2>标题</h2>\n<p>正文 &lt;b&gt;</p>"


class TestDocNumber:
    @pytest.mark.parametrize(
        "raw",
        [
            "聊政办发〔2017〕9号",
            "聊政办发[2017]9号",
            "聊政办发（2017）9号",
            "聊政办发【2017】09号",
            "聊政办发［２０１７］９号",
        ],
    )
    def test_brackets_normalised(self, raw):
        assert docnumber.normalise(raw) == "聊政办发〔2017〕9号"

    @pytest.mark.parametrize(
        "raw",
        [
            "聊政办发2017年9号",
            "〔2017〕9号",
            "聊政办发〔17〕9号",
            "聊政办发〔2017〕第九号",
            "2017-9",
        ],
    )
    def test_bad_formats_have_a_message(self, raw):
        assert "发文" in docnumber.problem(raw)

    def test_empty_is_fine(self):
        assert docnumber.problem("") is None


def test_index_number_format():
    assert catalog_rules.format_index_no("371500007", 2026, 110) == "371500007/2026-00110"
    assert catalog_rules.parse_index_no("371500007/2026-00110") == ("371500007", 2026, 110)


def test_attribute_reason_required_for_not_public():
    assert "理由" in catalog_rules.attribute_problem("not_public", "")
    assert catalog_rules.attribute_problem("not_public", "state_secret") is None
    assert catalog_rules.attribute_problem("on_request", "state_secret") is not None
    assert catalog_rules.attribute_problem("proactive", "") is None


def test_table_rows_bad_rows_reported_with_numbers():
    rows = [
        catalog_table.HEADERS,
        [
            "czsz",
            "财政收支月报",
            "czyjs",
            "法定主动公开内容",
            "动态栏目",
            "财政收支",
            "要点",
            "每月",
            "",
            "",
            "全社会",
            "主动公开",
            "5",
        ],
        ["", "无代码", "", "", "", "内容", "", "每月", "", "", "", "主动公开", ""],
        ["bad slug!", "栏目", "", "", "", "内容", "", "每月", "", "", "", "主动公开", ""],
        ["x1", "栏目", "", "", "", "内容", "", "每月", "", "", "所有人", "主动公开", ""],
        ["czsz", "重复", "", "", "", "内容", "", "每月", "", "", "", "主动公开", ""],
        ["", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    result = catalog_table.read_rows(rows)
    assert [n for n, _ in result.rows] == [2]
    assert result.rows[0][1]["kind"] == "dynamic" and result.rows[0][1]["sort_order"] == 5
    reasons = dict(result.errors)
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "栏目代码" in reasons[3] and "公开对象" in reasons[5] and "第2行重复" in reasons[6]


def test_line_diff():
    changes = catalog_diff.line_changes("一\n二\n三", "一\n二（改）\n三")
    assert [(c.op, c.text) for c in changes if c.op != "same"] == [
        ("removed", "二"),
        ("added", "二（改）"),
    ]


def test_text_to_html_joins_lines_broken_by_page_breaks():
    text = "各县区人民政府,市政府各部门:\n\n围绕新出台的减税降费政策措施，以及促进创新创业、保障\n\n和改善民生等税收优惠政策。\n\n一、以政务公开助力稳增长"
    assert text_to_html(text).split("\n") == [
        "<p>各县区人民政府,市政府各部门:</p>",
        "<p>围绕新出台的减税降费政策措施，以及促进创新创业、保障和改善民生等税收优惠政策。</p>",
        "<p>一、以政务公开助力稳增长</p>",
    ]
