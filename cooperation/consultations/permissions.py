"""Who may change a consultation: the receiving unit's officials and coordinators."""

from cooperation.core.permissions import register
from cooperation.organisation.roles import coordinators, coordinators_and_officials, is_coordinator, unit_ids


def consultation_editors(user, consultation) -> bool:
    return is_coordinator(user) or consultation.unit_id in unit_ids(user)


register("consultations.Consultation", add=coordinators_and_officials, change=consultation_editors, delete=coordinators)
