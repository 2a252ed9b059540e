"""The portal's own settings, with a URLconf that adds the baseline view (bench only)."""

from camau_exam_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.news.urls"
