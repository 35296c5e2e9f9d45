"""The permission matrix's vocabulary: the personas, and shorthands for who gets what status code."""

ROLES = ["anonymous", "official_a", "official_b", "coordinator", "ks_user", "kf_user", "reader", "administrator"]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]
OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


def everyone(status=OK) -> dict[str, int]:
    """Every signed-in persona gets `status`; anonymous visitors are sent to the login page."""
    return {"anonymous": FOUND, **dict.fromkeys(SIGNED_IN, status)}


def only(*roles: str, status=OK) -> dict[str, int]:
    """The named personas get `status`, the other signed-in ones 403; anonymous visitors go to the login page."""
    unknown = set(roles) - set(SIGNED_IN)
    assert not unknown, unknown
    return {"anonymous": FOUND, **{role: status if role in roles else FORBIDDEN for role in SIGNED_IN}}
