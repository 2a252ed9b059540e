"""The fixtures the fuzzed forms need, borrowed from the tests of each app's pages."""

from tests.hotline.public.conftest import make_ticket  # noqa: F401 (fixtures)
from tests.pressroom.public.conftest import make_briefing, morning  # noqa: F401
from tests.reports.site.conftest import clock, site_a_user  # noqa: F401
from tests.reports.submit.conftest import registrations, session, standing, submit  # noqa: F401
