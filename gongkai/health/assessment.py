"""The 网站健康 criterion of the plans' assessment (``gongkai.plans.criteria``)."""


def site_health_share(org, year, as_of):
    from .queries import health_score

    score, _why = health_score(org, as_of)
    return score / 100 if score is not None else None
