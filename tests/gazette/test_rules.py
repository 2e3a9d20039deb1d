"""Numbering check, 文号 matching and the text comparison (no database)."""

from gongkai.rules.gazette import compare, matching
from gongkai.rules.gazette.numbering import check_numbering


def test_numbering_reports_gaps_and_repeats_per_year():
    issues = [(2025, n, 100 + n) for n in range(1, 13) if n != 7] + [
        (2026, 1, 113),
        (2026, 3, 115),
        (2026, 3, 116),
    ]
    report = check_numbering(issues)
    assert report.missing == {2025: [7], 2026: [2]}
    assert report.duplicated == {2026: [3]}
    assert "2025年缺少第7期" in report.messages()
    assert "2026年第3期重复" in report.messages()
    assert check_numbering([(2025, n, None) for n in range(1, 13)]).ok


def test_numbering_expected_issues_per_year_and_running_number():
    report = check_numbering([(2025, 1, 1), (2025, 2, 2)], expected_per_year={2025: 4})
    assert report.missing == {2025: [3, 4]}
    report = check_numbering([(2025, 1, 10), (2025, 2, 10)])
    assert any("总第10期重复" in m for m in report.messages())
    report = check_numbering([(2025, 1, 10), (2025, 2, 9)])
    assert any("小于上一期" in m for m in report.messages())


CANDIDATES = [
    matching.Candidate(1, "聊城市城乡居民最低生活保障实施办法", "聊政办发〔2026〕21号"),
    matching.Candidate(2, "聊城市城市绿化管理办法", ""),
    matching.Candidate(3, "聊城市临时救助实施细则", "聊民发〔2026〕3号"),
]


def test_same_doc_number_however_typed_and_same_title_is_a_sure_match():
    m = matching.match("聊城市城乡居民最低生活保障实施办法", "聊政办发[2026]第21号", CANDIDATES)
    assert m.candidate.id == 1 and m.certainty == matching.SURE


def test_same_number_with_another_title_or_title_only_is_for_staff():
    m = matching.match("关于印发聊城市临时救助办法的通知", "聊民发（2026）3号", CANDIDATES)
    assert m.candidate.id == 3 and m.certainty == matching.UNSURE and "文号相同" in m.reason
    m = matching.match("聊城市城市绿化管理办法", "聊城市人民政府令第12号", CANDIDATES)
    assert m.candidate.id == 2 and m.certainty == matching.UNSURE


def test_different_doc_numbers_never_match_even_with_the_same_title():
    assert matching.match("聊城市临时救助实施细则", "聊民发〔2025〕3号", CANDIDATES) is None
    assert matching.match("聊城市某某完全不同的文件", "", CANDIDATES) is None


def test_comparison_ignores_width_spaces_and_line_breaks():
    website = "第一条 为做好临时救助工作,根据《社会救助暂行办法》,制定本细则。\n第二条 应当在10个工作日内完成审核。"
    gazette = "聊民发〔2026〕3号\n　　第一条　为做好临时救助工作，根据《社会救助暂行办法》，\n制定本细则。\n　　第二条　应当在１０个工作日内完成审核。"
    assert compare.compare(website, gazette) == []


def test_comparison_lists_each_difference_with_its_place():
    website = "第二条 应当在10个工作日内完成审核。第三条 本细则自印发之日起施行。"
    gazette = "第二条 应当在7个工作日内完成审核。第三条 本细则自2026年5月1日起施行。"
    diffs = compare.compare(website, gazette)
    assert [(d.website, d.gazette, d.label) for d in diffs] == [
        ("10", "7", "不一致"),
        ("印发之", "2026年5月1", "不一致"),
    ]
    assert diffs[0].context.endswith("应当在")
    assert compare.similarity(website, gazette) < 1
