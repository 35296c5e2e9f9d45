from cooperation.organisation.models import get_municipality


def municipality(request):
    """The municipality whose portfolio this is, and the main menu, for the page header."""
    from .registers import navigation

    match = getattr(request, "resolver_match", None)
    return {
        "municipality": get_municipality(),
        "navigation": navigation(match.view_name if match else ""),
    }
