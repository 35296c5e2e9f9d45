from cooperation.organisation.models import get_municipality

from .registers import navigation


def municipality(request):
    """The municipality whose portfolio this is, and the main menu, for the page header."""
    match = getattr(request, "resolver_match", None)
    return {
        "municipality": get_municipality(),
        "navigation": navigation(match.view_name if match else ""),
    }
