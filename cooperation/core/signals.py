"""The generic views' two openings for the apps above core, so that core needs to know none of them."""

from django.dispatch import Signal

# Sent by the detail view with `instance` and `user`; a receiver returns a dict of extra context for the item's page.
item_page = Signal()

# Sent by the edit and end views after `instance` was saved by `user`; a receiver returns a sentence for them, or "".
item_saved = Signal()
