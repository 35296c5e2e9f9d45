"""Visits from a spreadsheet: one row per visit, its host units in one cell (the first the main host). Checked and
saved by the visit's own edit page, so an official imports only visits one of their units hosts."""

from django.utils.translation import gettext_lazy as _

from cooperation.importing import cells, common
from cooperation.importing.spec import Column, Importer, register

from .choices import Direction, VisitKind
from .models import Visit
from .views import VisitEditView


def data(values: dict) -> dict:
    posted = {key: value for key, value in values.items() if key != "hosts"}
    hosts = values.get("hosts", [])
    posted |= {"hosts-TOTAL_FORMS": len(hosts), "hosts-INITIAL_FORMS": 0}
    for number, unit in enumerate(hosts):
        posted[f"hosts-{number}-unit"] = unit
        if number == 0:
            posted[f"hosts-{number}-is_main"] = "on"
    return posted


register(
    Importer(
        key="besok",
        model="visits.Visit",
        view=VisitEditView,
        columns=[
            Column("title", "Rubrik", cells.text, required=True, example="Delegation från Kiel om hamnmiljö"),
            Column(
                "kind",
                "Typ av besök",
                cells.choice(VisitKind),
                required=True,
                example="Studiebesök",
                help=cells.listed(VisitKind),
            ),
            Column("direction", "Riktning", cells.choice(Direction), example="Inkommande"),
            Column("start_date", "Startdatum", cells.date, required=True, example="2025-05-12", help="ÅÅÅÅ-MM-DD"),
            Column("end_date", "Slutdatum", cells.date, example="2025-05-13", help="ÅÅÅÅ-MM-DD"),
            Column("visiting_organisation", "Besökande organisation", cells.text, example="Stadt Kiel"),
            Column("city", "Stad", cells.text, example="Kiel"),
            Column("country", "Land", cells.country, required=True, example="Tyskland"),
            Column("delegation_size", "Antal i delegationen", cells.whole_number, example="8"),
            Column("purpose", "Syfte", cells.text, example="Erfarenhetsutbyte om elektrifierade hamnar."),
            Column(
                "hosts",
                "Värdenheter",
                common.unit.many,
                required=True,
                example="Miljöförvaltningen",
                help=_("The units hosting it, the main host first; several separated by semicolons."),
            ),
            Column("own_participants", "Antal egna deltagare", cells.whole_number, help=_("For outgoing trips.")),
            Column("approved_by", "Godkänd av", cells.text, help=_("For outgoing trips.")),
            Column("video_conferencing_considered", "Digitalt möte övervägt", cells.boolean),
            Column("travel_considerations", "Närliggande och digitala alternativ", cells.text),
            Column("cost", "Kostnad", cells.amount, example="12 500"),
            Column("currency", "Valuta", common.currency, example="SEK"),
        ],
        data=data,
        name_column="title",
        duplicates=lambda cleaned: Visit.objects.filter(
            title__iexact=cleaned["title"], start_date=cleaned["start_date"]
        ),
        duplicate_column="title",
        identity=lambda cleaned: (cleaned["title"].casefold(), cleaned["start_date"]),
    )
)
