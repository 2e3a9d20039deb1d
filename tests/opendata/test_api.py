"""Downloads (CSV with BOM, .xlsx, JSON), the fixed-query API, DCAT, and the public pages."""

import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def months(dataset, publish):
    for m in range(1, 6):
        publish(
            f"2026年{m}月财政收支情况",
            [[f"2026年{m}月", 100 + m, 80, sum(100 + k for k in range(1, m + 1))]],
        )
    return dataset


def test_csv_has_a_bom_and_reads_back_with_csv_and_openpyxl(client, months):
    import openpyxl

    r = client.get(f"/opendata/{months.pk}/data.csv")
    assert r.status_code == 200 and r.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["统计期代码", "统计期", "一般公共预算收入（万元）"]
    assert rows[1][:3] == ["2026-01", "2026年1月", "101.0"] and len(rows) == 6
    x = client.get(f"/opendata/{months.pk}/data.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(x.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "统计期代码")
    assert values[header + 1][:3] == ["2026-01", "2026年1月", 101]
    # openpyxl also reads the CSV download's text once decoded (BOM stripped)
    j = json.loads(client.get(f"/opendata/{months.pk}/periods/2026-02/data.json").content)
    assert j["rows"][0]["values"]["一般公共预算收入"] == 102.0


def test_api_list_detail_and_paged_rows(client, months):
    r = client.get("/api/v1/datasets").json()
    assert r["total"] == 1 and r["results"][0]["id"] == months.pk
    assert {"page", "per_page", "pages"} <= set(r)
    d = client.get(f"/api/v1/datasets/{months.pk}").json()
    assert d["schema"]["fields"][0]["unit"] == "万元" and len(d["periods"]) == 5
    rows = client.get(f"/api/v1/datasets/{months.pk}/rows?per_page=2&page=2").json()
    assert (
        rows["total"] == 5
        and rows["pages"] == 3
        and [x["period"] for x in rows["results"]] == ["2026-03", "2026-04"]
    )
    ranged = client.get(
        f"/api/v1/datasets/{months.pk}/rows?period_from=2026年2月&period_to=2026-03"
    ).json()
    assert [x["period"] for x in ranged["results"]] == ["2026-02", "2026-03"]


@pytest.mark.parametrize(
    "query,param,words",
    [
        ("period_from=三月", "period_from", "不是可以识别的统计期"),
        ("period_from=2026-04&period_to=2026-02", "period_to", "早于"),
        ("area=东昌府区", "area", "不分地区"),
        ("page=0", "page", "应在"),
        ("per_page=101", "per_page", "应在"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, months, query, param, words):
    r = client.get(f"/api/v1/datasets/{months.pk}/rows?{query}")
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["param"] == param and words in err["message"]


def test_unknown_dataset_is_404_and_there_is_no_sql_endpoint(client, months):
    assert client.get("/api/v1/datasets/999999").status_code == 404
    assert client.get("/api/v1/datasets/999999/rows").status_code == 404
    assert client.get(f"/api/v1/datasets/{months.pk}/sql?q=select").status_code == 404


def test_dcat_catalogue(client, months):
    r = client.get("/api/v1/datasets/dcat.jsonld")
    assert r["Content-Type"].startswith("application/ld+json")
    doc = r.json()
    ds = doc["dcat:dataset"][0]
    assert doc["@type"] == "dcat:Catalog" and ds["dct:title"] == months.title
    assert {d["dct:format"] for d in ds["dcat:distribution"]} == {"CSV", "XLSX", "JSON"}
    assert ds["dct:temporal"]["dcat:startDate"] == "2026-01-01"


def test_openapi_documents_the_dataset_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/datasets", "/api/v1/datasets/{id}", "/api/v1/datasets/{id}/rows",
            "/api/v1/datasets/dcat.jsonld"} <= set(paths)  # fmt: skip


def test_dataset_page_shows_chart_table_figures_and_missing(client, dataset, publish):
    publish("2025年3月财政收支情况", [["2025-03", 100, 80, 100]])
    publish("2026年2月财政收支情况", [["2026-02", 120, 80, 120]])
    publish("2026年3月财政收支情况", [["2026-03", 132, 80, 252]])
    html = client.get(f"/opendata/{dataset.pk}/").content.decode()
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<th scope="col">统计期</th>' in html and "<caption>" in html
    assert "缺期提示" in html and "2025年2月" in html  # the months without data are flagged
    assert "10.0%" in html and "32.0%" in html  # 环比 (132/120) and 同比 (132/100)
    assert "同比增长 =（本期 − 上年同期）÷ 上年同期 × 100%" in html
    assert "缺少2026年1月数据" in html  # no cumulative over a gap


def test_public_item_page_has_a_small_chart_of_its_period(client, dataset, publish):
    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    item = publish("2026年2月财政收支情况", [["2026年2月", 90, 70, 190]])
    from gongkai.core.extensions import notes

    found = notes("portal.item", item)
    assert found and "<svg" in found[0].html and "2026年2月" in found[0].text
    assert "<table" in found[0].html


def test_period_page_shows_every_version(client, dataset, publish):
    publish("2026年1月", [["2026年1月", 100, 80, 100]])
    publish("2026年1月（更正）", [["2026年1月", 100, 79, 100]])
    html = client.get(f"/opendata/{dataset.pk}/periods/2026-01/").content.decode()
    assert "第2版（现行）" in html and "第1版（已被更正" in html
    assert (
        client.get(f"/opendata/{dataset.pk}/periods/2026-01/data.csv?version=1").status_code == 200
    )
    assert client.get(f"/opendata/{dataset.pk}/periods/2099-01/").status_code == 404
    assert client.get(f"/opendata/{dataset.pk}/data.exe").status_code == 404


def test_search_registers_datasets(months):
    from gongkai.search import registry

    doc = registry.get("dataset").build([months.pk])[months.pk]
    assert registry.labels()["dataset"] == "数据开放"
    assert doc.title == months.title and "一般公共预算收入（万元）" in doc.text


def test_staff_overview_lists_missing_periods_and_warnings(client, staff, dataset, publish):
    publish("2025年1月", [["2025-01", 100, 120, 100]])  # 税收收入 above the total: warned
    client.force_login(staff["lc-editor"])
    html = client.get("/staff/opendata/").content.decode()
    assert dataset.title in html and "2025年2月" in html
    assert "税收收入 120 大于 一般公共预算收入 100" in html
    client.logout()
    assert client.get("/staff/opendata/").status_code == 302
