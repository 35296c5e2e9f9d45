"""The import's pages: choose a register and upload, match the columns, see the dry run and import, undo."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, TemplateView

from cooperation.core import audit
from cooperation.core.permissions import Action, allowed, visible
from cooperation.core.views import BusyDatabaseMixin

from . import reading, services, template_file
from .forms import ColumnsForm, UploadForm
from .models import ImportBatch, ImportState
from .reading import Refused
from .spec import importer_for, importers

RECENT = 20


class ImportAccessMixin(BusyDatabaseMixin, LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not allowed(request.user, Action.VIEW, ImportBatch):
            raise PermissionDenied(_("Only coordinators and officials import files."))
        return super().dispatch(request, *args, **kwargs)

    def importer(self, key):
        importer = importer_for(key)
        if importer is None:
            raise Http404
        if not importer.may_import(self.request.user):
            raise PermissionDenied(_("You may not add items to {register}.").format(register=importer.label.lower()))
        return importer


class StartView(ImportAccessMixin, TemplateView):
    """The registers one may import into, each with its template and an upload form; one's recent imports."""

    template_name = "importing/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["importers"] = [
            (importer, kwargs.get("forms", {}).get(importer.key) or UploadForm(prefix=importer.key))
            for importer in importers(self.request.user)
        ]
        batches = visible(self.request.user, ImportBatch.objects.select_related("created_by"))
        labels = {importer.key: importer.label for importer in importers()}
        context["batches"] = [(batch, labels.get(batch.register, batch.register)) for batch in batches[:RECENT]]
        return context

    def post(self, request, *args, **kwargs):
        importer = self.importer(request.POST.get("register", ""))
        form = UploadForm(request.POST, request.FILES, prefix=importer.key)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > 0:
                    reading.check_size(upload.size)  # before the file is read into memory
                batch = services.upload(request.user, importer, upload.name, upload.read())
            except Refused as refusal:
                form.add_error("file", str(refusal))
            else:
                audit.record(audit.AuditEventKind.IMPORT, request, register=importer.key, batch=batch.pk, step="upload")
                return HttpResponseRedirect(batch.get_absolute_url())
        context = self.get_context_data(forms={importer.key: form})
        return self.render_to_response(context, status=400)


class TemplateFileView(ImportAccessMixin, View):
    def get(self, request):
        importer = self.importer(request.GET.get("register", ""))
        kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
        name = f"{importer.key}-mall"
        if kind == "xlsx":
            content = template_file.workbook(importer)
            kind_header = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = template_file.csv_file(importer)
            kind_header = "text/csv; charset=utf-8"
        response = HttpResponse(content, content_type=kind_header)
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response


class OwnBatchMixin(ImportAccessMixin):
    """An import as the user may see it: their own, or any for the coordinators; for anyone else it is not there."""

    model = ImportBatch

    def get_queryset(self):
        return visible(self.request.user, ImportBatch.objects.select_related("created_by", "undone_by"))


class BatchView(OwnBatchMixin, DetailView):
    """Where the import stands: its columns to match, the dry run's progress and findings, what it imported."""

    context_object_name = "batch"
    template_name = "importing/batch.html"

    def get_object(self, queryset=None):
        batch = super().get_object(queryset)
        if importer_for(batch.register) is None:
            raise Http404  # a register no longer declared
        if batch.is_busy and services.give_up_stuck(batch):
            batch.refresh_from_db()
        return batch

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.object
        importer = importer_for(batch.register)
        context["importer"] = importer
        if batch.state == ImportState.MAPPING:
            context["form"] = kwargs.get("form") or ColumnsForm(batch=batch, importer=importer)
        context["rows"] = batch.report.get("rows", [])
        if batch.state == ImportState.IMPORTED:
            context["items"] = [(each.line, each.item) for each in batch.items.prefetch_related("item")]
        context["may_act"] = allowed(self.request.user, Action.CHANGE, batch)
        context["is_uploader"] = batch.created_by_id == self.request.user.pk
        return context

    def post(self, request, *args, **kwargs):
        self.object = batch = self.get_object()
        if not allowed(request.user, Action.CHANGE, batch):
            raise PermissionDenied(_("Only the person who uploaded the file and the coordinators act on an import."))
        action = request.POST.get("action", "")
        importer = importer_for(batch.register)
        if action == "columns":
            if batch.state != ImportState.MAPPING:
                return self.refuse(batch, _("The columns have been matched already."))
            form = ColumnsForm(request.POST, batch=batch, importer=importer)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            if not services.set_columns(batch, form.chosen()):
                return self.refuse(batch, _("The columns have been matched already."))
        elif action == "import":
            if batch.created_by_id != request.user.pk:
                # the rows were checked with the uploader's rights: they import them, as themselves
                return self.refuse(batch, _("Only the person who uploaded the file imports it."), status=403)
            if not importer.may_import(request.user):
                return self.refuse(
                    batch, _("You may not add items to {register}.").format(register=importer.label.lower()), status=403
                )
            if not services.start_import(batch):
                return self.refuse(
                    batch, _("The file cannot be imported now: it is being imported, has been, or has errors.")
                )
            audit.record(audit.AuditEventKind.IMPORT, request, register=batch.register, batch=batch.pk, step="import")
        elif action == "undo":
            try:
                count = services.undo(batch, request.user)
            except services.CannotUndo as refusal:
                return self.refuse(batch, str(refusal))
            audit.record(audit.AuditEventKind.IMPORT, request, register=batch.register, batch=batch.pk, step="undo")
            undone = ngettext(
                "The import was undone: {count} item deleted. Its history is kept.",
                "The import was undone: {count} items deleted. Their history is kept.",
                count,
            )
            messages.success(request, undone.format(count=count))
        elif action == "recheck":
            if not services.match_again(batch):
                return self.refuse(batch, _("The file cannot be checked again now."))
        else:
            return self.refuse(batch, _("Choose what to do with the import."), status=400)
        return HttpResponseRedirect(batch.get_absolute_url())

    def refuse(self, batch, message, status=409):
        messages.error(self.request, message)
        batch.refresh_from_db()
        self.object = batch
        return self.render_to_response(self.get_context_data(), status=status)


class BatchFileView(OwnBatchMixin, DetailView):
    """The file as it was uploaded, kept with the import."""

    def get(self, request, *args, **kwargs):
        batch = self.get_object()
        return FileResponse(batch.file.open("rb"), as_attachment=True, filename=batch.filename)
