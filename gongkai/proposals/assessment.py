"""The 建议提案按期办复率 criterion of the plans' assessment: proposals of the year led by the
organisation (or its subtree) answered by their due date, out of all it received."""


def proposal_timeliness(org, year, as_of):
    from .models import Proposal
    from .services import yearly_figures

    rows = yearly_figures(Proposal.objects.filter(year=year, lead_id__in=org.descendant_ids()))
    received = sum(r["received"] for r in rows)
    return sum(r["on_time"] for r in rows) / received if received else None
