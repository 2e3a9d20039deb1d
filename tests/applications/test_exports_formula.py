"""Issue #17.5: text people typed never becomes a live formula in the staff ledger."""

import io

import openpyxl


def test_applicant_named_like_a_formula_stays_text(client, staff, make_app):
    app = make_app(name='=HYPERLINK("http://evil.example","点我")')
    user = staff["lc-mz-editor"]
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    client.force_login(user)
    resp = client.get("/staff/applications/", {"format": "xlsx"})
    assert resp.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(resp.content))
    cells = [c for row in wb.active.iter_rows() for c in row if c.value == app.name]
    assert cells, "the applicant's name is in the ledger"
    assert all(c.data_type == "s" for c in cells)
