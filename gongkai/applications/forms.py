from django import forms
from django.db import models

from gongkai.core.widgets import OrgChoiceField
from gongkai.orgs.models import Organisation
from gongkai.rules import fees as feerules
from gongkai.rules import outcomes

from . import actions
from .models import Application, Consultation


class ApplicationForm(forms.ModelForm):
    organisation = OrgChoiceField(
        label="向哪个机关申请",
        queryset=Organisation.objects.filter(is_active=True).order_by(
            "city_id", "sort_order", "code"
        ),
        empty_label="—— 请选择（可输入名称筛选）——",
        error_messages={"required": "请选择受理申请的机关。"},
    )

    class Meta:
        model = Application
        fields = ["organisation", *actions.APPLICANT_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["organisation"].queryset = orgs
        for name in ("id_number", "org_code", "contact_person", "id_type"):
            self.fields[name].required = False
        self.fields["name"].error_messages["required"] = "请填写申请人姓名或名称。"
        self.fields["phone"].error_messages["required"] = "请填写联系电话。"
        self.fields["description"].error_messages["required"] = "请描述所需的政府信息。"
        self.fields["email"].error_messages["invalid"] = "电子邮箱格式不正确。"
        self.fields[
            "applicant_type"
        ].help_text = "法人或其他组织请选择对应的类型并填写统一社会信用代码。"

    def clean(self):
        data = super().clean()
        for name, message in actions.validate_applicant(
            {k: v for k, v in data.items() if v is not None}
        ).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    def _post_clean(self):  # the model is saved by actions.submit, not here
        pass


class StaffApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请渠道", choices=Application.CHANNEL_CHOICES)
    received_on = forms.DateField(
        label="收到申请日期",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="信函以签收日期为准",
    )


class StatusForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=16)
    verifier = forms.CharField(label="验证码", max_length=12)


DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


class CorrectionForm(forms.Form):
    items = forms.CharField(label="需补正的全部事项", widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label="通知日期", **DATE)
    deadline_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, initial=15
    )


class CorrectedForm(forms.Form):
    on = forms.DateField(label="收到补正日期", **DATE)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.ModelChoiceField(label="批准人", queryset=None)
    on = forms.DateField(label="日期", **DATE)

    def __init__(self, *args, approvers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers


class LaterDateForm(forms.Form):
    later = forms.DateField(label="另行确定的答复日期", **DATE)
    reason = forms.CharField(
        label="情况说明",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="条例第三十五条：数量、频次明显超过合理范围，理由合理但无法在期限内答复",
    )
    on = forms.DateField(label="告知日期", **DATE)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="对象类型", choices=Consultation.KIND_CHOICES)
    party = forms.CharField(label="征求对象", max_length=120)
    address = forms.CharField(label="地址或联系方式", max_length=200, required=False)
    question = forms.CharField(label="征求意见事项", widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label="发函日期", **DATE)


class AnswerForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="收到答复日期", **DATE)
    answer = forms.CharField(
        label="答复意见", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    objects = forms.BooleanField(label="不同意公开", required=False)


class FeeForm(forms.Form):
    method = forms.ChoiceField(
        label="计收方式",
        choices=[(feerules.PER_APPLICATION, "按件计收"), (feerules.BY_VOLUME, "按量计收")],
    )
    pages = forms.IntegerField(label="页数（按量计收）", min_value=0, required=False)
    payment_info = forms.CharField(label="缴费方式", required=False)
    on = forms.DateField(label="通知日期", **DATE)


class PaymentForm(forms.Form):
    on = forms.DateField(label="缴费日期", **DATE)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="办理结果（年报表三）",
        choices=[
            ("", "—— 请选择 ——"),
            *[(c, outcomes.short_label(c)) for c in outcomes.OUTCOME_CODES],
        ],
    )
    reply_type = forms.ChoiceField(
        label="答复类型（条例第三十六条）",
        choices=[("", "按办理结果默认"), *outcomes.REPLY_TYPES],
        required=False,
    )
    where_published = forms.CharField(
        label=outcomes.FIELD_LABELS["where_published"], required=False
    )
    how_provided = forms.CharField(label=outcomes.FIELD_LABELS["how_provided"], required=False)
    withheld_part = forms.CharField(label=outcomes.FIELD_LABELS["withheld_part"], required=False)
    withheld_reason = forms.ChoiceField(
        label=outcomes.FIELD_LABELS["withheld_reason"],
        choices=[("", "——"), *[(c, outcomes.OUTCOME_LABELS[c]) for c in outcomes.WITHHELD_CODES]],
        required=False,
    )
    legal_basis = forms.CharField(label=outcomes.FIELD_LABELS["legal_basis"], required=False)
    explanation = forms.CharField(
        label=outcomes.FIELD_LABELS["explanation"],
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    responsible_agency = forms.CharField(
        label=outcomes.FIELD_LABELS["responsible_agency"], required=False
    )
    earlier_reply = forms.CharField(label=outcomes.FIELD_LABELS["earlier_reply"], required=False)
    procedure = forms.CharField(label=outcomes.FIELD_LABELS["procedure"], required=False)
    on = forms.DateField(label="答复日期", **DATE)

    DETAIL_FIELDS = list(outcomes.FIELD_LABELS)


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型", choices=[("note", "内部备注"), ("investigation", "调查记录")]
    )
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label="承办人", queryset=None)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class TransferForm(forms.Form):
    organisation = OrgChoiceField(
        label="转至机关", queryset=Organisation.objects.filter(is_active=True)
    )
    reason = forms.CharField(label="转办理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        if city is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                is_active=True
            ).filter(models.Q(city=city) | models.Q(pk=city.pk))


class WithdrawForm(forms.Form):
    on = forms.DateField(label="撤回日期", **DATE)
    note = forms.CharField(
        label="撤回方式和说明",
        help_text="如：申请人书面申请撤回",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    sent_on = forms.DateField(label="送达日期", **DATE)
    method = forms.ChoiceField(label="送达方式", choices=Application.DELIVERY_CHOICES)


class ReplySendForm(forms.Form):
    """确认发出并办结: when and how the reply letter goes to the applicant."""

    sent_on = forms.DateField(label="送达日期", **DATE)
    method = forms.ChoiceField(label="送达方式", choices=Application.DELIVERY_CHOICES)
