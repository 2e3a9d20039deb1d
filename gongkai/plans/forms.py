"""The staff forms of the obligation page: one small form per action (settings, link, report).

Field names are those the page's HTML has always posted; each form's ``act`` calls the one
action it stands for, so the view only picks the form by the posted ``op``.
"""

from __future__ import annotations

from django import forms

from gongkai.core.errors import Forbidden, Invalid
from gongkai.orgs.models import Organisation

from . import actions
from .models import ObligationInstance

LAG = "请填写 0—250 之间的工作日数。"
DATE = "日期格式应为 YYYY-MM-DD。"
NO_ITEM = "找不到该信息，请填写信息编号。"
NO_UNIT = "该任务没有可报送的责任单位。"


class _ObligationForm(forms.Form):
    def __init__(self, data, *, ob, user, files=None):
        super().__init__(data, files)
        self.ob, self.user = ob, user


class SettingsForm(_ObligationForm):
    """Season, lag, linked columns and responsible units (office admins)."""

    lag_workdays = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=250,
        error_messages={"invalid": LAG, "min_value": LAG, "max_value": LAG},
    )
    season_start = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], error_messages={"invalid": DATE}
    )
    season_end = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], error_messages={"invalid": DATE}
    )

    def act(self) -> str:
        from gongkai.catalog.models import CatalogEntry

        d, post, ob = self.cleaned_data, self.data, self.ob
        fields = {}
        if "lag_workdays" in post and d.get("lag_workdays") is not None:
            fields["lag_workdays"] = d["lag_workdays"]
        elif "lag_workdays" in post:
            raise Invalid(errors={"lag_workdays": LAG})
        for f in ("season_start", "season_end"):
            if d.get(f):
                fields[f] = d[f]
        ids = [int(x) for x in post.getlist("entries") if x.isdigit()]
        fields["entries"] = list(CatalogEntry.objects.filter(pk__in=ids))
        rids = [int(x) for x in post.getlist("responsible") if x.isdigit()]
        if rids:
            fields["responsible"] = list(ob.task.organisations.filter(pk__in=rids)) or list(
                Organisation.objects.filter(pk__in=rids)
            )
        actions.update_obligation(ob, actor=self.user, **fields)
        return "已保存。"


class LinkForm(_ObligationForm):
    """Link a published item to one instance by hand."""

    instance = forms.IntegerField()
    item = forms.IntegerField(required=False)

    def act(self) -> str:
        from gongkai.catalog.models import Item

        inst = ObligationInstance.objects.filter(
            pk=self.cleaned_data["instance"], obligation=self.ob
        ).first()
        if inst is None:
            raise Invalid(errors={"instance": "找不到该期次。"})
        item = Item.objects.filter(pk=self.cleaned_data.get("item") or 0).first()
        if item is None:
            raise Invalid(errors={"item": NO_ITEM})
        actions.link_item(inst, item, actor=self.user)
        return "已关联。"


class ReportForm(_ObligationForm):
    """A progress report of a responsible unit, with attachments; may fulfil an instance."""

    text = forms.CharField(required=False)
    instance = forms.IntegerField(required=False)

    def act(self) -> str:
        from gongkai.accounts import permissions

        ob, user = self.ob, self.user
        can_admin = permissions.may(user, "administer", ob.task.plan.organisation)
        org = ob.responsible.filter(pk__in=permissions.org_ids_for(user, "edit")).first() or (
            ob.responsible.first() if can_admin else None
        )
        if org is None:
            if not can_admin:
                raise Forbidden()
            raise Invalid(errors={"text": NO_UNIT})
        inst = ObligationInstance.objects.filter(
            pk=self.cleaned_data.get("instance") or 0, obligation=ob
        ).first()
        actions.submit_report(
            ob.task,
            organisation=org,
            text=self.cleaned_data.get("text", ""),
            actor=user,
            files=self.files.getlist("files") if self.files else [],
            instance=inst,
        )
        return "进展报告已报送。"


OBLIGATION_FORMS = {"settings": SettingsForm, "link": LinkForm, "report": ReportForm}
