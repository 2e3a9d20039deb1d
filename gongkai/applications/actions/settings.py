"""Per-organisation remedy settings and letter templates."""

from __future__ import annotations

from gongkai.audit.actions import diff, snapshot
from gongkai.core.actions import change
from gongkai.core.errors import Invalid

from .. import letters
from ..models import (
    LetterTemplate,
    RemedyConfig,
)

NO_TEMPLATES = "您没有修改该机构文书模板的权限。"

REMEDY_FIELDS = [
    "review_body",
    "review_address",
    "review_days",
    "court",
    "court_address",
    "litigation_months",
    "paragraph",
]


def _check_template(text: str) -> str | None:
    from django.template import Template, TemplateSyntaxError

    try:
        Template(text)
    except TemplateSyntaxError as exc:
        return f"模板语法错误：{exc}"
    return None


def save_remedy(organisation, data: dict, *, actor) -> RemedyConfig:
    """The remedy paragraph settings of one organisation (inherited by its subtree)."""
    with change(actor, "administer", organisation, denied="您没有设置该机构救济途径的权限。") as ch:
        errors = {}
        for name in ("review_body", "court"):
            if not str(data.get(name) or "").strip():
                errors[name] = "请填写。"
        for name, top in (("review_days", 365), ("litigation_months", 60)):
            try:
                if not 1 <= int(data.get(name)) <= top:
                    raise ValueError
            except (TypeError, ValueError):
                errors[name] = f"请填写1至{top}之间的整数。"
        problem = _check_template(str(data.get("paragraph") or ""))
        if problem:
            errors["paragraph"] = problem
        if errors:
            raise Invalid("救济途径未保存。", errors=errors)
        config = RemedyConfig.objects.filter(organisation=organisation).first()
        before = snapshot(config, REMEDY_FIELDS) if config else {}
        config = config or RemedyConfig(organisation=organisation)
        for name in REMEDY_FIELDS:
            value = data.get(name)
            setattr(
                config,
                name,
                int(value) if name.endswith(("_days", "_months")) else str(value or "").strip(),
            )
        config.save()
        ch.audit(
            config,
            "change" if before else "create",
            changes=diff(before, snapshot(config, REMEDY_FIELDS)),
        )
        return config


def save_template(organisation, kind: str, *, title: str, body: str, actor) -> LetterTemplate:
    """An organisation's own text for one letter kind (its subtree inherits it)."""
    with change(actor, "administer", organisation, denied=NO_TEMPLATES) as ch:
        errors = {}
        if kind not in letters.DEFAULTS:
            errors["kind"] = "未知的文书类型。"
        if not title.strip():
            errors["title"] = "请填写标题。"
        problem = letters.template_problem(body) if body.strip() else "请填写正文模板。"
        if problem:
            errors["body"] = problem
        if errors:
            raise Invalid("模板未保存。", errors=errors)
        tpl = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
        before = snapshot(tpl, ["title", "body"]) if tpl else {}
        tpl = tpl or LetterTemplate(organisation=organisation, kind=kind)
        tpl.title, tpl.body = title.strip(), body.replace("\r\n", "\n")
        tpl.save()
        ch.audit(
            tpl,
            "change" if before else "create",
            changes=diff(before, snapshot(tpl, ["title", "body"])),
        )
        return tpl


def reset_template(organisation, kind: str, *, actor) -> None:
    with change(actor, "administer", organisation, denied=NO_TEMPLATES) as ch:
        tpl = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
        if tpl is not None:
            ch.audit(tpl, "delete", changes={"body": [tpl.body, ""]}, reason="恢复默认模板")
            tpl.delete()
