import pytest


@pytest.fixture
def finance(org):
    """市财政局 of 聊城 with its legal catalog structure."""
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市财政局")
    ensure_legal_structure(o)
    return o


@pytest.fixture
def column(finance):
    from gongkai.catalog.services import entry

    return entry(finance, "czsz")


@pytest.fixture
def editor(staff):
    return staff["lc-editor"]


@pytest.fixture
def reviewer(staff):
    return staff["lc-reviewer"]


@pytest.fixture
def make_item(finance, column, editor):
    from gongkai.catalog import actions

    def make(**fields):
        fields.setdefault("title", "2026年10月财政收支情况")
        fields.setdefault("body", "<p>全市一般公共预算收入情况。</p>")
        fields.setdefault("entries", [column])
        return actions.create_item(organisation=finance, actor=editor, **fields)

    return make


@pytest.fixture
def valid_id():
    from gongkai.rules.idcard import check_char

    first17 = "37150219850312001"
    return first17 + check_char(first17)


@pytest.fixture
def low_income_xlsx(valid_id):
    """A 低保 list as departments publish it: with one unmasked ID number."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "保障人数", "月保障金（元）"])
    ws.append([1, "王某某", valid_id, 2, 820])
    ws.append([2, "李某某", "3715**********0021", 1, 410])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
