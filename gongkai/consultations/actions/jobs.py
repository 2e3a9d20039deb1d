"""The scheduled job: open approved consultations on their opening date, close past ones."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.rules import dates

from ..models import Consultation
from .workflow import close, open_consultation


def open_due(moment=None) -> str:
    done, failed = 0, 0
    for c in Consultation.objects.filter(status=Consultation.APPROVED, opens_on__lte=dates.today()):
        try:
            with transaction.atomic():
                open_consultation(SYSTEM("consultations open"), c)
                done += 1
        except Invalid:
            failed += 1  # e.g. its period no longer meets the minimum: staff see it unopened
    return f"{done} consultations opened" + (f", {failed} not opened" if failed else "")


def close_due(moment=None) -> str:
    """Close every open consultation whose closing date has passed."""
    done = 0
    for c in Consultation.objects.filter(status=Consultation.OPEN, closes_on__lt=dates.today()):
        with transaction.atomic():
            close(SYSTEM("consultations close"), c)
            done += 1
    return f"{done} consultations closed"
