from cooperation.organisation.models import get_municipality

from .registers import navigation


def municipality(request):
    """The municipality whose portfolio this is, and the main menu, for the page header."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "municipality": get_municipality(),
        "navigation": navigation(user, match.view_name if match else "") if signed_in else [],
    }
