from django.contrib import admin

from cooperation.core.admin import HistoryAdmin

from .models import ActionPlan, ActionPlanActivity, Evaluation, PositionPaper, PositionPaperVersion

SUBJECT_RELATED = ("city_relation", "membership__organisation")


class PositionPaperVersionInline(admin.TabularInline):
    model = PositionPaperVersion
    fields = ("number", "status", "decision", "next_review_on")
    autocomplete_fields = ("decision",)
    show_change_link = True  # the seven sections are edited on the version's own page
    extra = 0


@admin.register(PositionPaper)
class PositionPaperAdmin(HistoryAdmin):
    list_display = ("title", "city_relation", "membership", "is_project_work")
    list_filter = ("is_project_work",)
    list_select_related = SUBJECT_RELATED
    search_fields = ("title", "city_relation__city", "membership__organisation__name")
    autocomplete_fields = ("city_relation", "membership")
    inlines = (PositionPaperVersionInline,)


@admin.register(PositionPaperVersion)
class PositionPaperVersionAdmin(HistoryAdmin):
    list_display = ("paper", "number", "status", "decision", "next_review_on")
    list_filter = ("status", "next_review_on")
    list_select_related = ("paper", "decision__body")
    search_fields = ("paper__title", "purpose", "background", "activities")
    autocomplete_fields = ("paper", "decision")


class ActionPlanActivityInline(admin.TabularInline):
    model = ActionPlanActivity
    fields = ("title", "responsible_unit", "responsible_actor", "start_date", "end_date", "status")
    autocomplete_fields = ("responsible_unit",)
    show_change_link = True
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(HistoryAdmin):
    list_display = ("title", "city_relation", "membership", "is_project_work", "start_date", "end_date")
    list_filter = ("is_project_work", "start_date", "end_date")
    list_select_related = SUBJECT_RELATED
    search_fields = ("title", "goals", "priorities", "city_relation__city", "membership__organisation__name")
    autocomplete_fields = ("city_relation", "membership")
    date_hierarchy = "start_date"
    inlines = (ActionPlanActivityInline,)


@admin.register(ActionPlanActivity)
class ActionPlanActivityAdmin(HistoryAdmin):
    list_display = ("title", "plan", "responsible_unit", "responsible_actor", "start_date", "end_date", "status")
    list_filter = ("status", ("responsible_unit", admin.RelatedOnlyFieldListFilter), "start_date")
    list_select_related = ("plan", "responsible_unit")
    search_fields = ("title", "description", "responsible_actor", "plan__title")
    autocomplete_fields = ("plan", "responsible_unit")
    date_hierarchy = "start_date"


@admin.register(Evaluation)
class EvaluationAdmin(HistoryAdmin):
    list_display = ("__str__", "date", "outcome", "next_due_on", "decision")
    list_filter = ("is_project_work", "outcome", "date", "next_due_on")
    list_select_related = (*SUBJECT_RELATED, "position_paper", "decision__body")
    search_fields = ("conclusions", "city_relation__city", "membership__organisation__name", "position_paper__title")
    autocomplete_fields = ("city_relation", "membership", "position_paper", "decision")
    date_hierarchy = "date"
