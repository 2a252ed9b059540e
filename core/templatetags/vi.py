"""Template filters for Vietnamese dates and figures: {{ value|ngay }}, {{ value|ngay_dai }},
{{ value|thu }}, {{ value|ngay_gio }}, {{ count|so }} (11.318), {{ rate|phan_tram }} (99,75 %)."""

from django import template

from core import vietnamese

register = template.Library()

register.filter("ngay", vietnamese.format_date)
register.filter("ngay_dai", vietnamese.format_date_long)
register.filter("thu", vietnamese.format_weekday)
register.filter("ngay_gio", vietnamese.format_datetime)
register.filter("so", vietnamese.format_count)
register.filter("phan_tram", vietnamese.format_rate)
