"""网站健康 (docs/site-health.md)."""

from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "gongkai.health"
    label = "health"
    verbose_name = "网站健康"

    def ready(self):
        from gongkai.plans import criteria

        from . import assessment

        criteria.register("site_health", "网站健康", assessment.site_health_share)
        from gongkai.accounts import workbench
        from gongkai.core import jobs

        from . import api, panels
        from . import jobs as health_jobs

        workbench.register(panels.predictions_panel)
        jobs.register("health.check", health_jobs.daily_check,
                      "网站健康：每日检查各机构并复查整改工单")  # fmt: skip
        jobs.register("health.probe", health_jobs.probe_site, "网站健康：可访问性监测（记入历史）")
        jobs.register("health.links", health_jobs.check_links, "网站健康：信息中的链接和附件检查")
        api.register_openapi()
