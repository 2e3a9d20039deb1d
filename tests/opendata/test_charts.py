"""The shared chart module: server-side SVG with no script or inline style, and its data table."""

from gongkai.core import charts


def test_line_chart_comes_with_an_accessible_table():
    chart = charts.line("一般公共预算收入", ["2026年1月", "2026年2月", "2026年3月"],
                        {"收入": [100.0, None, 120.5]}, unit="万元")  # fmt: skip
    html = chart.html()
    assert (
        html.count("<svg") == 1
        and 'role="img"' in html
        and f'aria-labelledby="{chart.id}-cap"' in html
    )
    svg = chart.svg
    assert "<script" not in svg and "<style" not in svg and 'style="' not in svg
    assert "http://" not in svg.replace("http://www.w3.org", "")  # nothing fetched from outside
    assert '<th scope="col">统计期</th>' in html and '<th scope="row">2026年2月</th>' in html
    assert "<td>—</td>" in html and "<td>120.5</td>" in html  # a gap stays a gap
    assert "/static/opendata/charts.css" in html


def test_bar_chart_is_a_ranking_best_first():
    chart = charts.bar("达标率", ["临清市", "东昌府区"], [99.0, 95.5], unit="%", ranks=[1, 2],
                       first_column="县市区")  # fmt: skip
    assert chart.table.columns == ["县市区", "排名", "达标率（%）"]
    assert chart.table.rows[0] == ["临清市", "1", "99"]
    assert "临清市" in chart.svg


def test_sparkline_is_small_and_folds_its_table():
    chart = charts.sparkline("收入", ["1月", "2月"], [1.0, 2.0])
    assert chart.collapsed and "<details>" in chart.html()
    assert len(chart.svg) < 4000


def test_the_committed_stylesheet_is_the_generated_one():
    # regenerate with: python -c "from gongkai.core import charts; charts.write_stylesheet()"
    assert charts.STYLESHEET.read_text(encoding="utf-8") == charts.stylesheet()
    assert (
        ".gk-chart .color-0" in charts.stylesheet()
        and "html.large-text .gk-chart" in charts.stylesheet()
    )


def test_numbers_in_tables():
    assert charts.number(1234567) == "1,234,567"
    assert charts.number(12.50) == "12.5"
    assert charts.number(None) == "—"


def test_ranking_leaves_out_missing_values_and_shares_ranks():
    chart = charts.ranking("考核得分", [("市民政局", 90.0), ("市财政局", 95.5), ("市环保局", None),
                                    ("市物价局", 90.0)], unit="分", first_column="单位")  # fmt: skip
    assert [r[:2] for r in chart.table.rows] == [
        ["市财政局", "1"],
        ["市民政局", "2"],
        ["市物价局", "2"],
    ]
    assert charts.ranking("考核得分", [("市民政局", None)]) is None
