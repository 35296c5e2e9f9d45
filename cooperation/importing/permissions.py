"""Who may import: whoever may add items to a register imports into it (an official for their own units, as the
register's page lets them); an import is seen, imported and undone by the person who uploaded it and by the
coordinators."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import register, register_filter
from cooperation.organisation.roles import coordinators_and_officials, is_coordinator


def own_or_coordinator(user, batch=None) -> bool:
    if batch is None:
        return coordinators_and_officials(user)
    return coordinators_and_officials(user) and (is_coordinator(user) or batch.created_by_id == user.pk)


own_or_coordinator.who = _("the person who uploaded the file and the central office's coordinators")


def nobody(user, obj=None) -> bool:
    return False


def own_imports(user, queryset):
    return queryset if is_coordinator(user) else queryset.filter(created_by=user)


register(
    "importing.ImportBatch",
    add=coordinators_and_officials,
    change=own_or_coordinator,
    delete=nobody,  # an import is kept as the record of what it did; undoing it deletes its items
    view=coordinators_and_officials,
)
register_filter("importing.ImportBatch", own_imports)
# Written by the import itself, never by hand.
register("importing.ImportedItem", add=nobody, change=nobody, delete=nobody, view=coordinators_and_officials)
register("importing.RememberedColumn", add=nobody, change=nobody, delete=nobody, view=coordinators_and_officials)
