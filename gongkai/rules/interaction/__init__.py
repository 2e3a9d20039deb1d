"""Pure rules of 政民互动 (message clocks, the 3-month ceiling) and 舆情回应 (hour clocks)."""
