"""Labels of the catalog's codes, importable before the app registry is ready (no Django import).

One copy for every app: ``Item.VALIDITY_CHOICES`` and the search backends' facet labels
(``gongkai.search.documents.VALIDITY_LABELS``) both come from here.
"""

VALIDITY_CHOICES = [
    ("valid", "有效"),
    ("expired", "失效"),
    ("repealed", "废止"),
    ("amended", "已修改"),
]
VALIDITY_LABELS = dict(VALIDITY_CHOICES)
