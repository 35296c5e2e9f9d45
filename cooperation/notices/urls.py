from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.NoticeListView.as_view(), name="notice_list"),
    path("ny/", views.NoticeEditView.as_view(), name="notice_add"),
    path("<int:pk>/", views.NoticeDetailView.as_view(), name="notice_detail"),
    path("<int:pk>/steg/", views.NoticeMoveView.as_view(), name="notice_move"),
    path("<int:pk>/ta/", views.NoticeAssignView.as_view(), name="notice_assign"),
    path("bilagor/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("synergier/", views.OverlapListView.as_view(), name="overlap_list"),
    path("synergier/<int:pk>/", views.OverlapDetailView.as_view(), name="overlap_detail"),
]
