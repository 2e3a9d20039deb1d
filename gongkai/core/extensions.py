"""Page extensions: how one app shows a note on another app's page without touching its code.

A page offers a named slot; an app registers a provider for it in ``AppConfig.ready()``::

    from gongkai.core import extensions
    extensions.register("portal.item", gazette_note)   # gazette_note(obj, request) -> [Note]

and the page's template renders every provider's notes with
``{% load gongkai_extensions %}{% extension_notes "portal.item" item %}``.

Slots offered today:

| slot | page | object |
|---|---|---|
| ``portal.item`` | public item page (after the metadata block) | catalog ``Item`` |
| ``staff.item`` | staff item page and review page | catalog ``Item`` |
| ``staff.application`` | staff case page of an application | ``Application`` |
| ``public.application`` | the applicant's status page | ``Application`` |
| ``staff.obligation`` | staff page of one plan obligation (under its heading) | plans ``Obligation`` |
| ``staff.obligation_row`` | each obligation in the plan's supervision tree (keep it to one short line; it runs once per row, so cache per request) | plans ``Obligation`` |

A provider must be cheap (one or two queries), return only what the reader may see (check
``request.user``), and never raise: a failing provider is logged and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("gongkai.extensions")


@dataclass
class Note:
    title: str  # a short heading, e.g. "本文件曾公开征求意见"
    text: str = ""  # plain text (escaped when shown)
    url: str = ""  # optional link
    link_text: str = ""  # text of the link (default: 查看)
    html: str = (
        ""  # optional trusted HTML built by the provider (e.g. an SVG chart); escape inputs!
    )
    level: str = "info"  # info / warning


Provider = Callable[[object, object], list[Note]]
_slots: dict[str, list[Provider]] = {}


def register(slot: str, provider: Provider) -> Provider:
    providers = _slots.setdefault(slot, [])
    if provider not in providers:
        providers.append(provider)
    return provider


def notes(slot: str, obj, request=None) -> list[Note]:
    out: list[Note] = []
    for provider in _slots.get(slot, []):
        try:
            out.extend(provider(obj, request) or [])
        except Exception:
            log.exception(
                "extension %s for slot %s failed", getattr(provider, "__name__", provider), slot
            )
    return out
