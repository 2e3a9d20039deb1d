"""RSS 2.0 and Atom feeds: the latest items of the platform, of an organisation, of a column."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from gongkai.catalog.models import CatalogEntry
from gongkai.orgs.models import Organisation

from . import queries

FEED_SIZE = 30


class _ItemFeed(Feed):
    feed_type = Rss201rev2Feed

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return queries.item_url(item)

    def item_description(self, item):
        parts = []
        if item.doc_number:
            parts.append(item.doc_number)
        parts.append(Truncator(item.body_text or "").chars(300))
        # Feed readers render the description as HTML: the editor's text must arrive as text.
        return escape("　".join(p for p in parts if p))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_guid(self, item):
        return item.index_no or queries.item_url(item)

    def item_guid_is_permalink(self, item):
        return not item.index_no

    def item_categories(self, item):
        return [c for c in (item.theme, item.genre) if c]


class LatestRss(_ItemFeed):
    def title(self):
        from django.conf import settings

        return f"{settings.GONGKAI_SITE_NAME} · 最新公开信息"

    def link(self):
        return reverse("portal:home")

    description = "本平台最新发布的主动公开政府信息"

    def items(self):
        return queries.public_items().order_by("-published_at", "-id")[:FEED_SIZE]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description


class OrgRss(_ItemFeed):
    def get_object(self, request, code):
        return get_object_or_404(Organisation, code=code, is_active=True)

    def title(self, org):
        return f"{org.name} · 政府信息公开"

    def link(self, org):
        return reverse("portal:org_home", args=[org.code])

    def description(self, org):
        return f"{org.name}最新发布的主动公开政府信息"

    def items(self, org):
        return (
            queries.public_items()
            .filter(organisation=org)
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )


class OrgAtom(OrgRss):
    feed_type = Atom1Feed

    def subtitle(self, org):
        return self.description(org)


class ColumnRss(_ItemFeed):
    def get_object(self, request, code, slug):
        return get_object_or_404(
            CatalogEntry.objects.select_related("organisation"),
            organisation__code=code,
            slug=slug,
            is_active=True,
        )

    def title(self, entry):
        return f"{entry.organisation.name} · {entry.path_label()}"

    def link(self, entry):
        return reverse("portal:column", args=[entry.organisation.code, entry.slug])

    def description(self, entry):
        return entry.content or f"{entry.organisation.name}“{entry.name}”栏目最新信息"

    def items(self, entry):
        return queries.entry_items(entry)[:FEED_SIZE]


class ColumnAtom(ColumnRss):
    feed_type = Atom1Feed

    def subtitle(self, entry):
        return self.description(entry)
