"""Database constraints whose violation is reported on the field it concerns, in the user's language."""

from django.core.exceptions import ValidationError
from django.db import models


class FieldCheckConstraint(models.CheckConstraint):
    """A CheckConstraint that reports its message on `field`, so a form shows it beside that field."""

    def __init__(self, *, field: str, **kwargs):
        self.field = field
        super().__init__(**kwargs)

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and self.field in exclude:
            return
        try:
            # The other fields the condition reads are checked with the values the item has, even when a form
            # does not edit them (an end date is checked against the start date it cannot change).
            super().validate(model, instance, exclude=None, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error.error_list}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["field"] = self.field
        return path, args, kwargs

    def __eq__(self, other):
        return isinstance(other, FieldCheckConstraint) and self.field == other.field and super().__eq__(other)

    __hash__ = models.CheckConstraint.__hash__


def not_before(start: str, end: str, name: str, message) -> FieldCheckConstraint:
    """`end` may be empty, but is never before `start`."""
    return FieldCheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        field=end,
        violation_error_message=message,
    )
