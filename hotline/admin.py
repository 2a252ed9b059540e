from django.contrib import admin

from hotline.models import HotlineLine, InboundEmail, QAEntry, Ticket

admin.site.register(HotlineLine)
admin.site.register(Ticket)
admin.site.register(QAEntry)
admin.site.register(InboundEmail)
