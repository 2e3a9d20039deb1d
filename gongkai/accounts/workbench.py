"""The staff home page (工作台): what waits for the signed-in person.

Each app contributes panels by registering a provider in its ``AppConfig.ready()``::

    from gongkai.accounts import workbench
    workbench.register(my_panels)          # my_panels(user) -> list[workbench.Panel]

A provider returns only what the user may see; an empty panel shows its ``empty`` text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PanelItem:
    label: str
    url: str = ""
    note: str = ""
    due: str = ""  # shown as given, e.g. "2026-10-29" or "2026-10-29（暂定）"
    urgent: bool = False


@dataclass
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    empty: str = "暂无待办事项"
    more_url: str = ""
    order: int = 100
    count: int | None = None  # total when items shows only the first few


Provider = Callable[[object], list[Panel]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(user) -> list[Panel]:
    panels: list[Panel] = []
    for provider in _providers:
        panels.extend(provider(user))
    return sorted(panels, key=lambda p: p.order)
