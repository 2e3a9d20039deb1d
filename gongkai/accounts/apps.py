from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "人员与权限"

    def ready(self):
        from . import workbench

        workbench.register(_foundation_panels)


def _foundation_panels(user):
    from django.urls import reverse

    from . import permissions
    from .workbench import Panel, PanelItem

    items = [PanelItem("工作日历与节假日安排", reverse("workcal:calendar"))]
    if permissions.org_ids_for(user, "administer"):
        items.append(PanelItem("组织机构、人员与角色（后台）", "/admin/"))
    return [Panel("常用工具", items, order=900)]
