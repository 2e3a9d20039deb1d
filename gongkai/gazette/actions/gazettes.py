"""Creating a government's gazette."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid

from ..models import Gazette
from . import messages


def ensure_gazette(
    actor, organisation, *, name: str = "", founded_year=None, issues_per_year=None
) -> Gazette:
    """The gazette of ``organisation`` (a government), created on first use."""
    existing = Gazette.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    with change(actor, "administer", organisation) as ch:
        if organisation.parent_id is not None:
            raise Invalid(messages.NOT_CITY)
        gazette = Gazette.objects.create(
            organisation=organisation,
            name=name or f"{organisation.name.removesuffix('人民政府')}人民政府公报",
            founded_year=founded_year,
            issues_per_year=issues_per_year,
        )
        ch.audit(
            gazette, "create", changes={"name": gazette.name, "issues_per_year": issues_per_year}
        )
    return gazette
