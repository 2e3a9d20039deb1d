"""sitemap.xml: an index pointing to one sitemap per kind of page (django.contrib.sitemaps views
with the portal's own templates, so the app need not be in INSTALLED_APPS). Cached by the page
cache (gongkai.serving.pagecache, the site-wide scope): a publication refreshes it at once."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry
from gongkai.orgs.models import Organisation

from . import queries


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["portal:home", "portal:library", "portal:org_index", "portal:accessibility"]

    def location(self, name):
        return reverse(name)


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        out = []
        for org in Organisation.objects.filter(is_active=True).order_by("pk"):
            for name in ("portal:org_home", "portal:gk", "portal:guide", "portal:apply_entry"):
                out.append((name, org.code))
        return out

    def location(self, pair):
        return reverse(pair[0], args=[pair[1]])


class ColumnSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            CatalogEntry.objects.filter(is_active=True, organisation__is_active=True)
            .select_related("organisation")
            .order_by("pk")
        )

    def location(self, entry):
        return reverse("portal:column", args=[entry.organisation.code, entry.slug])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return queries.public_items().order_by("pk").only("pk", "updated_at", "organisation")

    def location(self, item):
        return queries.item_url(item)

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "organisations": OrganisationSitemap,
    "columns": ColumnSitemap,
    "items": ItemSitemap,
}


def index(request):
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="portal/sitemap_index.xml",
        sitemap_url_name="portal:sitemap_section",
    )


def section(request, section):
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="portal/sitemap.xml"
    )
