from django.contrib import admin

from cooperation.core.admin import HistoryAdmin

from .models import AreaAssessment, FollowUp, GoalAssessment, ReportBuild, ReportVersion, UnitReport


@admin.register(FollowUp)
class FollowUpAdmin(HistoryAdmin):
    list_display = ("year", "deadline", "state", "case_number", "ks_decision")
    list_select_related = ("ks_decision__body",)
    list_filter = ("state",)


@admin.register(UnitReport)
class UnitReportAdmin(HistoryAdmin):
    list_display = ("follow_up", "unit", "submitted_at", "submitted_by")
    list_select_related = ("follow_up", "unit", "submitted_by")
    list_filter = ("follow_up",)


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(HistoryAdmin):
    list_display = ("follow_up", "goal", "verdict")
    list_select_related = ("follow_up", "goal")


@admin.register(AreaAssessment)
class AreaAssessmentAdmin(HistoryAdmin):
    list_display = ("follow_up", "area")
    list_select_related = ("follow_up",)


@admin.register(ReportVersion)
class ReportVersionAdmin(HistoryAdmin):
    """Versions are made by builds; the files and checksum are never edited by hand (a frozen one refuses)."""

    list_display = ("follow_up", "body", "number", "language", "made_at", "received_in")
    list_select_related = ("follow_up", "body", "received_in__body")
    readonly_fields = ("pdf", "xlsx", "docx", "sha256")


@admin.register(ReportBuild)
class ReportBuildAdmin(HistoryAdmin):
    list_display = ("follow_up", "body", "language", "state", "progress", "requested_at")
    list_select_related = ("follow_up", "body")
    readonly_fields = ("progress", "step", "error", "result")
