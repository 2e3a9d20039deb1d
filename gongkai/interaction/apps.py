"""政民互动 (see docs/interaction.md)."""

from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "政民互动"

    def ready(self):
        from gongkai.accounts import workbench

        from . import panels, schema, searchdocs

        workbench.register(panels.panels)
        searchdocs.register()
        schema.register()
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
