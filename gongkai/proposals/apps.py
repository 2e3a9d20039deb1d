"""建议提案 (docs/participation.md)."""

from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = "建议提案"

    def ready(self):
        from gongkai.plans import criteria

        from . import assessment

        criteria.register(
            "proposal_timeliness", "建议提案按期办复率", assessment.proposal_timeliness
        )
        from gongkai.accounts import workbench
        from gongkai.portal import openapi
        from gongkai.search import registry

        from . import api, panels, search

        registry.register(
            registry.DocType(
                kind="proposal_reply",
                label="建议提案答复",
                build=search.build,
                public_ids=search.public_ids,
                supersedes=search.supersedes,
                order=45,
            )
        )
        workbench.register(panels.workbench_panels)
        openapi.register(*api.openapi_paths())
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
