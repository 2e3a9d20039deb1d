"""Public participation rules (征求意见, 建议提案): pure functions, no Django (docs/participation.md).

* ``period``: the legal minimum consultation period per kind of document, with its explanation;
* ``articles``: reading a draft into 章/节/条/款, tolerant of OCR breaks and full/half width;
* ``similarity``: grouping near-identical comments;
* ``feedback``: the figures of the 意见采纳情况说明 and the draft ↔ final diff by article.
"""
