"""Press conferences (新闻发布会 / 政策吹风会): record and publish."""

from __future__ import annotations

from gongkai.core.actions import change
from gongkai.core.errors import Invalid
from gongkai.core.files import accept, store
from gongkai.rules import dates
from gongkai.rules.interaction.speakers import is_principal
from gongkai.search import registry

from ..models import ConferenceFile, PressConference, Speaker
from .events import _text, parse_moment, refresh_clocks

E_SPEAKERS = "请至少填写一位发布人及其职务。"
E_KIND = "请选择发布会类型。"
E_HELD = "请填写举办时间（年-月-日 时:分），且不能晚于现在。"


def do_record_conference(
    actor,
    host,
    *,
    kind="press",
    topic,
    held_at,
    speakers,
    transcript="",
    event=None,
    policies=(),
    files=(),
):
    """``speakers``: [(name, post)] or [(name, post, is_leader)]; the leader flag defaults to
    the rule ``is_principal(post)``."""
    errors = {}
    topic, errors["topic"] = _text(topic, "主题", 200)
    transcript, errors["transcript"] = _text(transcript, "实录", 50000, required=False)
    if kind not in dict(PressConference.KIND_CHOICES):
        errors["kind"] = E_KIND
    moment = parse_moment(held_at)
    if moment is None or moment > dates.now():
        errors["held_at"] = E_HELD
    rows = []
    for sp in speakers or []:
        name, post = (str(sp[0] or "").strip()[:60], str(sp[1] or "").strip()[:120])
        if name and post:
            leader = sp[2] if len(sp) > 2 and sp[2] is not None else is_principal(post)
            rows.append((name, post, bool(leader)))
    if not rows:
        errors["speakers"] = E_SPEAKERS
    accepted = []
    if not any(errors.values()):
        try:
            accepted = accept(files)
        except Invalid as exc:
            errors.update(exc.errors)
    if any(errors.values()):
        raise Invalid(errors=errors)
    with change(actor, "edit", host) as ch:
        conf = PressConference.objects.create(
            kind=kind,
            topic=topic,
            held_at=moment,
            host=host,
            transcript=transcript,
            event=event,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        for i, (name, post, leader) in enumerate(rows):
            Speaker.objects.create(conference=conf, name=name, post=post, is_leader=leader, order=i)
        conf.policies.set([p for p in policies if p.is_public])
        for a in accepted:
            store(ConferenceFile, a, conference=conf)
        ch.audit(conf, "create", reason=conf.get_kind_display())
        if event is not None:
            refresh_clocks(event)
            ch.audit(event, "change", changes={"conference": conf.pk}, reason="召开新闻发布会")
    return conf


def do_publish_conference(actor, conf, *, at=None):
    with change(actor, "edit", conf.host) as ch:
        if conf.published:
            raise Invalid("该发布会已发布。")
        conf.published = True
        conf.published_at = at or dates.now()
        conf.save(update_fields=["published", "published_at"])
        ch.audit(conf, "transition", from_state="", to_state="published")
        registry.changed("press_conference", [conf.pk])
    return conf
