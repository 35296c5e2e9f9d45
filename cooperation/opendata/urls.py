from django.urls import path

from . import views
from .datasets import DATASETS

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("en/", views.index, {"language": "en"}, name="index_en"),
    path("falt/", views.fields, name="fields"),
    path("en/fields/", views.fields, {"language": "en"}, name="fields_en"),
    path("katalog.rdf", views.catalogue_rdf, name="catalogue_rdf"),
    path("katalog.ttl", views.catalogue_ttl, name="catalogue_ttl"),
]
# One address per dataset and format: /oppna-data/stadsrelationer.json …
for dataset in DATASETS:
    urlpatterns += [
        path(f"{dataset.slug}.json", views.data_json, {"key": dataset.key}, name=f"{dataset.key}_json"),
        path(f"{dataset.slug}.csv", views.data_csv, {"key": dataset.key}, name=f"{dataset.key}_csv"),
    ]
