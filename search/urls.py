from django.urls import path

from search.views import search, suggestions

urlpatterns = [
    path("tim-kiem/", search, name="search"),
    path("tim-kiem/goi-y/", suggestions, name="search_suggestions"),
]
