"""Importing one issue: the file, its pages, its articles, links and proofreading tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.actions import change
from gongkai.core.files import Accepted, store
from gongkai.orgs.services import resolve
from gongkai.rules.gazette import matching
from gongkai.rules.gazette.split import IssueSplit

from ..models import Article, Issue, IssueFile, IssuePage, ProofTask
from ..ocr import min_confidence
from ..reading import IssueSource
from .links import POLICY_KINDS, apply_match, candidates_for, linked_item_ids

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
}


@dataclass
class ImportResult:
    status: str  # imported / unchanged
    issue: Issue
    articles: int = 0
    proof_tasks: int = 0
    proof_pages: int = 0  # pages sent to proofreading (OCR confidence below the threshold)
    linked: int = 0
    suggested: int = 0
    problems: list[str] = field(default_factory=list)


def _accepted(source: IssueSource) -> Accepted:
    ext = source.name.rsplit(".", 1)[-1].lower()
    return Accepted(
        name=source.name[:255], data=source.data, extension=ext,
        content_type=CONTENT_TYPES.get(f".{ext}", "application/octet-stream"),
        size=len(source.data), sha256=source.sha256, text="",
    )  # fmt: skip


def _issuer(hint: str, city):
    if not hint:
        return None
    res = resolve(hint, within=city)
    return res.organisation


def import_issue(actor, gazette, source: IssueSource, split: IssueSplit) -> ImportResult:
    """Store one read and split issue; the same file again changes nothing."""
    from gongkai.search import registry

    city = gazette.organisation
    existing = Issue.objects.filter(gazette=gazette, content_hash=source.sha256).first()
    if existing is not None:
        return ImportResult("unchanged", existing)
    m = split.masthead
    with change(actor, "edit", city) as ch:
        issue = Issue.objects.create(
            gazette=gazette, year=m.year, number=m.number, total_number=m.total,
            published_on=m.published_on, content_hash=source.sha256, source_name=source.name[:255],
            source_kind=source.kind, page_count=len(source.pages), page_offset=split.page_offset, problems="\n".join(split.problems),
        )  # fmt: skip
        store(IssueFile, _accepted(source), issue=issue)
        result = ImportResult("imported", issue, problems=list(split.problems))
        threshold = min_confidence()
        IssuePage.objects.bulk_create(
            IssuePage(issue=issue, index=i, text=text, ocr=source.kind == "ocr", confidence=conf)
            for i, (text, conf) in enumerate(
                zip(source.pages, source.confidences or [None] * len(source.pages), strict=False)
            )
        )
        tasks = []
        for i, conf in enumerate(source.confidences or []):
            if conf is not None and conf < threshold:
                tasks.append(ProofTask(issue=issue, page_index=i,
                                       reason=f"第{i + 1}页识别置信度{conf:.0f}%，低于{threshold:.0f}%"))  # fmt: skip
        result.proof_pages = len(tasks)
        candidates = candidates_for(city)
        linked = linked_item_ids(city)
        articles = []
        for n, art in enumerate(split.articles, start=1):
            issuer = _issuer(art.issuer_hint, city)
            article = Article(
                issue=issue, order=n, section=art.section[:40], title=art.title[:300],
                issuer=issuer, issuer_name=art.issuer_hint[:120], doc_number=art.doc_number[:80],
                signed_on=art.signed_on, kind=art.kind, page_start=art.page_start,
                page_end=art.page_end, text=art.text,
            )  # fmt: skip
            if art.kind in POLICY_KINDS or art.doc_number:
                found = matching.match(art.title, art.doc_number, candidates)
                if apply_match(article, found, linked):
                    linked.add(
                        article.item_id
                    ) if article.link_state == Article.LINK_CONFIRMED else None
            article.save()
            articles.append(article)
            if article.link_state == Article.LINK_CONFIRMED:
                result.linked += 1
            elif article.link_state == Article.LINK_SUGGESTED:
                result.suggested += 1
            if not art.certain:
                tasks.append(
                    ProofTask(issue=issue, article=article, reason="；".join(art.problems)[:300])
                )
        ProofTask.objects.bulk_create(tasks)
        result.articles, result.proof_tasks = len(articles), len(tasks)
        ch.audit(
            issue, "import", to_state="imported", reason=f"导入{source.name}",
            changes={"articles": len(articles), "proof_tasks": len(tasks), "kind": source.kind},
        )  # fmt: skip
        registry.changed("gazette", [a.pk for a in articles])
    return result
