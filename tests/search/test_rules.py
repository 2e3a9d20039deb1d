"""The plain-Python search rules: n-grams, document numbers, highlighting, aliases (no DB)."""

from gongkai.rules import ngrams, search_aliases
from gongkai.rules.docnumber import doc_key
from gongkai.rules.search_highlight import highlight, snippet


def test_normalise_keeps_length_and_folds_width_and_case():
    text = "ＰＭ２.５ 低保\n标准ABC"
    norm = ngrams.normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith("pm2.5")
    assert "abc" in norm
    assert " " not in norm and "\n" not in norm


def test_bigram_positions_are_offsets():
    norm = ngrams.normalise("城乡低保")
    tokens = ngrams.bigram_string(norm).split(" ")
    assert tokens == ["城乡", "乡低", "低保"]
    assert [norm[k : k + 2] for k in range(len(tokens))] == tokens


def test_query_terms_split_on_any_space():
    assert ngrams.query_terms(" 低保\u3000标准  低保 ") == ["低保", "标准"]


def test_doc_numbers_with_or_without_brackets_share_a_key():
    spellings = [
        "聊政办发〔2017〕9号",
        "聊政办发[2017]9号",
        "聊政办发［2017］9号",
        "聊政办发(2017)9号",
        "聊政办发（2017）9号",
        "聊政办发2017年9号",
        "聊政办发20179号",
        "聊政办发〔2017〕第9号",
    ]
    keys = {doc_key(s) for s in spellings}
    assert keys == {"聊政办发|2017|9"}
    assert doc_key("聊政办发〔2017〕19号") != doc_key("聊政办发〔2017〕9号")
    assert doc_key("低保标准") is None


def test_highlight_escapes_and_marks():
    html = highlight("<script>低保</script>标准", ["低保"])
    assert html == "&lt;script&gt;<mark>低保</mark>&lt;/script&gt;标准"


def test_snippet_centres_on_first_match():
    text = "甲" * 300 + "城乡低保标准" + "乙" * 300
    html = snippet(text, ["低保"], width=60)
    assert "<mark>低保</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 100


def test_alias_expansion_and_minimal_set():
    groups = search_aliases.build_groups(
        [["市发展改革委", "市发改委", "聊城市发展和改革委员会", "市发展和改革委员会"]],
        ngrams.normalise,
    )
    words = search_aliases.expand("市发改委", groups)
    assert words[0] == "市发改委"
    assert "市发展改革委" in words and "市发展和改革委员会" in words
    # 聊城市发展和改革委员会 contains 市发展和改革委员会: searching the shorter finds both
    assert "聊城市发展和改革委员会" not in words
    inside = search_aliases.expand("市发改委2024年工作要点", groups)
    assert "市发展改革委2024年工作要点" in inside


def test_doc_number_query_reading_and_spellings():
    from gongkai.rules import docnumber

    for q in [
        "聊政办发2017 9号",
        "聊政办发 〔2017〕 9号",
        "聊政办发［2017］第9号",
        "聊政办发2017年9号",
    ]:
        assert docnumber.query_key(q) == "聊政办发|2017|9", q
    assert docnumber.query_key("低保 2017年9号") is None  # two words, not a number
    forms = docnumber.spellings("聊政办发|2017|9")
    assert "聊政办发〔2017〕9号" in forms and "聊政办发[2017]9号" in forms
    assert "聊政办发2017年9号" in forms
    assert not any("19号" in f for f in forms)


def test_truncated_doc_numbers_are_recognised():
    from gongkai.rules import docnumber

    for cut in ["聊政办发〔201", "聊政办发〔", "聊政办发20", "聊政办发[2017"]:
        assert docnumber.cuts_a_number(cut), cut
    for whole in ["聊政办发", "低保标准", "低保情况"]:
        assert not docnumber.cuts_a_number(whole), whole
    assert docnumber.looks_like("聊政办发〔2017〕99号") and not docnumber.looks_like("低保标准")
    # the strict editor check is unchanged
    assert docnumber.problem("聊政办发2017 9号") is not None
    assert docnumber.normalise("聊政办发[2017]9号") == "聊政办发〔2017〕9号"


def test_a_name_without_its_level_prefix_expands_like_the_name():
    from gongkai.rules import ngrams, search_aliases

    groups = search_aliases.build_groups(
        [["市发展改革委", "市发改委", "聊城市发展和改革委员会"]], ngrams.normalise
    )
    assert "市发展改革委" in search_aliases.expand("发改委", groups)
    assert search_aliases.expand("改委", groups) == ["改委"]  # two characters: no guessing
