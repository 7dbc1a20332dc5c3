from django import template

from lscp.insight.figures import format_pounds

register = template.Library()


@register.filter
def pounds(pence: int) -> str:
    return format_pounds(int(pence))
