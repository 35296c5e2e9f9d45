from cooperation.organisation.models import Municipality


def municipality(request):
    """The municipality whose portfolio this is, and the main menu, for the page header."""
    from .registers import navigation

    match = getattr(request, "resolver_match", None)
    return {
        "municipality": Municipality.objects.order_by("pk").first(),
        "navigation": navigation(match.view_name if match else ""),
    }
