from django import template

from cooperation.core import display

register = template.Library()


@register.simple_tag
def field_value(obj, name):
    return display.value(obj, name)


@register.simple_tag
def field_label(obj_or_model, name):
    return display.label(obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model), name)


@register.filter
def plural_name(model):
    return model._meta.verbose_name_plural


@register.filter
def money(amount, currency="SEK"):
    return display.money(amount, currency)


@register.simple_tag(takes_context=True)
def sort_url(context, key):
    """The list's URL sorted by `key`, or by `-key` when it is already sorted by `key`."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def sort_state(context, key):
    """aria-sort for a column header: ascending, descending or none."""
    current = context["request"].GET.get("sort", "")
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"
