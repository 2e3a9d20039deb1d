"""Importing a whole issue in the background (issue #16.6): the long-work kind
``gazette_import`` on /staff/work/, offered on the organisations that have a gazette.

The uploaded PDF is the job's input (``gongkai.longwork`` checks and stores it with the job);
the queue's worker reads it page by page (text layer, OCR for a scan) through the gazette's own
``importing.import_one`` — as the person who started the job, whose permission is checked
again — and finishes with a summary line. A file that cannot be read fails the job with the
reason; nothing of the issue is stored then.
"""

from __future__ import annotations

from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid

KIND = "gazette_import"
NO_GAZETTE = "该机构没有政府公报。"


def with_gazette(qs):
    """The organisations an import is offered on: those with a gazette."""
    return qs.filter(gazette__isnull=False)


def clean(data: dict, org) -> dict:
    from .models import Gazette

    gazette = Gazette.objects.filter(organisation=org).first()
    if gazette is None:
        raise Invalid(errors={"organisation": NO_GAZETTE})
    return {"gazette": gazette.pk}


def describe(params: dict) -> str:
    return (params.get("file") or {}).get("name", "")


def summary(result, pages: int) -> str:
    if result.status == "unchanged":
        return f"该文件已导入过（{result.issue.label}），没有变化。"
    return (
        f"已导入{result.issue.label}：共 {pages} 页，识别出 {result.articles} 篇文章"
        f"（关联公开信息 {result.linked} 篇，待确认关联 {result.suggested} 篇），"
        f"{result.proof_pages} 页送校对，待校对共 {result.proof_tasks} 处。"
    )


def import_issue(job, report):
    from gongkai.longwork import Result

    from .importing import import_one
    from .models import Gazette
    from .reading import ReadError

    gazette = Gazette.objects.select_related("organisation").get(pk=job.params["gazette"])
    upload = job.input("file")
    actor = job.actor or SYSTEM(f"longwork {KIND}")
    pages = {"total": 0}

    def on_page(n: int, total: int, message: str) -> None:
        pages["total"] = total
        report(n, total, message)

    report(0, 0, f"正在读取“{upload.name}”")
    try:
        result = import_one(actor, gazette, upload.name, upload.read(), on_page=on_page)
    except ReadError as exc:
        raise Invalid(f"“{upload.name}”未导入：{exc.message}") from exc
    return Result(summary=summary(result, result.issue.page_count or pages["total"]))


def register() -> None:
    from gongkai.longwork import register as offer
    from gongkai.longwork.registry import Field

    offer(
        KIND, "导入政府公报（整期 PDF）", import_issue, "edit",
        clean=clean, orgs=with_gazette, describe=describe,
        fields=[Field("file", "整期公报 PDF", kind="file", accept=".pdf",
                      help="文字版 PDF 直接读取文字，扫描版逐页进行文字识别（OCR）。")],
        description="在后台读取整期公报，逐页显示进度，拆分文章并关联公开信息；"
        "识别置信度低的页面送人工校对。同一文件重复导入不会改变任何内容。",
    )  # fmt: skip
