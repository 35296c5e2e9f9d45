from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("", views.VisitListView.as_view(), name="visit_list"),
    path("nytt/", views.VisitEditView.as_view(), name="visit_add"),
    path("<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("<int:pk>/andra/", views.VisitEditView.as_view(), name="visit_edit"),
    path("<int:pk>/ta-bort/", views.VisitDeleteView.as_view(), name="visit_delete"),
    path("<int:pk>/kalender.ics", views.VisitCalendarFileView.as_view(), name="visit_calendar"),
    path("kalender/ny/", views.CalendarFeedAddView.as_view(), name="calendarfeed_add"),
    path("kalender/<int:pk>/fornya/", views.CalendarFeedRenewView.as_view(), name="calendarfeed_renew"),
    path("kalender/<int:pk>/aterkalla/", views.CalendarFeedRevokeView.as_view(), name="calendarfeed_revoke"),
    # The secret link calendar programs fetch without signing in (views.calendar_feed).
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
