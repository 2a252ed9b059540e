from django.contrib import admin

from core.models import SiteInfo


@admin.register(SiteInfo)
class SiteInfoAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["agency_name", "parent_agency", "address", "phone", "email"]}),
        ("Người chịu trách nhiệm", {"fields": ["responsible_person", "responsible_title"]}),
        ("Đường dây nóng", {"fields": ["hotline_phone", "hotline_email", "hotline_hours"]}),
        ("Nhúng tin trên trang đối tác", {"fields": ["widget_partner_origins"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not SiteInfo.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
