"""Template filters for Vietnamese dates: {{ value|ngay }}, {{ value|ngay_dai }}, {{ value|thu }}."""

from django import template

from camau_exam_portal import vietnamese

register = template.Library()

register.filter("ngay", vietnamese.format_date)
register.filter("ngay_dai", vietnamese.format_date_long)
register.filter("thu", vietnamese.format_weekday)
register.filter("ngay_gio", vietnamese.format_datetime)
