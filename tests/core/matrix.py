"""Who may open the audit log: staff accounts with the permission to view audit events, none of the personas (their
administrator holds the role but is no staff account; tests/core/test_audit.py tries the staff accounts)."""

from tests.permissions import only

MATRIX = {
    "core:auditevent_list": ([], only()),
}


def objects(org):
    return {}
