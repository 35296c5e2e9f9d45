"""The portal's pages: the start page for everyone signed in, the accessibility statement for anyone."""

from tests.permissions import ROLES, everyone

MATRIX = {
    "home": ([], everyone()),
    "profile": ([], everyone()),
    "search": ([], everyone()),
    "accessibility": ([], dict.fromkeys(ROLES, 200)),  # open to all: the statement must reach anyone
}


def objects(org):
    return {}
