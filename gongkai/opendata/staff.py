"""Staff overview of 数据开放: the datasets of the reader's organisations, their missing periods
(the same periods as the plan obligations) and the periods whose figures need checking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.accounts import permissions

from . import services
from .models import Dataset, PeriodVersion


@login_required
def overview(request):
    org_ids = permissions.org_ids_for(request.user, "view_internal")
    edit_ids = permissions.org_ids_for(request.user, "edit")
    qs = Dataset.objects.select_related("organisation", "entry")
    if not request.user.is_superuser:
        qs = qs.filter(organisation_id__in=org_ids)
    rows = []
    for ds in qs:
        status = services.period_status(ds)
        rows.append(
            {
                "ds": ds,
                "can_edit": ds.organisation_id in edit_ids,
                "due": len(status),
                "missing": [p for p, v in status if v is None],
                "warned": PeriodVersion.objects.filter(dataset=ds, is_current=True).exclude(
                    warnings=[]
                ),
                "corrections": PeriodVersion.objects.filter(dataset=ds, number__gt=1).count(),
            }
        )
    return render(request, "opendata/staff.html", {"rows": rows, "can_create": bool(edit_ids)})
