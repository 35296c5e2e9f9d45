from django.contrib import admin

from cooperation.core.admin import HistoryAdmin

from .models import Consultation


@admin.register(Consultation)
class ConsultationAdmin(HistoryAdmin):
    list_display = ("title", "origin", "unit", "received_on", "deadline", "status", "brussels_office_involved")
    list_filter = (
        "origin",
        "status",
        "brussels_office_involved",
        ("unit", admin.RelatedOnlyFieldListFilter),
        "deadline",
    )
    list_select_related = ("unit",)
    search_fields = ("title", "eu_initiative", "reference", "answer")
    autocomplete_fields = ("unit", "decision")
    date_hierarchy = "received_on"
