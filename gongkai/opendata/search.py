"""Datasets in the site search (kind "dataset", facet 数据开放)."""

from __future__ import annotations

from gongkai.search.registry import DocType, SearchDoc

KIND = "dataset"


def build_docs(ids) -> dict[int, SearchDoc]:
    from .models import Dataset, PeriodVersion

    docs = {}
    qs = Dataset.objects.public().filter(pk__in=list(ids)).select_related("organisation")
    for ds in qs.prefetch_related("organisation__aliases"):
        org = ds.organisation
        names = [org.name, org.short_name, *(a.name for a in org.aliases.all())]
        schema = ds.parsed_schema
        last = (
            PeriodVersion.objects.filter(dataset=ds, is_current=True)
            .order_by("-published_at")
            .first()
        )
        text = "\n".join(
            x
            for x in [
                ds.description,
                f"数据集 更新频率：{ds.frequency_label}",
                "数据项：" + "、".join(f.label() for f in schema.fields),
                f"{schema.area_field}排名" if schema.area_field else "",
            ]
            if x
        )
        docs[ds.pk] = SearchDoc(
            kind=KIND,
            id=ds.pk,
            title=ds.title,
            text=text,
            url=ds.get_absolute_url(),
            org_id=org.pk,
            org_label=org.name,
            org_names=" ".join(dict.fromkeys(n for n in names if n)),
            published_at=last.published_at if last else ds.created_at,
            category=ds.theme,
            genre="数据集",
        )
    return docs


def public_ids():
    from .models import Dataset

    return Dataset.objects.public().values_list("pk", flat=True)


DOCTYPE = DocType(kind=KIND, label="数据开放", build=build_docs, public_ids=public_ids, order=60)
