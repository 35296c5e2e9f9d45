from django.contrib import admin

from cooperation.core.admin import HistoryAdmin

from .models import Notice, NoticeAttachment, NoticeEvent, Overlap, Reminder


class NoticeEventInline(admin.TabularInline):
    """The notice's trail is written by the workflow, never by hand."""

    model = NoticeEvent
    fields = readonly_fields = ("created_at", "kind", "actor", "from_state", "to_state", "comment")
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(HistoryAdmin):
    list_display = ("number", "area", "unit", "state", "is_automatic", "submitted_by", "assigned_to", "created_at")
    list_filter = ("area", "state", "is_automatic", ("unit", admin.RelatedOnlyFieldListFilter), "created_at")
    list_select_related = ("unit", "submitted_by", "assigned_to")
    search_fields = ("number", "summary", "unit__name")
    fields = (
        "number",
        "area",
        "unit",
        "submitted_by",
        "summary",
        "state",
        "assigned_to",
        "is_automatic",
        "created_at",
        "project",
        "visit",
        "membership",
        "city_relation",
        "consultation",
    )
    readonly_fields = ("number",)
    autocomplete_fields = (
        "unit",
        "submitted_by",
        "assigned_to",
        "project",
        "visit",
        "membership",
        "city_relation",
        "consultation",
    )
    date_hierarchy = "created_at"
    inlines = (NoticeEventInline,)


@admin.register(NoticeEvent)
class NoticeEventAdmin(HistoryAdmin):
    list_display = ("notice", "kind", "actor", "from_state", "to_state", "created_at")
    list_filter = ("kind", "to_state", "created_at")
    list_select_related = ("notice", "actor")
    search_fields = ("notice__number", "comment")
    autocomplete_fields = ("notice", "actor")
    date_hierarchy = "created_at"


@admin.register(NoticeAttachment)
class NoticeAttachmentAdmin(HistoryAdmin):
    list_display = ("notice", "file", "uploaded_by", "created_at")
    list_select_related = ("notice", "uploaded_by")
    search_fields = ("notice__number", "file")
    autocomplete_fields = ("notice", "uploaded_by")


@admin.register(Reminder)
class ReminderAdmin(HistoryAdmin):
    """The reminders sent, so that none is sent twice; written by send_reminders."""

    list_display = ("kind", "key", "due_on", "sent_at", "recipients")
    list_filter = ("kind", "due_on")
    search_fields = ("key", "recipients")
    date_hierarchy = "sent_at"


@admin.register(Overlap)
class OverlapAdmin(HistoryAdmin):
    """The synergy finder's overlaps: found by it, never added by hand; a dismissal needs its reason (a constraint)."""

    list_display = ("label", "kind", "first_unit", "second_unit", "found_at", "dismissed_at", "dismissed_by")
    list_filter = ("kind", ("dismissed_at", admin.EmptyFieldListFilter), "found_at")
    list_select_related = ("first_unit", "second_unit", "dismissed_by")
    search_fields = ("label", "reason")
    readonly_fields = (
        "kind",
        "label",
        "first_type",
        "first_id",
        "second_type",
        "second_id",
        "first_unit",
        "second_unit",
        "found_at",
    )
    autocomplete_fields = ("dismissed_by",)

    def has_add_permission(self, request):
        return False
