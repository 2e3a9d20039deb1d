from django import template

from gongkai.audit import display

register = template.Library()


@register.filter
def audit_changes(entry):
    return display.changes(entry)


@register.simple_tag
def audit_state(entry, code):
    return display.state_label(entry, code)
