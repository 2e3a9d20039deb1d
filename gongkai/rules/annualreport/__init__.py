"""The annual report (政府信息公开工作年度报告) in the national format of 2021 (domain.md section 4).

Pure rules, no Django: the tables and their row codes (:mod:`.tables`), the checks evaluators
apply before and after sign-off (:mod:`.checks`), the drafted text of section 一 with its
figures taken from the tables (:mod:`.text`), and the sum of several reports (:mod:`.tables.add`).

A report's figures travel as one plain dict (``figures``)::

    {"table2": {"regulation": {"issued", "repealed", "in_force"}, "normative": {...},
                "licensing": {"decisions"}, "penalty": {...}, "enforcement": {...},
                "fees": {"amount": "12.34"}},
     "table3": {"<row code>": {"natural_person", "commercial", ..., "other", "total"}},
     "table4": {"review" | "litigation_direct" | "litigation_after_review":
                {"upheld", "corrected", "other", "pending", "total"}},
     "extra":  {"items_published", "interpretations", "press_conferences", ...}}
"""
