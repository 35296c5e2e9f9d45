"""An import's steps: upload, match the columns, check every row (a dry run that stores nothing), import all rows or
none, and undo the import while no one has changed its items.

Each row is checked by the register's own edit page: its view class builds the page's form and formsets from the
row's data as if the importing person had typed it, and runs the page's checks, the model's rules among them. The
import saves with that person as the history's user, through the same forms, so notices, the synergy finder and
every other watcher of a save react as they do to the page."""

import contextlib
import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.models import HistoricalRecords

from cooperation.core.permissions import Action
from cooperation.organisation.models import Unit

from .cells import CellError, forget, normalised, shown
from .models import BUSY_STATES, ImportBatch, ImportedItem, ImportState, RememberedColumn
from .reading import ZIP_SIGNATURE, Refused, best_sheet, is_empty, rows_of, sheets_of
from .spec import Importer, importer_for, year_in

logger = logging.getLogger(__name__)
ROW = "row"  # an error about the row as a whole, not one column


@dataclass
class Finding:
    line: int  # the row's number in the spreadsheet, as its program shows it
    name: str
    errors: list[dict] = field(default_factory=list)  # {"column": header, "message": text}

    def add(self, column: str, message) -> None:
        self.errors.append({"column": str(column), "message": str(message)})


def remembered(importer: Importer) -> dict[str, str]:
    return dict(RememberedColumn.objects.filter(register=importer.key).values_list("header", "key"))


def upload(user, importer: Importer, name: str, content: bytes) -> ImportBatch:
    """A new import of the file, its columns matched where the headers say (or were matched before). A file that
    cannot be read, or names none of the register's columns, is refused and nothing is stored."""
    known = remembered(importer)
    sheet, rows, header = best_sheet(sheets_of(name, content), importer, known)
    below = [row for row in rows[header + 1 :] if not is_empty(row)]
    if not below:
        raise Refused(_("The file has headers but no rows below them."))
    first = below[0]
    mapping = []
    for index, cell in enumerate(rows[header]):
        key, year = importer.match(cell, known)
        sample = shown(first[index])[:80]
        mapping.append({"index": index, "header": shown(cell), "key": key, "year": year, "sample": sample})
    batch = ImportBatch(
        register=importer.key,
        filename=name[:255],
        created_by=user,
        language=translation.get_language() or "sv",
        sheet=sheet[:100],
        header_row=header + 1,
        mapping=mapping,
        rows=len(below),
    )
    # stored under a name of its own (the person's may be long or odd); the original is kept in `filename`
    extension = ".xlsx" if content.startswith(ZIP_SIGNATURE) else ".csv"
    batch.file.save(f"{uuid.uuid4().hex}{extension}", ContentFile(content), save=False)
    batch.save()
    return batch


def set_columns(batch: ImportBatch, chosen: dict[int, str]) -> bool:
    """The columns as the person matched them, remembered for the next file with the same headers where they differ
    from what the headers say by themselves; then the dry run is queued. False where the columns were matched
    meanwhile (by the same person in another tab)."""
    importer = importer_for(batch.register)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportState.MAPPING:
            return False
        for column in batch.mapping:
            key = chosen.get(column["index"], "")
            column["key"] = key
            column["year"] = year_in(column["header"]) if key and importer.column(key).yearly else None
            header = normalised(column["header"])[:200]
            if not header:
                continue
            if key == importer.match(column["header"])[0]:
                RememberedColumn.objects.filter(register=importer.key, header=header).delete()
            else:
                RememberedColumn.objects.update_or_create(register=importer.key, header=header, defaults={"key": key})
        queue(batch, ImportState.CHECKING)
    return True


def queue(batch: ImportBatch, state: str) -> None:
    """The batch moved to CHECKING or IMPORTING, and the worker's task for that queued in the same transaction."""
    from .tasks import check_import, commit_import  # the tasks module imports this one

    batch.state, batch.progress, batch.step, batch.started_at = state, 0, "", timezone.now()
    if state == ImportState.CHECKING:
        batch.report = {}
    batch.save()
    task = check_import if state == ImportState.CHECKING else commit_import
    task.enqueue(batch.pk)  # the database backend's row is written in the caller's transaction: queued with it


def match_again(batch: ImportBatch) -> bool:
    """Back to matching the columns, from a dry run's findings or a failure; False where it has moved on."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state not in (ImportState.CHECKED, ImportState.FAILED):
            return False
        locked.state = ImportState.MAPPING
        locked.save()
    return True


def give_up_stuck(batch: ImportBatch) -> bool:
    """An import still queued or running past the timeout is marked failed: its worker died. True where it was."""
    limit = timezone.now() - datetime.timedelta(minutes=settings.IMPORT_TIMEOUT_MINUTES)
    with transaction.atomic():
        stuck = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch.pk, state__in=BUSY_STATES, started_at__lt=limit)
            .first()
        )
        if stuck is None:
            return False
        stuck.state, stuck.failure = ImportState.FAILED, "timed out"
        stuck.save()
    logger.warning("Gave up import %s, unfinished after the timeout", batch.pk)
    return True


def set_progress(batch_id: int, done: int, total: int, step: str) -> None:
    # progress and step are left out of the batch's history, so a plain update misses nothing
    percent = 100 * done // total if total else 100
    try:
        ImportBatch.objects.filter(pk=batch_id).update(progress=percent, step=step[:200])
    except OperationalError:  # SQLite busy with another import's transaction: the next tick tries again
        logger.info("Import %s: progress not written, the database is busy", batch_id)


@contextlib.contextmanager
def acting_as(user):
    """Saves in the block are the user's, in history and to every watcher that asks who acted."""
    request = HttpRequest()
    request.user, request.method = user, "POST"
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = request
    try:
        yield request
    finally:
        HistoricalRecords.context.request = previous


class Rows:
    """The batch's rows read again from its kept file, each as {column key: value}, yearly ones as {year: value}."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch
        self.importer = importer_for(batch.register)
        with batch.file.open("rb") as file:
            rows = rows_of(batch.filename, file.read(), batch.sheet)
        # (the row's number in the sheet, its cells) below the headers
        self.rows = [
            (line, row) for line, row in enumerate(rows, start=1) if line > batch.header_row and not is_empty(row)
        ]
        # each matched column of the file with the importer's column it was matched to
        self.columns = [(column, self.importer.column(column["key"])) for column in batch.mapping if column["key"]]
        forget()

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def read(self, row, finding: Finding) -> tuple[dict, dict]:
        """The row's values by column key, and its cells as the spreadsheet shows them."""
        values, texts = {}, {}
        for column, spec in self.columns:
            raw = row[column["index"]] if column["index"] < len(row) else None
            texts.setdefault(spec.key, shown(raw))
            try:
                value = spec.read(raw)
            except CellError as error:
                finding.add(column["header"], error)
                continue
            if spec.yearly:
                values.setdefault(spec.key, {})[column["year"]] = value
            elif value not in ("", [], None) or spec.key not in values:
                values[spec.key] = value
        return values, texts

    def header_of(self, form_field: str) -> str:
        """The file's header for the column a form field's error concerns; "" where no column feeds it."""
        for column, spec in self.columns:
            if (spec.field or spec.key) == form_field:
                return column["header"]
        return ""


def as_post(data: dict) -> QueryDict:
    post = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list | tuple | set):
            post.setlist(key, [str(each) for each in value])
        elif value is not None:
            post[key] = str(value)
    return post


def page_for(importer: Importer, request):
    view = importer.view()
    view.setup(request)
    view.object, view.action = None, Action.ADD
    return view


def page_data(view, data: dict) -> dict:
    """What the page would post: the row's values; where the file has no column, what the new page shows filled in
    (a status's default, the currency); and for the formsets the row does not fill, none of their rows."""
    filled = dict(data)
    blank, _formsets = view.build()
    for bound in blank:
        if bound.name in filled:
            continue
        value = bound.field.prepare_value(bound.initial)
        if isinstance(value, list | tuple):
            filled[bound.name] = [each for each in value if each not in (None, "")]
        elif value is True:
            filled[bound.name] = "on"
        elif value not in (None, "", False):
            filled[bound.name] = value.isoformat() if hasattr(value, "isoformat") else value
    for prefix in view.formsets:
        filled.setdefault(f"{prefix}-TOTAL_FORMS", 0)
        filled.setdefault(f"{prefix}-INITIAL_FORMS", 0)
    return filled


def check_row(rows: Rows, line: int, row, request, seen: dict, *, save: bool) -> tuple[Finding, object | None]:
    """One row through the register's page: its findings, and the item where `save` and it passed."""
    importer = rows.importer
    finding = Finding(line, "")
    values, texts = rows.read(row, finding)
    finding.name = texts.get(importer.name_column, "") or _("Row {line}").format(line=line)
    if finding.errors:
        return finding, None
    view = page_for(importer, request)
    form, formsets = view.build(as_post(page_data(view, importer.data(values))), MultiValueDict())
    valid = form.is_valid()
    valid = all([formset.is_valid() for formset in formsets.values()]) and valid
    valid = valid and view.validate_together(form, formsets)
    for name, messages in messages_of(form):
        header = rows.header_of(name) if name != NON_FIELD_ERRORS else ""
        label = header or (form.fields[name].label if name in form.fields else ROW)
        for message in messages:
            finding.add(label, message)
    for prefix, formset in formsets.items():
        header = rows.header_of(prefix) or prefix
        for each in formset.forms:
            for name, messages in messages_of(each):
                label = each.fields[name].label if name in each.fields else ""
                for message in messages:
                    finding.add(header, f"{label}: {message}" if label else message)
        for message in formset.non_form_errors():
            finding.add(header, message)
    if valid and not finding.errors:
        duplicate_of(importer, form, rows, finding, seen)
    if finding.errors or not save:
        return finding, None
    form.instance._change_reason = _("Imported from {file}").format(file=rows.batch.filename)[:100]
    obj = form.save()
    for formset in formsets.values():
        formset.instance = obj
        formset.save()
    view.after_save(obj, created=True)
    return finding, obj


NOT_OWN_UNIT = _lazy(
    "Not one of your units: an official imports for the units they work in; the coordinators for every unit."
)


def messages_of(form):
    """A form's errors by field, a unit the person may not choose said as such rather than as an invalid choice."""
    for name, errors in form.errors.as_data().items():
        queryset = getattr(form.fields.get(name), "queryset", None)
        own_units_only = queryset is not None and queryset.model is Unit
        yield (
            name,
            [
                NOT_OWN_UNIT if own_units_only and error.code in ("invalid_choice", "invalid_pk_value") else message
                for error in errors
                for message in error.messages
            ],
        )


def duplicate_of(importer: Importer, form, rows: Rows, finding: Finding, seen: dict) -> None:
    """An item the register has already, or that an earlier row of the same file makes."""
    if importer.duplicates is None:
        return
    header = rows.header_of(importer.duplicate_column) or ROW
    existing = importer.duplicates(form.cleaned_data).first()
    if existing is not None:
        finding.add(header, _("Already in the register: “{item}”.").format(item=existing))
    key = importer.identity(form.cleaned_data) if importer.identity else None
    if key is not None:
        if key in seen:
            finding.add(header, _("The same as row {line} of the file.").format(line=seen[key]))
        else:
            seen[key] = finding.line


def check_all(batch: ImportBatch, *, save: bool) -> tuple[list[Finding], list]:
    rows = Rows(batch)
    findings, made, seen = [], [], {}
    step = _("Importing the rows") if save else _("Checking the rows")
    with acting_as(batch.created_by) as request:
        for done, (line, row) in enumerate(rows):
            finding, obj = check_row(rows, line, row, request, seen, save=save)
            findings.append(finding)
            if obj is not None:
                made.append((line, obj))
            if done % 10 == 0:
                set_progress(batch.pk, done, len(rows), step)
    return findings, made


def report_of(findings: list[Finding]) -> dict:
    return {"rows": [{"line": f.line, "name": f.name, "errors": f.errors} for f in findings]}


def run_check(batch_id: int) -> None:
    """The dry run: every row checked, nothing stored."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.state != ImportState.CHECKING:
        return  # a task delivered twice
    if not may_still_import(batch):
        return
    try:
        with translation.override(batch.language):
            findings, _made = check_all(batch, save=False)
    except Exception as error:
        fail(batch_id, error)
        return
    finish(batch, findings, ImportState.CHECKED)


def batch_language(batch_id: int) -> str:
    return ImportBatch.objects.filter(pk=batch_id).values_list("language", flat=True).first() or "sv"


def may_still_import(batch: ImportBatch) -> bool:
    """Whether the uploader may still add items to the register (their roles may have changed since the upload)."""
    importer = importer_for(batch.register)
    if importer is not None and batch.created_by.is_active and importer.may_import(batch.created_by):
        return True
    batch.state, batch.failure = ImportState.FAILED, "the uploader may no longer add items to the register"
    batch.save()
    return False


class RowsFailed(Exception):
    def __init__(self, findings):
        self.findings = findings


def start_import(batch: ImportBatch) -> bool:
    """Queue the import of a checked file without errors; False where it is not (or no longer) that."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not locked.may_commit:
            return False
        queue(locked, ImportState.IMPORTING)
    return True


def run_import(batch_id: int) -> None:
    """Every row checked again and saved, in one transaction: a row that fails now (the register changed since the
    dry run) undoes all of them, and the batch shows what failed."""
    try:
        with translation.override(batch_language(batch_id)), transaction.atomic():
            # One import into a register at a time, each claimed under a lock: a task delivered twice waits, then
            # finds its batch imported; a second file waits, then sees the first's items as already there. Every
            # batch being imported into the register is locked at once, in one order, so two never deadlock.
            register = ImportBatch.objects.filter(pk=batch_id).values_list("register", flat=True).first()
            importing = ImportBatch.objects.filter(register=register, state=ImportState.IMPORTING).order_by("pk")
            list(importing.select_for_update())
            batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
            if batch.state != ImportState.IMPORTING or not may_still_import(batch):
                return
            findings, made = check_all(batch, save=True)
            if any(finding.errors for finding in findings):
                raise RowsFailed(findings)
            for line, obj in made:
                ImportedItem.objects.create(
                    batch=batch,
                    line=line,
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=obj.pk,
                    history_id=latest_history_id(obj),
                )
            batch.imported_at = timezone.now()
            finish(batch, findings, ImportState.IMPORTED)
    except RowsFailed as failed:
        batch = ImportBatch.objects.get(pk=batch_id)
        finish(batch, failed.findings, ImportState.CHECKED)
    except Exception as error:
        fail(batch_id, error)


def latest_history_id(obj) -> int | None:
    latest = obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()
    return latest


def finish(batch: ImportBatch, findings: list[Finding], state: str) -> None:
    batch.report = report_of(findings)
    batch.rows = len(findings)
    batch.error_count = sum(1 for finding in findings if finding.errors)
    batch.state, batch.progress, batch.step, batch.failure = state, 100, "", ""
    batch.save()


def fail(batch_id: int, error: Exception) -> None:
    logger.exception("Import %s failed", batch_id)
    batch = ImportBatch.objects.get(pk=batch_id)
    batch.state, batch.failure = ImportState.FAILED, f"{type(error).__name__}: {error}"[:1000]
    batch.save()


def locked_items(batch: ImportBatch) -> list[tuple[int, object | None]]:
    """The import's items, each locked for the rest of the transaction (None where it has been deleted)."""
    found = []
    for imported in batch.items.select_related("content_type").order_by("-line"):
        model = imported.content_type.model_class()
        obj = model._default_manager.select_for_update().filter(pk=imported.object_id).first()
        found.append((imported, obj))
    return found


def changed_since(batch: ImportBatch, items) -> list[str]:
    """What has happened to the import's items since: an item changed or deleted, or anything that a deletion of
    them would delete or change besides the rows the import itself wrote (a visit linked to an imported project, a
    notice the office has answered, an agreement added to an imported relation). While there is any, the import
    cannot be undone."""
    changed = []
    for imported, obj in items:
        if obj is None:
            changed.append(_("row {line}: deleted").format(line=imported.line))
        elif latest_history_id(obj) != imported.history_id:
            changed.append(_("row {line}: “{item}” changed").format(line=imported.line, item=obj))
    if changed:
        return changed
    collector = Collector(using=ImportBatch.objects.db)
    try:
        collector.collect([obj for _imported, obj in items])
    except ProtectedError as error:
        return [str(each) for each in error.protected_objects]
    except RestrictedError as error:
        return [str(each) for each in error.restricted_objects]
    for model, instances in collector.data.items():
        history = getattr(model, "history", None)
        if history is None:
            continue  # derived rows without history (the synergy finder's keys)
        for instance in instances:
            latest = history.filter(**{model._meta.pk.attname: instance.pk}).order_by("-history_date").first()
            if latest is not None and latest.history_date > batch.imported_at:
                changed.append(
                    _("“{item}” ({kind}), added or changed since").format(item=instance, kind=model._meta.verbose_name)
                )
    for (pointer, _value), querysets in collector.field_updates.items():
        for instances in querysets:
            for instance in instances:
                changed.append(
                    _("“{item}” ({kind}) refers to an imported item").format(
                        item=instance, kind=pointer.model._meta.verbose_name
                    )
                )
    return changed


class CannotUndo(Exception):
    pass


def undo(batch: ImportBatch, user) -> int:
    """Delete every item the import made, as one change; refused once any of them, or anything that refers to them,
    has changed since."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state != ImportState.IMPORTED:
            raise CannotUndo(
                _("Only an import that has been made can be undone; this one is {state}.").format(
                    state=locked.get_state_display().lower()
                )
            )
        items = locked_items(locked)
        changed = changed_since(locked, items)
        if changed:
            raise CannotUndo(
                _("The import can no longer be undone: its items have changed since ({items}).").format(
                    items="; ".join(changed[:10]) + (" …" if len(changed) > 10 else "")
                )
            )
        with acting_as(user):
            for _imported, obj in items:
                obj._change_reason = _("Import of {file} undone").format(file=locked.filename)[:100]
                obj.delete()
        locked.state, locked.undone_at, locked.undone_by = ImportState.UNDONE, timezone.now(), user
        locked.save()
    return len(items)
