from django.urls import path

from . import views
from .choices import ReportFormat

app_name = "reports"
urlpatterns = [
    path("", views.FollowUpListView.as_view(), name="followup_list"),
    path("oppna/", views.FollowUpOpenView.as_view(), name="followup_add"),
    path("<int:year>/", views.FollowUpDetailView.as_view(), name="followup_detail"),
    path("<int:year>/bedomning/", views.AssessmentView.as_view(), name="assessment_edit"),
    path("<int:year>/sammanstall/", views.CompileView.as_view(), name="followup_compile"),
    path("<int:year>/mottagen/", views.ReceiptView.as_view(), name="followup_receipt"),
    path("<int:year>/namnd/<int:body>/", views.CommitteeReportView.as_view(), name="committee_report"),
    path("uppgifter/<int:pk>/", views.UnitReportView.as_view(), name="unitreport_detail"),
    path("byggen/<int:pk>/", views.BuildDetailView.as_view(), name="reportbuild_detail"),
    *(
        path(f"versioner/<int:pk>/{kind}/", views.VersionFileView.as_view(kind=kind), name=f"version_{kind}")
        for kind in ReportFormat.values
    ),
]
