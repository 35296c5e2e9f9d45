from django.urls import path

from . import views

app_name = "steering"
urlpatterns = [
    path("positionspapper/", views.PositionPaperListView.as_view(), name="positionpaper_list"),
    path("positionspapper/nytt/", views.PositionPaperEditView.as_view(), name="positionpaper_add"),
    path("positionspapper/<int:pk>/", views.PositionPaperDetailView.as_view(), name="positionpaper_detail"),
    path("positionspapper/<int:pk>/andra/", views.PositionPaperEditView.as_view(), name="positionpaper_edit"),
    path("positionspapper/<int:pk>/ta-bort/", views.PositionPaperDeleteView.as_view(), name="positionpaper_delete"),
    path("positionspapper/<int:pk>/nytt-utkast/", views.StartDraftView.as_view(), name="positionpaper_draft"),
    path("versioner/<int:pk>/", views.VersionDetailView.as_view(), name="positionpaperversion_detail"),
    path("versioner/<int:pk>/andra/", views.VersionEditView.as_view(), name="positionpaperversion_edit"),
    path("versioner/<int:pk>/jamfor/", views.VersionCompareView.as_view(), name="positionpaperversion_compare"),
    path("versioner/<int:pk>/pdf/", views.VersionPdfView.as_view(), name="positionpaperversion_pdf"),
    path("versioner/<int:pk>/anta/", views.AdoptView.as_view(), name="positionpaperversion_adopt"),
    path("handlingsplaner/", views.ActionPlanListView.as_view(), name="actionplan_list"),
    path("handlingsplaner/ny/", views.ActionPlanEditView.as_view(), name="actionplan_add"),
    path("handlingsplaner/<int:pk>/", views.ActionPlanDetailView.as_view(), name="actionplan_detail"),
    path("handlingsplaner/<int:pk>/andra/", views.ActionPlanEditView.as_view(), name="actionplan_edit"),
    path("handlingsplaner/<int:pk>/ta-bort/", views.ActionPlanDeleteView.as_view(), name="actionplan_delete"),
    path("utvarderingar/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("utvarderingar/ny/", views.EvaluationEditView.as_view(), name="evaluation_add"),
    path("utvarderingar/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("utvarderingar/<int:pk>/andra/", views.EvaluationEditView.as_view(), name="evaluation_edit"),
    path("utvarderingar/<int:pk>/ta-bort/", views.EvaluationDeleteView.as_view(), name="evaluation_delete"),
    path("policy/", views.PolicyListView.as_view(), name="policy_list"),
    path("policy/ny/", views.PolicyEditView.as_view(), name="policy_add"),
    path("policy/<int:pk>/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("policy/<int:pk>/andra/", views.PolicyEditView.as_view(), name="policy_edit"),
]
