from django.utils.functional import SimpleLazyObject

from core.models import SiteInfo
from exams.selectors import current_exam


def portal(request):
    """What the base layout shows on every page: the agency (footer) and the current exam (title)."""
    return {
        "site_info": SimpleLazyObject(SiteInfo.load),
        "current_exam": SimpleLazyObject(current_exam),
    }
