"""Texts and files of the catalog demo that a clerk would recognise: the current 低保 policy, its
解读 and application form, and the annual reports of the departments the annual-report app
does not generate.

The figures are illustrative (believable for the two cities in 2026, not official): the 低保
standards below, a department's counts of applications. Where figures have parts, the parts
add up to the total.
"""

from __future__ import annotations

# 低保 standards in yuan per person per month (illustrative, in the range of Shandong's cities in
# 2026; each city adjusts them every year by a notice of 民政局 and 财政局).
DIBAO = {
    "聊城市": {"urban": 900, "rural": 720, "hall": "聊城市为民服务中心", "hotline": "0635-8456789"},
    "东营市": {
        "urban": 1010,
        "rural": 810,
        "hall": "东营市政务服务中心",
        "hotline": "0546-8123456",
    },
}


def dibao_standard(city: str) -> dict:
    return DIBAO.get(city, DIBAO["聊城市"])


def dibao_policy_body(city: str, year: int, old_doc: str) -> str:
    d = dibao_standard(city)
    articles = [
        "为完善最低生活保障制度，保障城乡困难群众基本生活，根据《社会救助暂行办法》《山东省"
        "最低生活保障办法》等规定，结合本市实际，制定本办法。",
        "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，"
        "可以申请最低生活保障。",
        f"最低生活保障标准由市民政局会同市财政局根据居民生活必需费用确定，每年调整一次，"
        f"向社会公布。{year + 1}年全市城市最低生活保障标准为每人每月{d['urban']}元，"
        f"农村最低生活保障标准为每人每月{d['rural']}元。",
        "申请最低生活保障，以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人，"
        "向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出书面申请，也可以通过"
        "网上申办平台申请。",
        "乡镇人民政府（街道办事处）应当自受理申请之日起3个工作日内启动家庭经济状况调查，"
        "调查结果在村（居）务公开栏公示7天；县级民政部门自收到审核意见之日起10个工作日内"
        "作出审批决定。",
        "最低生活保障金按照家庭人均收入与保障标准的差额按月发放。",
        f"本办法自{year}年10月1日起施行。{old_doc}同时废止。",
    ]
    cn = "一二三四五六七八九十"
    return "".join(f"<p>第{cn[i]}条 {a}</p>" for i, a in enumerate(articles))


def dibao_interpretation_body(city: str, year: int, policy_title: str) -> str:
    d = dibao_standard(city)
    sections = [
        ("一、为什么修订",
         [f"原实施办法施行已满五年。{year}年修订，落实省里关于低保扩围增效的要求：简化申请材料，"
          "将审批时限由20个工作日缩短为10个工作日，并把“单人保”范围扩大到重病、重残人员。"]),
        ("二、低保标准是多少",
         [f"现行标准：城市每人每月{d['urban']}元，农村每人每月{d['rural']}元（{year + 1}年1月1日起执行）。",
          "保障金按差额发放：家庭人均收入与标准相差多少，就按每人每月补多少。例如农村一户"
          f"三口之家人均月收入400元，每月可领取（{d['rural']}－400）×3＝{(d['rural'] - 400) * 3}元。"]),
        ("三、哪些家庭可以申请",
         ["同时符合三个条件：一是持有本市户籍（或居住证满一年）；二是共同生活的家庭成员人均月收入"
          "低于当地标准；三是家庭财产符合规定，如人均存款不超过当地24个月低保标准之和、除唯一住房外"
          "无其他商品房、无非营运机动车等。",
          "重病、重残人员即使与家人共同生活，也可以单独申请（“单人保”）。"]),
        ("四、怎么申请",
         ["带上户口簿、身份证和《最低生活保障申请审批表》（本页附件，可下载填写），到户籍所在地"
          "乡镇人民政府（街道办事处）社会救助窗口提出申请；行动不便的，可委托村（居）民委员会代办，"
          "也可以在“爱山东”政务服务平台网上申请。",
          "受理后3个工作日内入户调查，公示7天无异议后，县（市、区）民政局10个工作日内审批，"
          "审批通过的次月起发放。"]),
        ("五、到哪里办、怎么咨询",
         [f"各乡镇（街道）便民服务中心社会救助窗口，或{d['hall']}民政窗口；"
          f"咨询电话：{d['hotline']}（工作日8:30—17:30），也可拨打12345政务服务便民热线。"]),
    ]  # fmt: skip
    out = [f"<p>{city}人民政府办公室印发了《{policy_title}》。现就群众关心的问题解读如下。</p>"]
    for heading, paras in sections:
        out.append(f"<h3>{heading}</h3>" + "".join(f"<p>{p}</p>" for p in paras))
    return "".join(out)


def dibao_form_docx(city: str) -> bytes:
    """The 最低生活保障申请审批表 as an A4 .docx (GB/T 9704 margins)."""
    from gongkai.core import officedoc

    doc = officedoc.new_document()
    officedoc.add_title(doc, f"{city}最低生活保障申请审批表")
    rows = [
        ("申请人姓名", "", "性别", ""),
        ("身份证号码", "", "联系电话", ""),
        ("户籍地址", "", "居住地址", ""),
        ("家庭人口", "", "申请类别", "□城市  □农村  □单人保"),
        ("家庭月总收入（元）", "", "人均月收入（元）", ""),
    ]
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for r in rows:
        cells = table.add_row().cells
        for c, text in zip(cells, r, strict=True):
            c.text = text
    for label in ("申请理由", "乡镇（街道）审核意见", "县（市、区）民政局审批意见"):
        cells = table.add_row().cells
        cells[0].text = label
        merged = cells[1].merge(cells[3])
        merged.text = (
            "\n\n（签章）    年  月  日" if "意见" in label else "\n\n申请人签字：    年  月  日"
        )
    officedoc.add_body(
        doc,
        "填表说明：1.本表一式两份；2.请附户口簿、身份证复印件；3.申请人对所填内容的真实性负责。",
        indent=False,
    )
    return officedoc.to_bytes(doc)


def review_form_docx(city: str) -> bytes:
    """The 政府信息公开保密审查表 attached to the 保密审查办法."""
    from gongkai.core import officedoc

    doc = officedoc.new_document()
    officedoc.add_title(doc, f"{city}政府信息公开保密审查表")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label in ("信息名称", "拟公开方式", "承办科室意见", "保密审查意见", "单位负责人意见"):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, ""
    return officedoc.to_bytes(doc)


# -- annual reports of the departments the annual-report app does not generate --------------------
def annual_report_body(rng, org_name: str, year: int, published: int, normative: int) -> str:
    """A 年度报告 in the six parts of the 国办 template, with figures whose parts add up:
    ``published`` is what the department really published that year in the demo."""
    received = rng.randint(3, 14)
    parts = {
        "予以公开": 0,
        "部分公开": 0,
        "不予公开": 0,
        "无法提供": 0,
        "不予处理": 0,
        "其他处理": 0,
    }
    weights = [("予以公开", 5), ("部分公开", 2), ("无法提供", 3), ("不予公开", 1), ("其他处理", 1)]
    pending = 1 if received > 8 else 0
    for _ in range(received - pending):
        pick = rng.choices([k for k, _ in weights], [w for _, w in weights])[0]
        parts[pick] += 1
    shown = "，".join(f"{k}{v}件" for k, v in parts.items() if v)
    pending_text = f"，尚未办结{pending}件（跨年度结转）" if pending else ""
    online = rng.randint(received // 2, received)
    return (
        f"<p>本报告根据《中华人民共和国政府信息公开条例》编制，反映{org_name}{year}年政府信息"
        f"公开工作情况。报告中统计数据的期限为{year}年1月1日至12月31日。</p>"
        "<h3>一、总体情况</h3>"
        f"<p>{year}年，本单位坚持以公开为常态、不公开为例外，全年通过政府网站主动公开政府信息"
        f"{published}条，及时回应公众关切；依申请公开按期答复率100%。</p>"
        "<h3>二、主动公开政府信息情况</h3>"
        f"<p>本年新制发行政规范性文件{normative}件，现行有效的均已在政府网站“行政规范性文件”栏目"
        f"公开；主动公开政府信息{published}条。</p>"
        "<h3>三、收到和处理政府信息公开申请情况</h3>"
        f"<p>本年新收政府信息公开申请{received}件（其中网上申请{online}件，信函和当面申请"
        f"{received - online}件）。已办结{received - pending}件：{shown}{pending_text}。"
        "未收取信息处理费。</p>"
        "<h3>四、政府信息公开行政复议、行政诉讼情况</h3>"
        "<p>本年未发生因政府信息公开引起的行政复议和行政诉讼。</p>"
        "<h3>五、存在的主要问题及改进情况</h3>"
        "<p>部分栏目更新不够及时，政策解读形式较为单一。下一步将建立栏目更新提醒，增加图解"
        "和问答式解读。</p>"
        "<h3>六、其他需要报告的事项</h3><p>本年度无其他需要报告的事项。</p>"
    )
