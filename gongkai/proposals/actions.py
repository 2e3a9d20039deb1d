"""Every change of a 建议提案 (docs/participation.md); views, imports and the demo call these."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.actors import is_system
from gongkai.core.errors import Invalid
from gongkai.core.sheets import read_rows
from gongkai.orgs.services import resolve
from gongkai.rules import dates
from gongkai.rules.participation import letter_template
from gongkai.rules.privacy import mask_text, scan

from .models import KINDS, SATISFACTION, CoOpinion, LetterTemplate, Proposal, result_labels

COLUMNS = {"编号": "number", "标题": "title", "类别": "kind", "提出人": "proposers",
           "主办单位": "lead", "协办单位": "co", "交办日期": "assigned_on"}  # fmt: skip
KIND_WORDS = {"建议": "deputy", "人大代表建议": "deputy", "代表建议": "deputy",
              "提案": "member", "政协委员提案": "member", "委员提案": "member"}  # fmt: skip


def _changed(p):
    from gongkai.search import registry

    registry.changed("proposal_reply", [p.pk])


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    for sep in ("年", "月"):
        text = text.replace(sep, "-")
    text = text.replace("日", "")
    try:
        y, m, d = (int(x) for x in text.split("-")[:3])
        return dt.date(y, m, d)
    except (ValueError, TypeError):
        return None


def _units(text, city, errors, row, what):
    out = []
    for name in [
        n for n in str(text or "").replace("，", "、").replace(",", "、").split("、") if n.strip()
    ]:
        res = resolve(name.strip(), within=city)
        if res.organisation is None:
            errors.append((row, f"{what}“{name.strip()}”无法识别：{res.message()}"))
        else:
            out.append(res.organisation)
    return out


def import_assignments(actor, city, *, year: int, session: str, name: str, data: bytes):
    """The assignment list (.xlsx/.csv): all rows stored, or none and every bad row reported."""
    with change(actor, "administer", city) as ch:
        rows = read_rows(name, data)
        if not rows:
            raise Invalid(errors={"file": "文件中没有数据。"})
        header = [str(h).strip() for h in rows[0]]
        idx = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
        missing = [h for h, k in COLUMNS.items() if k not in idx and k != "co"]
        if missing:
            raise Invalid(errors={"file": f"缺少列：{'、'.join(missing)}。"})
        errors: list[tuple[int, str]] = []
        parsed = []
        seen = set()
        for n, row in enumerate(rows[1:], start=2):

            def cell(k, row=row):
                return row[idx[k]] if k in idx and idx[k] < len(row) else ""

            number_text = str(cell("number")).replace("第", "").replace("号", "").strip()
            kind = KIND_WORDS.get(str(cell("kind")).strip())
            assigned = _date(cell("assigned_on"))
            title = str(cell("title")).strip()
            problems = []
            if not number_text.isdigit():
                problems.append("编号应为数字（如 0123）")
            if kind is None:
                problems.append("类别应为“建议”或“提案”")
            if not title:
                problems.append("标题为空")
            if assigned is None:
                problems.append("交办日期无法识别")
            for p in problems:
                errors.append((n, p))
            lead = _units(cell("lead"), city, errors, n, "主办单位")
            co = _units(cell("co"), city, errors, n, "协办单位")
            if not str(cell("lead")).strip():
                errors.append((n, "主办单位为空"))
            if problems or not lead:
                continue
            key = (kind, int(number_text))
            if (
                key in seen
                or Proposal.objects.filter(city=city, year=year, kind=kind, number=key[1]).exists()
            ):
                errors.append((n, f"{KINDS[kind]}第{int(number_text):04d}号重复"))
                continue
            seen.add(key)
            parsed.append(
                (key, title, str(cell("proposers")).strip(), lead[0], lead[1:] + co, assigned)
            )
        if errors:
            lines = [f"第{r}行：{msg}" for r, msg in sorted(errors)]
            raise Invalid(errors={"file": "；".join(lines)})
        made = []
        for (kind, number), title, proposers, lead, co, assigned in parsed:
            p = Proposal.objects.create(
                city=city, year=year, session=session[:60], kind=kind, number=number,
                title=title[:200], proposers=proposers[:200], lead=lead, assigned_on=assigned,
            )  # fmt: skip
            p.co_units.set([o for o in co if o.pk != lead.pk])
            ch.audit(p, "create", to_state=p.status, reason=f"导入交办清单 {name}")
            made.append(p)
        ch.audit(city, "proposals_imported", changes={"count": [0, len(made)]}, reason=name)
    return made


def add_co_opinion(actor, p: Proposal, organisation, text: str) -> CoOpinion:
    if not (text or "").strip():
        raise Invalid(errors={"text": "请填写协办意见。"})
    with change(actor, "edit", organisation) as ch:
        if not p.co_units.filter(pk=organisation.pk).exists():
            raise Invalid("该单位不是本件的协办单位。")
        op = CoOpinion.objects.create(
            proposal=p, organisation=organisation, text=text.strip(), submitted_on=dates.today()
        )
        ch.audit(op, "create")
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "proposal.co_opinion",
            to=users_with("edit", p.lead),
            subject=f"收到协办意见：{p}",
            url=f"/staff/proposals/{p.pk}/",
        )
    return op


def approve_extension(actor, p: Proposal, reason: str) -> Proposal:
    if not (reason or "").strip():
        raise Invalid(errors={"reason": "请填写延期理由。"})
    with change(actor, "review", p.lead) as ch:
        if p.extended or p.status != Proposal.ASSIGNED:
            raise Invalid("只有办理中且未延期的可以批准延期。")
        p.extended, p.extension_reason = True, reason.strip()
        p.save(update_fields=["extended", "extension_reason"])
        ch.audit(p, "extended", reason=reason)
    return p


def reply(actor, p: Proposal, *, result_code: str, reply_text: str, signed_on) -> Proposal:
    errors = {}
    if result_code not in result_labels():
        errors["result_code"] = "请选择办理结果。"
    if not (reply_text or "").strip():
        errors["reply_text"] = "请填写答复全文。"
    signed = _date(signed_on)
    if signed is None:
        errors["signed_on"] = "请填写签发日期。"
    elif signed < p.assigned_on or signed > dates.today():
        errors["signed_on"] = "签发日期应在交办日期与今天之间。"
    if errors:
        raise Invalid(errors=errors)
    with change(actor, "edit", p.lead) as ch:
        p = Proposal.objects.select_for_update().get(pk=p.pk)
        if p.status != Proposal.ASSIGNED:
            raise Invalid("本件已答复；如需修改请先退回。")
        p.result_code, p.reply_text, p.signed_on = result_code, reply_text.strip(), signed
        p.replied_by = None if is_system(actor) else actor
        p.status = Proposal.REPLIED
        p.save()
        ch.audit(p, "transition", from_state="assigned", to_state=p.status)
    return p


def privacy_findings(p: Proposal) -> list:
    return scan(p.reply_text)


def approve(actor, p: Proposal, *, publish: bool = True, not_public_reason: str = "") -> Proposal:
    """Review: the reply is approved and published in full (contacts masked), or withheld with a reason."""
    if not publish and not (not_public_reason or "").strip():
        raise Invalid(errors={"not_public_reason": "不予公开须说明理由。"})
    with change(actor, "review", p.lead) as ch:
        p = Proposal.objects.select_for_update().get(pk=p.pk)
        if p.status != Proposal.REPLIED:
            raise Invalid("只有待审核的答复可以审核。")
        if not is_system(actor) and p.replied_by_id == actor.pk:
            raise Invalid("答复起草人不能审核自己的答复。")
        before = p.status
        if publish:
            p.public_text, _ = mask_text(p.reply_text)
            p.published_on = dates.today()
            p.status = Proposal.PUBLISHED
            p.item = _publish_item(actor, p)
        else:
            p.not_public_reason = not_public_reason.strip()
            p.status = Proposal.WITHHELD
        p.save()
        ch.audit(p, "transition", from_state=before, to_state=p.status, reason=not_public_reason)
        _changed(p)
    return p


def _publish_item(actor, p: Proposal):
    """The reply in the lead unit's 建议提案办理 column (plans' fulfilment-by-publication works)."""
    from django.utils.html import escape

    from gongkai.catalog.actions import publish_item_now
    from gongkai.catalog.models import CatalogEntry

    entry = CatalogEntry.objects.filter(organisation=p.lead, slug="proposals").first()
    if entry is None:
        return None
    body = "".join(f"<p>{escape(line)}</p>" for line in p.public_text.splitlines() if line.strip())
    return publish_item_now(
        organisation=p.lead,
        title=f"对{p.session}第{p.number:04d}号{p.kind_label}的答复",
        body=f"<p>办理结果：{escape(p.result_label())}</p>{body}",
        entries=[entry],
        actor=actor,
        reason="公开建议提案答复",
        genre="答复",
        theme="建议提案",
    )


def record_satisfaction(actor, p: Proposal, satisfaction: str) -> Proposal:
    """满意 / 基本满意 / 不满意; 不满意 reopens the case (a new reply is due)."""
    if satisfaction not in SATISFACTION:
        raise Invalid(errors={"satisfaction": "请选择满意度。"})
    with change(actor, "edit", p.lead) as ch:
        p = Proposal.objects.select_for_update().get(pk=p.pk)
        if p.status not in (Proposal.PUBLISHED, Proposal.WITHHELD, Proposal.APPROVED):
            raise Invalid("答复后才能登记满意度。")
        before = p.status
        p.satisfaction = satisfaction
        if satisfaction == "unsatisfied":
            p.status = Proposal.ASSIGNED
            p.reopened += 1
        p.save()
        ch.audit(
            p,
            "satisfaction",
            from_state=before,
            to_state=p.status,
            reason=SATISFACTION[satisfaction],
        )
        _changed(p)
    return p


def save_template(actor, city, body: str) -> LetterTemplate:
    bad = letter_template.problems(body or "")
    if bad:
        raise Invalid(errors={"body": "；".join(bad)})
    with change(actor, "administer", city) as ch:
        t, _ = LetterTemplate.objects.update_or_create(city=city, defaults={"body": body})
        ch.audit(t, "change")
    return t
