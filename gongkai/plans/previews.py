"""Read-side helpers of the import preview and the comparison page: warnings before an import,
full names of resolved units, a plan file read for comparison only (never saved)."""

from __future__ import annotations

from django.conf import settings

from gongkai.orgs.models import Organisation
from gongkai.orgs.services import find_city, resolve
from gongkai.rules.planparser import ParsedPlan, PlanParseError

from . import importcheck, services


def city_label(org: Organisation) -> str:
    """聊城市人民政府 → 聊城市 (the city an organisation belongs to, as people say it)."""
    return org.root.name.replace("人民政府", "")


def org_label(org: Organisation) -> str:
    """The full name with its city: 聊城市财政局（聊城市）."""
    return f"{org.name}（{city_label(org)}）"


def unit_label(resolution) -> str:
    """What a resolved unit name means, in full: an organisation with its city, or a collective
    with its city and how many bodies it stands for."""
    if resolution.organisation is not None:
        return org_label(resolution.organisation)
    if resolution.group is not None:
        g = resolution.group
        return f"{g.name}（{city_label(g.city)}，{g.members.count()} 个单位）"
    return ""


def _same_body(issuer: Organisation, chosen: Organisation) -> bool:
    if issuer.pk == chosen.pk:
        return True
    # a government's plans are issued by its office (and the other way round)
    office, gov = (issuer, chosen) if issuer.parent_id == chosen.pk else (chosen, issuer)
    return office.parent_id == gov.pk and "办公室" in office.name


def import_warnings(parsed: ParsedPlan, org: Organisation, year: int) -> list[str]:
    """Warnings (not blocks) before importing ``parsed`` as ``org``'s plan for ``year``."""
    out = []
    stated = importcheck.stated_year(parsed.plan_title, parsed.title, parsed.signed_on)
    where = "见标题" if importcheck.stated_year(parsed.plan_title, parsed.title) else "见成文日期"
    w = importcheck.year_warning(stated, year, where)
    if w:
        out.append(w)
    if parsed.issuer:
        res = resolve(parsed.issuer)
        same = _same_body(res.organisation, org) if res.organisation is not None else None
        w = importcheck.issuer_warning(
            parsed.issuer, org.name, same_body=same, chosen_city=city_label(org)
        )
        if w:
            out.append(w)
    return out


def import_key(org: Organisation, year: int, digest: str) -> str:
    """What a confirmation of the warnings stands for: this file, this organisation, this year."""
    return f"{org.pk}:{year}:{digest}"


# -- comparison: a plan file on either side -----------------------------------------------------------
NO_SIDE = "请选择一份已导入的工作要点，或上传工作要点文件。"
TOO_BIG = "文件过大（上限 {mb} MB）。"


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def parsed_as_dict(parsed: ParsedPlan) -> dict:
    """A parsed file in the shape of services.plan_as_dict (what plandiff compares)."""
    d = parsed.as_dict()
    return {
        "title": parsed.plan_title or parsed.title or "上传的文件",
        "year": parsed.year,
        "tasks": d["tasks"],
    }


def read_upload(upload) -> tuple[dict, Organisation | None]:
    """An uploaded plan file read with the import's parser → (plan dict, its city or None).

    Nothing is stored. Raises PlanParseError (with ``message_zh``) for what cannot be read."""
    if upload.size > max_bytes():
        mb = max_bytes() // (1024 * 1024)
        raise PlanParseError("file too large", TOO_BIG.format(mb=mb))
    data = upload.read()
    parsed = services.parse_upload(upload.name, data)
    city = find_city(parsed.city_name) if parsed.city_name else None
    return parsed_as_dict(parsed), city


# -- the obligation page's column list ------------------------------------------------------------------
def entry_groups(entries, linked: set[int]) -> dict:
    """The columns an obligation may be linked to: the linked ones first, then the others grouped
    by organisation (in the catalog's order), each with its path label for the filter."""
    entries = list(entries)
    by_id = {e.pk: e for e in entries}

    def label(e) -> str:  # the path without a query per ancestor
        names, node = [e.name], e
        while node.parent_id is not None:
            node = by_id.get(node.parent_id) or node.parent
            names.append(node.name)
        return " › ".join(reversed(names))

    first, groups = [], {}
    rows = [{"entry": e, "label": label(e), "org": e.organisation} for e in entries]
    rows.sort(key=lambda r: (r["org"].sort_order, r["org"].code))  # stable: catalog order kept
    for row in rows:
        e = row["entry"]
        if e.pk in linked:
            first.append(row)
        else:
            groups.setdefault(e.organisation.pk, {"org": e.organisation, "rows": []})
            groups[e.organisation.pk]["rows"].append(row)
    return {"linked": first, "groups": list(groups.values()), "count": len(entries)}
