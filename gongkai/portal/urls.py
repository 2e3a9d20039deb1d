from django.urls import path, register_converter

from . import api, feedpage, feeds, search_views, sitemaps, views


class IdConverter:
    """A database id: at most 18 digits, so no URL can overflow a 64-bit integer column."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "portal_id")

app_name = "portal"

api_patterns = [
    path("api/v1/", api.index, name="api_index"),
    path("api/v1/openapi.json", api.openapi_document, name="api_openapi"),
    path("api/v1/items", api.item_list, name="api_items"),
    path("api/v1/items/<portal_id:pk>", api.item_detail, name="api_item"),
    path("api/v1/search", api.search_view, name="api_search"),
    path("api/v1/organisations", api.organisation_list, name="api_organisations"),
    path("api/v1/organisations/<str:code>", api.organisation_detail, name="api_organisation"),
    path("api/v1/organisations/<str:code>/catalog", api.catalog_tree, name="api_catalog"),
    path("api/v1/<path:rest>", api.not_found, name="api_not_found"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    path("policies/", search_views.policy_library, name="library"),
    path("org/", views.org_index, name="org_index"),
    path("org/<str:code>/", views.org_home, name="org_home"),
    path("org/<str:code>/gk/", views.gk_section, name="gk"),
    path("org/<str:code>/gk/guide/", views.gk_guide, name="guide"),
    path("org/<str:code>/gk/apply/", views.gk_apply, name="apply_entry"),
    path("org/<str:code>/gk/part/<str:section>/", views.gk_part, name="part"),
    path("org/<str:code>/gk/c/<str:slug>/", views.column, name="column"),
    path("item/<portal_id:pk>/", views.item_detail, name="item"),
    path("item/<portal_id:pk>/files/<portal_id:att>/", views.download, name="download"),
    path("feeds/", feedpage.feeds_help, name="feeds"),
    path("feeds/latest/rss/", feeds.LatestRss(), name="feed_latest_rss"),
    path("feeds/latest/atom/", feeds.LatestAtom(), name="feed_latest_atom"),
    path("org/<str:code>/feed/rss/", feeds.OrgRss(), name="feed_org_rss"),
    path("org/<str:code>/feed/atom/", feeds.OrgAtom(), name="feed_org_atom"),
    path("org/<str:code>/gk/c/<str:slug>/feed/rss/", feeds.ColumnRss(), name="feed_column_rss"),
    path("org/<str:code>/gk/c/<str:slug>/feed/atom/", feeds.ColumnAtom(), name="feed_column_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("accessibility/", views.accessibility, name="accessibility"),
    *api_patterns,
]
