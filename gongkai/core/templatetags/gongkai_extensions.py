from django import template
from django.utils.safestring import mark_safe

from gongkai.core.extensions import notes

register = template.Library()


@register.inclusion_tag("gongkai/_extension_notes.html", takes_context=True)
def extension_notes(context, slot, obj):
    found = notes(slot, obj, context.get("request"))
    for n in found:
        n.safe_html = mark_safe(n.html) if n.html else ""
    return {"notes": found, "slot": slot}
