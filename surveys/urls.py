"""URL routes of this app (none yet)."""

urlpatterns = []
