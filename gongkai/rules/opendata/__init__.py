"""Pure rules of 数据开放 (open data series): schemas, periods, derived figures. No Django import.

- :mod:`.periods`: the periods of a dataset from the plans' time rules, period keys, reading a
  period cell, previous period and the same period a year earlier;
- :mod:`.schema`: a dataset's schema and matching an uploaded table against it (row, column,
  reason of every problem);
- :mod:`.derive`: 同比, 环比, 累计, county ranking and the consistency checks (parts never exceed
  totals, cumulative equals the sum of the periods), each with its formula.
"""
