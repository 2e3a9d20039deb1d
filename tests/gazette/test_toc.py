"""Reading the 目录 and splitting an issue, on issues shaped like real ones (no database)."""

import datetime as dt

from gongkai.rules.gazette.masthead import parse_masthead
from gongkai.rules.gazette.split import split_issue
from gongkai.rules.gazette.toc import find_toc, parse_toc_lines

COVER = "聊城市人民政府公报\n2026年第5期（总第123期）\n出版日期：2026年5月20日\n主办：聊城市人民政府办公室"

TYPESET_TOC = """目　　录
【规章】
聊城市城市绿化管理办法（聊城市人民政府令第12号）…………………………………1
【市政府办公室文件】
聊城市人民政府办公室关于印发聊城市城乡居民最低生活保障实施办法的通知
（聊政办发〔2026〕21号）………………………………………………………………3
【人事任免】
聊城市人民政府关于市直有关部门领导职务任免的通知……………………………7
"""

# what Tesseract makes of a scanned 目录: spaces between characters, dots for leaders,
# full-width page numbers, square brackets, a 文号 broken over two lines
OCR_TOC = """目 录
[ 市 政 府 文 件 ]
聊 城 市 人 民 政 府 关 于 印 发 聊 城 市 2026 年 重 点 工 作 的
通 知 ( 聊 政 发
[2026] 3 号 ) ...................... １
聊 城 市 人 民 政 府 办 公 室 关 于 同 意 设 立 示 范 项 目 的 批 复 ( 聊 政 办 字 [2026] 15 号 ) · · · · · · · · ４
主办：聊城市人民政府办公室
"""


def test_typeset_toc_entries_with_sections_wrapped_titles_and_numbers():
    toc = find_toc([COVER + "\n" + TYPESET_TOC])
    assert toc.found and not toc.problems
    got = [(e.section, e.title, e.doc_number, e.page, e.kind) for e in toc.entries]
    assert got == [
        ("规章", "聊城市城市绿化管理办法", "聊城市人民政府令第12号", 1, "regulation"),
        ("市政府办公室文件",
         "聊城市人民政府办公室关于印发聊城市城乡居民最低生活保障实施办法的通知",
         "聊政办发〔2026〕21号", 3, "normative"),
        ("人事任免", "聊城市人民政府关于市直有关部门领导职务任免的通知", "", 7, "appointment"),
    ]  # fmt: skip


def test_ocr_toc_spaces_dots_full_width_and_broken_doc_number():
    entries, problems = parse_toc_lines(OCR_TOC.splitlines()[1:])
    assert not problems
    assert [(e.title, e.doc_number, e.page, e.section) for e in entries] == [
        ("聊城市人民政府关于印发聊城市2026年重点工作的通知", "聊政发〔2026〕3号", 1, "市政府文件"),
        ("聊城市人民政府办公室关于同意设立示范项目的批复", "聊政办字〔2026〕15号", 4, "市政府文件"),
    ]
    assert entries[1].kind == "other"  # a 批复 is not a 规范性文件 even with a 文号


def test_entry_without_page_number_and_decreasing_pages_are_reported():
    entries, problems = parse_toc_lines(
        ["聊城市人民政府关于甲事项的通知（聊政发〔2026〕1号）……5",
         "聊城市人民政府关于乙事项的通知（聊政发〔2026〕2号）……2",
         "【人事任免】", "聊城市人民政府关于丙事项的通知"]
    )  # fmt: skip
    assert len(entries) == 3
    assert "目录页码不是递增的" in problems
    assert any("没有页码" in p and "丙事项" in p for p in problems)


def test_masthead_from_cover_and_from_file_name():
    m = parse_masthead(COVER)
    assert (m.name, m.year, m.number, m.total, m.published_on) == (
        "聊城市人民政府公报", 2026, 5, 123, dt.date(2026, 5, 20)
    )  # fmt: skip
    m = parse_masthead("（封面残缺）", "聊城公报2019年第11期.pdf")
    assert (m.year, m.number) == (2019, 11)
    assert not parse_masthead("无关内容").complete


def _pages():
    head = "聊城市人民政府公报　2026年第5期（总第123期）"
    return [
        COVER,
        TYPESET_TOC,
        f"{head}\n聊城市城市绿化管理办法\n聊城市人民政府令第12号\n第一条　为促进城市绿化，制定本办法。\n— 1 —",
        f"{head}\n第二条　本办法自公布之日起施行。\n市长　某某\n2026年4月1日\n— 2 —",
        f"{head}\n聊城市人民政府办公室关于印发聊城市城乡居民最低生活保障\n实施办法的通知\n"
        "聊政办发〔2026〕21号\n各县（市、区）人民政府：现将实施办法印发给你们。\n— 3 —",
        f"{head}\n第一条　保障标准每年调整。\n— 4 —",
        f"{head}\n第二条　本办法自印发之日起施行。\n聊城市人民政府办公室\n2026年4月28日\n— 5 —",
        f"{head}\n— 6 —",
        f"{head}\n聊城市人民政府关于市直有关部门领导职务任免的通知\n经研究决定，予以任免。\n"
        "聊城市人民政府\n二〇二六年五月六日\n— 7 —",
    ]


def test_split_cuts_the_issue_at_the_titles_with_page_ranges():
    split = split_issue(_pages())
    assert split.masthead.label() == "2026年第5期（总第123期）"
    assert split.page_offset == 1  # printed page 1 is the third page of the file
    arts = split.articles
    assert [(a.page_start, a.page_end) for a in arts] == [(1, 2), (3, 5), (7, 7)]
    assert all(a.certain for a in arts), [a.problems for a in arts]
    assert arts[0].text.startswith("聊城市人民政府令第12号")
    assert "本办法自公布之日起施行" in arts[0].text and "保障标准" not in arts[0].text
    assert "— 2 —" not in arts[0].text and "2026年第5期" not in arts[0].text
    assert arts[1].signed_on == dt.date(2026, 4, 28)
    assert arts[1].issuer_hint == "聊城市人民政府办公室"
    assert arts[2].signed_on == dt.date(2026, 5, 6)  # 二〇二六年五月六日


def test_a_title_on_another_page_than_the_toc_says_is_uncertain():
    pages = _pages()
    pages[1] = pages[1].replace("……7", "……6")
    split = split_issue(pages)
    last = split.articles[-1]
    assert not last.certain and "目录标注第6页，正文在第7页" in last.problems[0]
    assert all(a.certain for a in split.articles[:2])


def test_a_title_not_in_the_body_goes_to_proofreading_and_the_rest_is_split():
    pages = _pages()
    pages[4] = pages[4].replace("关于印发", "关于印 发（识别错误）")
    split = split_issue(pages)
    middle = split.articles[1]
    assert not middle.certain and "正文中未找到该标题" in middle.problems[0]
    assert split.articles[0].certain and split.articles[2].certain


def test_no_toc_means_one_uncertain_article():
    split = split_issue([COVER, "某某内容\n更多内容"])
    assert split.problems and "未找到目录" in split.problems
    assert len(split.articles) == 1 and not split.articles[0].certain


def test_a_one_page_text_issue_is_split_by_titles_with_toc_pages():
    text = COVER + "\n" + TYPESET_TOC + "\n" + "\n".join(p for p in _pages()[2:])
    split = split_issue([text])
    assert [a.title[:6] for a in split.articles] == ["聊城市城市绿", "聊城市人民政", "聊城市人民政"]
    assert split.articles[0].page_start == 1 and split.articles[0].page_end == 2
    assert "第一条　为促进城市绿化" in split.articles[0].text


def test_ocr_toc_that_lost_its_page_numbers_still_separates_entries_at_the_doc_number():
    entries, problems = parse_toc_lines(
        ["聊城市政府信息公开申请办理规定 〈( 聊政办发【2026] 5 号 )",
         "聊城市临时救助实施细则 ( 聊民发【2026] 3 号 )"]
    )  # fmt: skip
    assert [(e.title, e.doc_number, e.page) for e in entries] == [
        ("聊城市政府信息公开申请办理规定", "聊政办发〔2026〕5号", None),
        ("聊城市临时救助实施细则", "聊民发〔2026〕3号", None),
    ]
    assert len(problems) == 2


def test_a_toc_continued_on_the_next_page():
    first = "目　录\n【市政府文件】\n" + "\n".join(
        f"聊城市人民政府关于第{n}项工作的通知（聊政发〔2026〕{n}号）…………{n}" for n in range(1, 4)
    )
    second = "\n".join(
        f"聊城市人民政府关于第{n}项工作的通知（聊政发〔2026〕{n}号）…………{n}" for n in range(4, 7)
    )
    body = "聊城市人民政府关于第1项工作的通知\n正文。"
    toc = find_toc([COVER, first, second, body])
    assert (toc.first_page, toc.last_page) == (1, 2)
    assert [e.page for e in toc.entries] == [1, 2, 3, 4, 5, 6]
    assert toc.entries[-1].doc_number == "聊政发〔2026〕6号"
