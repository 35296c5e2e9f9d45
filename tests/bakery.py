"""model_bakery for one municipality per installation: baked rows share the municipality that is there."""

from model_bakery.baker import Baker

from cooperation.organisation.models import Municipality, get_municipality


class OneMunicipalityBaker(Baker):
    """A foreign key to the municipality gets the installed one; a second would be refused."""

    def generate_value(self, field, commit=True, _full_clean=False):
        if field.many_to_one and field.related_model is Municipality and (present := get_municipality()):
            return present
        return super().generate_value(field, commit, _full_clean)
