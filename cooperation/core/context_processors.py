from cooperation.organisation.models import Municipality


def municipality(request):
    """The municipality whose portfolio this is, for the page header."""
    return {"municipality": Municipality.objects.order_by("pk").first()}
