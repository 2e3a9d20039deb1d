"""Staff forms of the catalog. They only collect input; the rules live in actions.py."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from gongkai.core.widgets import (
    GroupedCheckboxes,
    GroupLabel,
    OrgChoiceField,
    OrgMultipleChoiceField,
)
from gongkai.orgs.models import Organisation
from gongkai.rules import catalog_rules

from .models import CatalogEntry, Item

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntryIterator(ModelChoiceIterator):
    """Columns grouped by the catalog tree: per organisation, one group per first-level column
    with sub-columns (一级 → 二级 …, the first-level column itself first); first-level columns
    without sub-columns share one group. Each group carries data-org (editor.js shows only the
    chosen organisation's columns)."""

    def __iter__(self):
        for label, org_id, entries in entry_groups(self.queryset):
            yield (
                GroupLabel(label, {"data-org": str(org_id)}),
                [(ModelChoiceIteratorValue(e.pk, e), name) for e, name in entries],
            )


def entry_groups(entries) -> list[tuple[str, int, list[tuple[CatalogEntry, str]]]]:
    """``[(group label, organisation id, [(column, label relative to its group)])]``."""
    entries = list(entries)
    by_pk = {e.pk: e for e in entries}
    children: dict[int | None, list] = {}
    for e in entries:
        parent = e.parent_id if e.parent_id in by_pk else None
        children.setdefault(parent, []).append(e)
    groups = []
    for org_id in dict.fromkeys(e.organisation_id for e in entries):
        roots = [e for e in children.get(None, []) if e.organisation_id == org_id]
        if not roots:
            continue
        short = roots[0].organisation.short_name
        leaves = [(e, e.name) for e in roots if e.pk not in children]
        if leaves:
            groups.append((f"{short} · 一级栏目", org_id, leaves))
        for root in roots:
            if root.pk not in children:
                continue
            rows = [(root, root.name)]
            stack = [(c, "") for c in reversed(children[root.pk])]
            while stack:
                node, prefix = stack.pop()
                name = f"{prefix}{node.name}"
                rows.append((node, name))
                stack.extend((c, f"{name} › ") for c in reversed(children.get(node.pk, [])))
            groups.append((f"{short} · {root.name}", org_id, rows))
    return groups


class EntryChoiceField(forms.ModelMultipleChoiceField):
    iterator = EntryIterator
    widget = GroupedCheckboxes

    def label_from_instance(self, obj):
        return obj.path_label()


class PolicyChoiceField(forms.ModelMultipleChoiceField):
    widget = GroupedCheckboxes

    def label_from_instance(self, obj):
        tag = f"（{obj.doc_number}）" if obj.doc_number else ""
        return f"{obj.title}{tag} · {obj.get_state_display()}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the view checks them with ``gongkai.core.files.accept``."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [f for f in data if f]
        return [data] if data else []


REASON_CHOICES = [("", "—— 主动公开无需理由 ——")] + [
    (label_group, list(choices))
    for label_group, choices in (
        ("不予公开的理由", catalog_rules.NOT_PUBLIC_REASONS),
        ("依申请公开的理由", catalog_rules.ON_REQUEST_REASONS),
    )
]


class ItemForm(forms.Form):
    organisation = OrgChoiceField(Organisation.objects.none(), label="发布机构")
    entries = EntryChoiceField(
        CatalogEntry.objects.none(),
        label="所属栏目",
        help_text="可多选；只列出发布机构的栏目",
    )
    kind = forms.ChoiceField(choices=Item.KIND_CHOICES, label="信息类别")
    title = forms.CharField(
        max_length=300, label="标题", widget=forms.TextInput(attrs={"size": 70})
    )
    doc_number = forms.CharField(
        max_length=80, required=False, label="发文字号", help_text="如：聊财发〔2026〕5号"
    )
    issuers = OrgMultipleChoiceField(
        Organisation.objects.none(),
        required=False,
        label="发文机关",
        help_text="联合发文可多选",
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
        label="所解读的政策",
    )
    interpretation_form = forms.ChoiceField(
        choices=[("", "——")] + Item.INTERPRETATION_FORMS, required=False, label="解读形式"
    )
    video_url = forms.URLField(required=False, label="视频链接", assume_scheme="https")

    files = MultipleFileField(
        required=False,
        label="附件",
        help_text="可一次选择多个文件（pdf、doc、docx、xls、xlsx、ofd、jpg、png）；保存草稿时一并上传。",
    )

    # The page's sections (template item_form.html): (title, css class, note, field names).
    SECTIONS = [
        ("基本信息", "", "", ["organisation", "kind", "title", "doc_number", "signed_on"]),
        ("发文机关", "", "", ["issuers"]),
        ("所属栏目", "", "", ["entries"]),
        (
            "分类和有效期",
            "",
            "",
            ["theme", "genre", "keywords", "five_category", "effective_on", "expires_on"],
        ),
        ("公开属性", "", "", ["attribute", "attribute_reason", "attribute_note"]),
        (
            "政策解读",
            "interp-only",
            "仅政策解读填写",
            ["interprets", "interpretation_form", "video_url"],
        ),
    ]

    def __init__(self, *args, org_ids, fixed_org=None, own_ids=(), creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["files"]
        orgs = Organisation.objects.filter(pk__in=org_ids).order_by("city_id", "sort_order", "code")
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].own_ids = list(own_ids)
        self.fields["issuers"].own_ids = list(own_ids)
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

    def sections(self):
        """The bound fields of each section, for the template."""
        return [
            {"title": t, "css": css, "note": note, "fields": [self[n] for n in names]}
            for t, css, note, names in self.SECTIONS
        ]

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        data.pop("files", None)
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
