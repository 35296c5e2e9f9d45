"""Who may open the import's pages: the officials of a unit and the coordinators import; an import is seen by the
person who uploaded it and by the coordinators (for anyone else it does not exist)."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from cooperation.importing.models import ImportBatch
from tests.permissions import NOT_FOUND, only

IMPORTERS = ("official_a", "official_b", "coordinator", "administrator")


def objects(org) -> dict:
    uploader = get_user_model().objects.filter(username="official_a").first()
    if uploader is None:  # the matrix's personas are made before the objects; other tests have none
        return {}
    batch = ImportBatch(register="projekt", filename="projekt.csv", created_by=uploader, rows=1)
    batch.file.save("projekt.csv", ContentFile("Titel;Ägande enhet\nGröna hamnar;Miljöförvaltningen\n".encode()))
    return {"import": batch}


OWN_IMPORT = {**only("official_a", "coordinator", "administrator"), "official_b": NOT_FOUND}
MATRIX = {
    "importing:start": ([], only(*IMPORTERS)),
    # without ?register= no template is found; which one is fetched is tested in test_pages.py
    "importing:template": ([], only(*IMPORTERS, status=NOT_FOUND)),
    "importing:batch": (["import"], OWN_IMPORT),
    "importing:file": (["import"], OWN_IMPORT),
}
