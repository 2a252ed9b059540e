from django.urls import path

from hotline.views import qa, tickets

app_name = "hotline"
urlpatterns = [
    path("duong-day-nong/", tickets.contact, name="contact"),
    path("duong-day-nong/tra-cuu/", tickets.ticket_lookup, name="ticket-lookup"),
    path("duong-day-nong/tep/<int:pk>/", tickets.attachment_download, name="attachment"),
    path("hoi-dap/", qa.qa_list, name="qa-list"),
    path("hoi-dap/<slug:slug>/", qa.qa_detail, name="qa-detail"),
]
