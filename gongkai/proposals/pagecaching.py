"""The page cache of the public 建议提案 pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/proposals/``, ``/api/v1/proposals`` | ``proposals`` |
| ``/proposals/org/<code>/`` | ``proposals:org:<code>`` |
| ``/proposals/<pk>/``, ``/api/v1/proposals/<pk>`` | ``proposal:<pk>`` |
| ``/proposals/figures/`` (and its .xlsx) | ``proposals:figures`` |
| ``/proposals/figures/<code>/`` | ``proposals:figures:org:<code>`` |

Every save of a proposal (import, extension, reply, review, satisfaction) bumps the figures of
its lead unit, of the units above it and of all, which count every proposal; a published reply
(or one that stops being published: 不满意 reopens it) also bumps its page and the lists. Co-units'
opinions (协办意见) and the letter template are not shown on public pages and bump nothing.
"""

from __future__ import annotations

import re

LIST = "proposals"
FIGURES = "proposals:figures"
_PAGE = re.compile(
    r"^/proposals/(?:(?P<pk>[0-9]{1,18})/|org/(?P<code>[^/]+)/"
    r"|(?P<figures>figures/)(?:(?P<fcode>[^/]+)/)?)?$"
)
_API = re.compile(r"^/api/v1/proposals(?:/(?P<pk>[0-9]{1,18}))?$")


def page(pk) -> str:
    return f"proposal:{pk}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None
    found = m.groupdict()
    if found.get("pk"):
        return [page(found["pk"])]
    if found.get("fcode"):
        return [f"{FIGURES}:org:{found['fcode']}"]
    if found.get("figures"):
        return [FIGURES]
    if found.get("code"):
        return [f"{LIST}:org:{found['code']}"]
    return [LIST]


def proposal_scopes(p, old=None) -> list[str]:
    from gongkai.serving import pagecache

    from .models import Proposal

    scopes = [FIGURES, *pagecache.org_chain(FIGURES, p.lead)]
    if Proposal.PUBLISHED in (p.status, (old or {}).get("status")):
        scopes += [page(p.pk), LIST, *pagecache.org_chain(LIST, p.lead)]
    return scopes


def register() -> None:
    from gongkai.serving import pagecache

    from .models import Proposal

    pagecache.register("/proposals/", page_scopes)
    pagecache.register("/api/v1/proposals", page_scopes)
    pagecache.watch(Proposal, proposal_scopes, before=("status",))
