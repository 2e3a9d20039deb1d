"""The page cache of the public consultation pages (gongkai.serving.pagecache, docs/deployment.md).

| page | scopes |
|---|---|
| ``/consultations/``, ``/api/v1/consultations`` | ``consultations`` |
| ``/consultations/org/<code>/`` | ``consultations:org:<code>`` |
| ``/consultations/<pk>/`` (closed or published: an open one has the comment form, whose CSRF
  token keeps it ``private, no-store``), ``feedback/``, ``feedback.docx``,
  ``/api/v1/consultations/<pk>`` | ``consultation:<pk>`` |

A public consultation's save (open, extend, reopen, close, link the final policy, publish the
采纳情况), a new comment (the counts) and a period event bump its page, the lists of its
organisation and of those above it, the list of all, and the item page of its final policy
(whose note shows the figures); a comment regrouped (归并后 N 条) bumps the page only.
Dispositions are shown once the 采纳情况 is published, which saves the consultation. A catalog
item published, changed or withdrawn bumps the consultations whose final policy it is or
interprets. Drafts have no public page: their saves (and their articles and draft files, which
change only in a draft) bump nothing.
"""

from __future__ import annotations

import re

LIST = "consultations"
_PAGE = re.compile(
    r"^/consultations/(?:(?P<pk>[0-9]{1,18})/(?:feedback/|feedback\.docx)?|org/(?P<code>[^/]+)/)?$"
)
_API = re.compile(r"^/api/v1/consultations(?:/(?P<pk>[0-9]{1,18}))?$")


def page(pk) -> str:
    return f"consultation:{pk}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None  # the comment POST, draft downloads (files)
    if m["pk"]:
        return [page(m["pk"])]
    if m.groupdict().get("code"):
        return [f"{LIST}:org:{m['code']}"]
    return [LIST]


def consultation_scopes(c, old=None) -> list[str]:
    from gongkai.serving import pagecache

    if not c.is_public:
        return []
    scopes = [page(c.pk), LIST, *pagecache.org_chain(LIST, c.organisation)]
    for item_id in {c.final_item_id, (old or {}).get("final_item")} - {None}:
        scopes.append(pagecache.item_scope(item_id))  # the final policy's note
    return scopes


def comment_scopes(comment, old) -> list[str]:
    """A new comment changes the counts on the page, the lists and the final policy's note; a
    comment regrouped later changes only the page's figures (归并后 N 条)."""
    c = comment.consultation
    if old is None:
        return consultation_scopes(c)
    return [page(c.pk)] if c.is_public else []


def item_scopes(items) -> list[str]:
    """The consultations whose final policy is one of ``items``, or is interpreted by one."""
    from django.db.models import Q

    from gongkai.catalog.models import Item

    from .models import Consultation

    ids = [i.pk for i in items]
    explained = Item.interprets.through.objects.filter(from_item_id__in=ids).values("to_item_id")
    found = (
        Consultation.objects.public()
        .filter(Q(final_item_id__in=ids) | Q(final_item_id__in=explained))
        .select_related("organisation")
    )
    return [s for c in found for s in consultation_scopes(c)]


def register() -> None:
    from gongkai.serving import pagecache

    from .models import Comment, Consultation, PeriodEvent

    pagecache.register("/consultations/", page_scopes)
    pagecache.register("/api/v1/consultations", page_scopes)
    pagecache.watch(Consultation, consultation_scopes, before=("final_item",))
    pagecache.watch(Comment, comment_scopes)
    pagecache.watch(PeriodEvent, lambda event, old: consultation_scopes(event.consultation))
    pagecache.watch_items(item_scopes, "consultations.pagecaching")
