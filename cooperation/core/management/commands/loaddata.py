"""Django's loaddata, adding no history: a dump already holds every history row, so loading it must make none."""

from django.core.management.commands import loaddata


class Command(loaddata.Command):
    def save_obj(self, obj):
        # Raw saves make no history, but the deserializer then sets many-to-many fields, and simple-history
        # records each set as a change ("~"). Its own flag stops that; the object is only used by this load,
        # forward references saved at the end included, so the flag stays on it.
        obj.object.skip_history_when_saving = True
        return super().save_obj(obj)
