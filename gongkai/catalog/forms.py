"""Staff forms of the catalog. They only collect input; the rules live in actions.py."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from gongkai.orgs.models import Organisation
from gongkai.rules import catalog_rules

from .models import CatalogEntry, Item

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntrySelect(forms.SelectMultiple):
    """Options carry data-org so the page can show only the chosen organisation's columns."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-org"] = str(instance.organisation_id)
        return option


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisation.short_name} › {obj.path_label()}"


class IssuerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PolicyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        tag = f"（{obj.doc_number}）" if obj.doc_number else ""
        return f"{obj.title}{tag} · {obj.get_state_display()}"


REASON_CHOICES = [("", "—— 主动公开无需理由 ——")] + [
    (label_group, list(choices))
    for label_group, choices in (
        ("不予公开的理由", catalog_rules.NOT_PUBLIC_REASONS),
        ("依申请公开的理由", catalog_rules.ON_REQUEST_REASONS),
    )
]


class ItemForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="发布机构")
    entries = EntryChoiceField(
        CatalogEntry.objects.none(),
        label="所属栏目",
        help_text="可多选（按住 Ctrl）；先选择发布机构",
        widget=EntrySelect(attrs={"size": 12}),
    )
    kind = forms.ChoiceField(choices=Item.KIND_CHOICES, label="信息类别")
    title = forms.CharField(
        max_length=300, label="标题", widget=forms.TextInput(attrs={"size": 70})
    )
    doc_number = forms.CharField(
        max_length=80, required=False, label="发文字号", help_text="如：聊财发〔2026〕5号"
    )
    issuers = IssuerChoiceField(
        Organisation.objects.none(),
        required=False,
        label="发文机关",
        help_text="联合发文可多选",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    signed_on = forms.DateField(required=False, label="成文日期", widget=DATE)
    theme = forms.CharField(max_length=60, required=False, label="主题分类")
    genre = forms.CharField(
        max_length=30, required=False, label="体裁", help_text="通知、意见、办法、报告、公告 ……"
    )
    keywords = forms.CharField(max_length=200, required=False, label="主题词")
    five_category = forms.ChoiceField(
        choices=[("", "——")] + Item.FIVE_CHOICES, required=False, label="五公开类别"
    )
    attribute = forms.ChoiceField(choices=Item.ATTRIBUTE_CHOICES, label="公开属性")
    attribute_reason = forms.ChoiceField(
        choices=REASON_CHOICES, required=False, label="不公开或依申请公开理由"
    )
    attribute_note = forms.CharField(
        required=False, label="理由说明", widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        required=False,
        label="正文",
        help_text="可粘贴带格式的文字；保存时会清除脚本和事件属性。",
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
    )
    effective_on = forms.DateField(required=False, label="施行日期", widget=DATE)
    expires_on = forms.DateField(
        required=False, label="失效日期", widget=DATE, help_text="到期当天自动标记为“失效”"
    )
    interprets = PolicyChoiceField(
        Item.objects.none(),
        required=False,
        label="所解读的政策（仅政策解读）",
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    interpretation_form = forms.ChoiceField(
        choices=[("", "——")] + Item.INTERPRETATION_FORMS, required=False, label="解读形式"
    )
    video_url = forms.URLField(required=False, label="视频链接", assume_scheme="https")

    def __init__(self, *args, org_ids, fixed_org=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(pk__in=org_ids).order_by("city_id", "sort_order", "code")
        self.fields["organisation"].queryset = orgs
        if fixed_org is None and len(org_ids) == 1:
            self.fields["organisation"].initial = next(iter(org_ids))
        if fixed_org is not None:
            self.fields["organisation"].initial = fixed_org.pk
            self.fields["organisation"].disabled = True
            scope = [fixed_org.pk]
        else:
            scope = list(org_ids)
        self.fields["entries"].queryset = (
            CatalogEntry.objects.filter(organisation_id__in=scope, is_active=True)
            .select_related("organisation", "parent")
            .order_by("organisation__sort_order", "organisation_id", "sort_order")
        )
        cities = set(orgs.values_list("city_id", flat=True)) | set(
            orgs.filter(city__isnull=True).values_list("pk", flat=True)
        )
        self.fields["issuers"].queryset = Organisation.objects.filter(
            Q(city_id__in=cities) | Q(pk__in=cities)
        ).order_by("city_id", "sort_order", "code")
        self.fields["interprets"].queryset = (
            Item.objects.filter(organisation_id__in=scope, kind__in=Item.POLICY_KINDS)
            .exclude(state=Item.STATE_WITHDRAWN)
            .order_by("-id")
        )

    def clean(self):
        data = super().clean()
        org = data.get("organisation")
        entries = data.get("entries")
        if org and entries and any(e.organisation_id != org.pk for e in entries):
            self.add_error("entries", "所选栏目必须属于发布机构。")
        return data

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        for name in ("entries", "issuers", "interprets"):
            data[name] = [o.pk for o in data.get(name) or []]
        return data


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put an action's ValidationError on the form fields it names."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = name if name in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(choices=Item.VALIDITY_CHOICES, label="有效性")
    changed_on = forms.DateField(
        required=False, label="变更日期", widget=DATE, help_text="不填则为今天"
    )
    replaced_by = forms.CharField(
        required=False,
        label="替代或修改文件",
        help_text="填写替代文件的索引号或发文字号",
    )
    expires_on = forms.DateField(required=False, label="失效日期", widget=DATE)
    note = forms.CharField(required=False, max_length=300, label="说明")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_replaced_by(self):
        value = (self.cleaned_data.get("replaced_by") or "").strip()
        if not value:
            return None
        qs = Item.objects.filter(state=Item.STATE_PUBLISHED).exclude(pk=self.item.pk)
        found = qs.filter(index_no=value).first()
        if found is None:
            from gongkai.rules import docnumber

            try:
                value = docnumber.normalise(value)
            except docnumber.DocNumberError:
                pass
            found = qs.filter(doc_number=value).order_by("-published_at").first()
        if found is None:
            raise ValidationError("没有找到该索引号或发文字号对应的已发布信息。")
        return found


class EntryForm(forms.ModelForm):
    parent = forms.ModelChoiceField(CatalogEntry.objects.none(), required=False, label="上级栏目")

    class Meta:
        model = CatalogEntry
        fields = [
            "name",
            "slug",
            "parent",
            "section",
            "kind",
            "content",
            "basis",
            "time_limit",
            "publisher",
            "channels",
            "audience",
            "mode",
            "sort_order",
            "is_active",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        qs = CatalogEntry.objects.filter(organisation=organisation)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs
        self.fields["parent"].label_from_instance = lambda e: e.path_label()

    def validate_unique(self):
        """Uniqueness per organisation is checked by actions.save_entry."""


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")
