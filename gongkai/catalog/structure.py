"""The legal structure of an organisation's 政府信息公开 catalog (domain.md section 6).

Every organisation gets the columns that fit it (``services.ensure_legal_structure``; which fit
is ``applies`` below: governments get the whole tree, departments the common columns and their
themed ones). Each has a stable
slug that other apps use to find it: plans link obligations to a column by (organisation, slug),
the portal renders the tree. Slugs are documented in docs/catalog.md; never rename one.
"""

ART20 = "《中华人民共和国政府信息公开条例》第二十条"
ART26 = "信息形成或者变更之日起20个工作日内"

# (slug, name, parent slug, section, kind, content, basis, time limit)
LEGAL_COLUMNS = [
    ("guide", "政府信息公开指南", None, "guide", "standing",
     "政府信息的分类、编排体系、获取方式，政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等",
     "《中华人民共和国政府信息公开条例》第二十二条", "内容变更之日起20个工作日内更新"),
    ("system", "政府信息公开制度", None, "system", "standing",
     "政府信息公开工作制度：主动公开、依申请公开、保密审查、考核评议等", "《中华人民共和国政府信息公开条例》第六条至第九条",
     "制度制定或修订后20个工作日内"),
    ("statutory", "法定主动公开内容", None, "statutory", "standing",
     "条例第二十条规定应当主动公开的政府信息", ART20, ART26),
    ("functions", "机构职能", "statutory", "statutory", "standing",
     "机构职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", ART20 + "第（二）项", ART26),
    ("normative", "规章和行政规范性文件", "statutory", "statutory", "standing",
     "规章和行政规范性文件，及其解读；有效性状态", ART20 + "第（一）项", ART26),
    ("plans", "规划计划", "statutory", "statutory", "standing",
     "国民经济和社会发展规划、专项规划、区域规划及相关政策", ART20 + "第（三）项", ART26),
    ("statistics", "统计信息", "statutory", "statutory", "dynamic",
     "国民经济和社会发展统计信息", ART20 + "第（四）项", "按季度、年度"),
    ("czyjs", "财政预决算", "statutory", "statutory", "standing",
     "财政预算、决算信息，“三公”经费", ART20 + "第（八）项；《中华人民共和国预算法》第十四条",
     "批准后20日内"),
    ("czsz", "财政收支月报", "czyjs", "statutory", "dynamic",
     "全市财政收支情况，收支增减变化及原因", "2017年政务公开工作要点（按月公开财政收支）", "每月"),
    ("fees", "行政事业性收费", "statutory", "statutory", "standing",
     "行政事业性收费的项目、依据、标准", ART20 + "第（九）项", ART26),
    ("projects", "重大建设项目", "statutory", "statutory", "dynamic",
     "重大建设项目的批准和实施情况", ART20 + "第（十二）项", ART26),
    ("resources", "公共资源配置", "statutory", "statutory", "dynamic",
     "公共资源交易公告、资格审查、成交、履约信息", "国办发〔2017〕97号", ART26),
    ("procurement", "政府集中采购", "statutory", "statutory", "dynamic",
     "政府集中采购项目的目录、标准及实施情况", ART20 + "第（十）项", ART26),
    ("permits", "行政许可和行政处罚", "statutory", "statutory", "dynamic",
     "行政许可、行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的决定",
     ART20 + "第（六）项", "决定作出之日起7个工作日内"),
    ("assistance", "社会救助", "statutory", "statutory", "dynamic",
     "最低生活保障、特困人员供养、临时救助等政策、标准及实施情况（名单须去标识化）",
     ART20 + "第（十一）项", "按季度"),
    ("poverty", "扶贫", "statutory", "statutory", "dynamic",
     "扶贫政策、扶贫资金分配和使用情况、贫困人口名单公示（去标识化）", ART20 + "第（十一）项", ART26),
    ("employment", "就业创业", "statutory", "statutory", "dynamic",
     "就业创业政策、招聘信息、社会保险参保和基金情况", ART20 + "第（十一）项", ART26),
    ("housing", "保障性住房", "statutory", "statutory", "dynamic",
     "保障性安居工程建设计划、项目开工和竣工、分配和退出情况", ART20 + "第（十一）项", "按季度"),
    ("expropriation", "征地和房屋征收", "statutory", "statutory", "dynamic",
     "征收土地和国有土地上房屋征收的批准文件、补偿方案、补偿结果", ART20 + "第（十三）项", ART26),
    ("environment", "环境保护", "statutory", "statutory", "dynamic",
     "环境质量、重点排污单位、环评审批、环境执法信息", ART20 + "第（十一）项", ART26),
    ("education", "教育", "statutory", "statutory", "dynamic",
     "教育政策、招生考试、学校收费、教育经费", ART20 + "第（十一）项", ART26),
    ("health", "医疗卫生", "statutory", "statutory", "dynamic",
     "医疗卫生政策、医疗机构和医务人员执业信息、传染病疫情", ART20 + "第（十一）项", ART26),
    ("food-drug", "食品药品", "statutory", "statutory", "dynamic",
     "食品药品抽检结果、监管执法信息", ART20 + "第（十一）项", ART26),
    ("safety", "安全生产", "statutory", "statutory", "dynamic",
     "安全生产监管执法、事故调查处理报告", ART20 + "第（十一）项", "调查报告批复后20个工作日内"),
    ("prices", "价格和收费", "statutory", "statutory", "dynamic",
     "主要农产品和生活必需品价格、政府定价目录", "2017年政务公开工作要点（每周发布价格）", "每周"),
    ("soe", "国资国企", "statutory", "statutory", "dynamic",
     "国有资产监管、国有企业运营和改革信息", "2017年政务公开工作要点", "按季度"),
    ("emergencies", "突发事件应对", "statutory", "statutory", "dynamic",
     "突发公共事件的应急预案、预警信息及应对情况", ART20 + "第（十四）项",
     "特别重大、重大突发事件5小时内发布权威信息"),
    ("proposals", "建议提案办理", "statutory", "statutory", "dynamic",
     "人大代表建议和政协委员提案办理复文全文及总体情况", "2017年政务公开工作要点", "办理完毕后"),
    ("consultation", "重大决策预公开", "statutory", "statutory", "dynamic",
     "重大行政决策草案、依据和说明，征求意见及采纳情况", "《重大行政决策程序暂行条例》", "征求意见期一般不少于30日"),
    ("interpretation", "政策解读", "statutory", "statutory", "dynamic",
     "政策文件的解读：文字、问答、图解、视频", "2017年政务公开工作要点（谁起草谁解读）", "与政策文件同步发布"),
    ("news", "工作动态", "statutory", "statutory", "dynamic",
     "本机关工作动态、通知公告", ART20, "及时"),
    ("annual-report", "政府信息公开年报", None, "annual_report", "standing",
     "政府信息公开工作年度报告", "《中华人民共和国政府信息公开条例》第四十九条、第五十条",
     "每年1月31日前"),
    ("application", "依申请公开", None, "application", "standing",
     "申请渠道、申请表、办理流程和时限", "《中华人民共和国政府信息公开条例》第二十七条至第四十五条",
     "收到申请之日起20个工作日内答复"),
]  # fmt: skip

ALL_SLUGS = [row[0] for row in LEGAL_COLUMNS]

# Which organisations a column fits (an evaluator scores every empty column as 空白栏目, so a
# 民政局 must not get a 财政收支月报 column). Governments (city, county, township) and zones
# get the whole tree; a department gets the columns common to every department plus the
# themed ones whose words appear in its name. A slug missing here fits everyone.
GOVERNMENT_ONLY = "government"
THEMED = {
    "statistics": ("统计",),
    "czsz": ("财政",),
    "fees": (
        "财政",
        "物价",
        "发展和改革",
        "发展改革",
        "教育",
        "卫生",
        "住房",
        "国土资源",
        "自然资源",
        "人力资源",
        "城市管理",
        "质量技术监督",
        "食品药品",
        "市场监督",
    ),
    "projects": ("发展和改革", "发展改革", "住房和城乡建设", "住房城乡建设"),
    "resources": ("政务服务", "公共资源", "国土资源", "自然资源"),
    "procurement": ("财政", "公共资源", "政务服务"),
    "assistance": ("民政",),
    "poverty": ("扶贫", "乡村振兴"),
    "employment": ("人力资源",),
    "housing": ("住房",),
    "expropriation": ("国土资源", "自然资源", "住房"),
    "environment": ("环境",),
    "education": ("教育",),
    "health": ("卫生", "健康"),
    "food-drug": ("食品药品", "市场监督"),
    "safety": ("安全生产", "应急管理"),
    "prices": ("物价", "发展和改革", "发展改革", "粮食"),
    "soe": ("国有资产",),
    "emergencies": ("安全生产", "应急管理", "卫生"),
    "consultation": ("发展和改革", "发展改革", "住房", "教育", "卫生", "环境", "民政"),
}
ALL_LEVELS_TREE = ("city", "county", "township", "zone")


def applies(slug: str, org_name: str, level: str) -> bool:
    """Whether the standard column ``slug`` belongs in the catalog of this organisation."""
    words = THEMED.get(slug)
    if words is None or level in ALL_LEVELS_TREE:
        return True
    return any(w in (org_name or "") for w in words)


def columns_for(org_name: str, level: str) -> list[tuple]:
    """The rows of ``LEGAL_COLUMNS`` that fit the organisation (parents before children)."""
    return [row for row in LEGAL_COLUMNS if applies(row[0], org_name, level)]


COMMON_SLUGS = [row[0] for row in LEGAL_COLUMNS if row[0] not in THEMED]
LEGAL_SLUGS = COMMON_SLUGS  # the slugs every organisation has (ALL_SLUGS: every standard slug)
