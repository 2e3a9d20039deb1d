"""Proofreading: staff correct an article's title, boundaries and text, or a page's OCR text."""

from __future__ import annotations

from gongkai.audit.actions import diff, snapshot
from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.rules import dates, docnumber

from ..models import Article, IssuePage, ProofTask
from . import messages

FIELDS = ["title", "doc_number", "kind", "page_start", "page_end", "text", "signed_on"]


def _clean(data: dict) -> dict:
    errors = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = messages.NO_TITLE
    dn = (data.get("doc_number") or "").strip()
    if dn and "令" not in dn:
        if (problem := docnumber.problem(dn)) is not None:
            errors["doc_number"] = messages.BAD_DOC_NUMBER.format(problem)
        else:
            dn = docnumber.normalise(dn)
    kind = data.get("kind") or ""
    if kind not in dict(Article.KIND_CHOICES):
        errors["kind"] = messages.BAD_KIND
    pages = []
    for key in ("page_start", "page_end"):
        raw = str(data.get(key) or "").strip()
        try:
            pages.append(int(raw) if raw else None)
        except ValueError:
            pages.append(-1)
    start, end = pages
    if (
        (start is not None and start < 1)
        or (end is not None and end < 1)
        or (start and end and end < start)
    ):
        errors["page_start"] = messages.BAD_PAGES
    if errors:
        raise Invalid(errors=errors)
    return {
        "title": title[:300], "doc_number": dn[:80], "kind": kind, "page_start": start,
        "page_end": end or start, "text": (data.get("text") or "").strip(),
        "signed_on": data.get("signed_on") or None,
    }  # fmt: skip


def _close(task: ProofTask | None, actor) -> None:
    if task is None:
        return
    if task.state == ProofTask.DONE:
        raise Invalid(messages.TASK_DONE)
    task.state = ProofTask.DONE
    task.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    task.resolved_at = dates.now()
    task.save(update_fields=["state", "resolved_by", "resolved_at"])


def correct_article(
    actor, article: Article, data: dict, *, task: ProofTask | None = None, reason: str = ""
):
    """Save the corrected fields of ``article`` and close ``task`` (one of its doubts)."""
    from gongkai.search import registry

    with change(actor, "edit", article.issue.gazette.organisation) as ch:
        clean = _clean(data)
        before = snapshot(article, FIELDS)
        for key, value in clean.items():
            setattr(article, key, value)
        article.save(update_fields=FIELDS)
        _close(task, actor)
        ch.audit(
            article, "proofread", changes=diff(before, snapshot(article, FIELDS)),
            reason=reason or (task.reason if task else ""), to_state="proofread",
        )  # fmt: skip
        registry.changed("gazette", [article.pk])
    return article


def correct_page(actor, task: ProofTask, text: str, *, reason: str = "") -> IssuePage:
    """Save the corrected OCR text of the task's page and close the task."""
    with change(actor, "edit", task.issue.gazette.organisation) as ch:
        page = IssuePage.objects.get(issue=task.issue, index=task.page_index)
        before = page.text
        page.text = text
        page.save(update_fields=["text"])
        _close(task, actor)
        ch.audit(
            page.issue, "proofread_page", changes={"page": task.page_index + 1,
                                                  "chars": [len(before), len(text)]},
            reason=reason or task.reason,
        )  # fmt: skip
    return page
