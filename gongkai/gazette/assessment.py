"""The 规范性文件应登尽登率 criterion of the plans' assessment, for a government (its city's
gazette): rules due in the gazette by now that appear in an issue, out of all due."""


def gazette_coverage(org, year, as_of):
    from .queries import _due, missing_count

    if org.level != org.LEVEL_CITY:
        return None  # measured for the government that publishes the gazette
    due = _due(org, as_of).count()
    if not due:
        return None
    return (due - missing_count(org, as_of)) / due
