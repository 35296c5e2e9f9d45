from cooperation.organisation.models import Municipality


def municipality(request):
    """The municipality whose portfolio this is, and the main menu, for the page header."""
    from .registers import navigation

    return {"municipality": Municipality.objects.order_by("pk").first(), "navigation": navigation()}
