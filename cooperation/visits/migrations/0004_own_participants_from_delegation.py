"""An outgoing visit's delegation is the municipality's own: its delegation size, where given, becomes the number of
own participants. Outgoing visits without a delegation size keep no number; the rule asks for one at their next edit.
Reversed, nothing is done: the numbers stay until the field itself is removed."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Visit = apps.get_model("visits", "Visit")
    # A plain update in a migration: the history's rows keep what they recorded then, as for any new field.
    Visit.objects.filter(direction="outgoing", own_participants__isnull=True, delegation_size__gte=1).update(
        own_participants=F("delegation_size")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0003_own_participants'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
