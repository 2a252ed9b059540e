"""Feeds of the Q&A column (written with the Q&A public pages)."""

app_name = "qa-feeds"
urlpatterns: list = []
