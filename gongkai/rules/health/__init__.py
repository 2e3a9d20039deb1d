"""Website health (《政府网站与政务新媒体检查指标》, 2019; domain.md section 5) as pure rules.

- ``indicators``: the indicator set (thresholds) with the 2019 defaults;
- ``columns``: the health type of a catalog column (dynamic / notice / policy / other / standing);
- ``checks``: the exact checks over plain data, their findings, vetoes and predictions;
- ``forged``: an item's displayed publication time against its audit entry;
- ``probes``: availability over a window of probes; ``score``: the 0..100 score.
"""
