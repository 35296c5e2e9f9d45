from django.contrib import admin

from cooperation.core.admin import HistoryAdmin

from .models import ImportBatch, ImportedItem, RememberedColumn


class ImportedItemInline(admin.TabularInline):
    model = ImportedItem
    fields = ("line", "content_type", "object_id", "history_id")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(HistoryAdmin):
    """Imports are made on their own pages (/import/), where the checks run; here they are read."""

    list_display = ("filename", "register", "state", "created_by", "created_at", "rows", "error_count")
    list_filter = ("register", "state", "created_at")
    list_select_related = ("created_by",)
    search_fields = ("filename",)
    readonly_fields = [field.name for field in ImportBatch._meta.fields]
    inlines = [ImportedItemInline]

    def has_add_permission(self, request):
        return False


@admin.register(ImportedItem)
class ImportedItemAdmin(HistoryAdmin):
    list_display = ("batch", "line", "content_type", "object_id")
    list_select_related = ("batch", "content_type")
    readonly_fields = ("batch", "line", "content_type", "object_id", "history_id")

    def has_add_permission(self, request):
        return False


@admin.register(RememberedColumn)
class RememberedColumnAdmin(HistoryAdmin):
    """Headers matched to fields on the import's column page; an administrator may correct or remove one."""

    list_display = ("register", "header", "key", "updated_at")
    list_filter = ("register",)
    search_fields = ("header", "key")
