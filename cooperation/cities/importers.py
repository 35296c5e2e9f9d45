"""City relations from a spreadsheet: twin towns, partner cities and contacts, one row each. Checked and saved by
the relation's own edit page: a twin town needs the council's decision, recorded in the register."""

from django.utils.translation import gettext_lazy as _

from cooperation.importing import cells, common
from cooperation.importing.spec import Column, Importer, register

from .choices import RelationKind, RelationStatus
from .models import CityRelation
from .views import CityRelationEditView

register(
    Importer(
        key="stadsrelationer",
        model="cities.CityRelation",
        view=CityRelationEditView,
        columns=[
            Column("city", "Stad eller region", cells.text, required=True, example="Kiel"),
            Column("country", "Land", cells.country, required=True, example="Tyskland"),
            Column(
                "kind",
                "Typ av relation",
                cells.choice(RelationKind),
                required=True,
                example="Partnerstad",
                help=cells.listed(RelationKind),
            ),
            Column("status", "Status", cells.choice(RelationStatus), example="Aktiv"),
            Column("since_year", "Sedan år", cells.whole_number, example="2012"),
            Column("description", "Beskrivning", cells.text, example="Samarbete om hamnar och kultur."),
            Column(
                "decision",
                "Beslut (diarienummer)",
                common.decision,
                example="",
                help=_("The case number of the decision in the register; a twin town needs the council's."),
            ),
            Column("responsible_body", "Ansvarig nämnd", common.body, example="Kommunstyrelsen"),
            Column("units", "Enheter", common.unit.many, help=_("Several separated by semicolons.")),
            Column("priority_areas", "Prioriterade områden", cells.text, example="Hamnar; kultur"),
            Column("next_review_on", "Nästa omprövning", cells.date, example="2027-06-30", help="ÅÅÅÅ-MM-DD"),
        ],
        data=dict,
        name_column="city",
        duplicates=lambda cleaned: CityRelation.objects.filter(
            city__iexact=cleaned["city"], country=cleaned["country"], kind=cleaned["kind"]
        ),
        duplicate_column="city",
        identity=lambda cleaned: (cleaned["city"].casefold(), cleaned["country"], cleaned["kind"]),
    )
)
