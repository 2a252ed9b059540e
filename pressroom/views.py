"""Public pages of the press room: /bao-chi/, a release and its private pre-embargo link, a
release's files, a briefing with its registration form and its .ics.

Caching: /bao-chi/ and a release's public page go through the public page cache. /bao-chi/ also
changes by time alone (an embargo ends, a briefing ends and becomes past): its cached copy is
dropped at that moment (`_dropped_at_next_change`), without waiting for the beat. A release under
embargo is a 404 there, and a 404 is never cached. Never in the page cache: the private link (a
secret in the address), a release's files and a briefing's page (it carries a CSRF token and,
after a post, what a reporter typed).
"""

from __future__ import annotations

import hmac
import logging
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import ratelimit
from core.forms import HONEYPOT_FIELD
from core.http import client_ip, stored_file_response
from core.pagecache import bump_public_version, cache_public_page
from core.uploads import CONTENT_TYPES, KIND_LABELS, safe_original_name
from pressroom.forms import RegistrationForm
from pressroom.ics import briefing_calendar
from pressroom.models import (
    BriefingStatus,
    MediaKitItem,
    MediaOutlet,
    PressBriefing,
    PressRelease,
    ReleaseAttachment,
    ReleaseStatus,
    Spokesperson,
)
from pressroom.services.registrations import briefing_register

logger = logging.getLogger(__name__)

# When /bao-chi/ next changes by time alone (a POSIX timestamp), shared by every process.
NEXT_CHANGE_KEY = "pressroom:index-next-change"
REGISTRATION_SCOPE = "press-registration"
# Per client address: a newsroom behind one address registers its few reporters; a robot trying
# addresses one after another is held back.
REGISTRATION_RATE_LIMIT = 10
REGISTRATION_RATE_WINDOW = 600
# The downloaded file is never run as a page of the portal (as documents/downloads.py).
TYPE_LABELS = {CONTENT_TYPES[kind]: label for kind, label in KIND_LABELS.items()}

RATE_LIMITED = (
    "Địa chỉ mạng của anh/chị đã gửi đăng ký quá nhiều lần trong ít phút. Đăng ký chưa được "
    "gửi. Xin chờ khoảng {minutes} phút rồi gửi lại, hoặc liên hệ đầu mối báo chí của Sở theo "
    "thông tin trên trang này."
)
REFUSED = (
    "Không gửi được biểu mẫu. Đăng ký chưa được gửi. Xin thử lại, hoặc liên hệ đầu mối báo chí "
    "của Sở theo thông tin trên trang này."
)


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def _labelled(files) -> list:
    """Checked files with the name of their kind, as readers are told it ("PDF", "Word (.docx)")."""
    files = list(files)
    for item in files:
        item.type_label = TYPE_LABELS.get(item.content_type, "Tệp")
    return files


def _contact(person: Spokesperson | None) -> Spokesperson | None:
    """The press contact with the digits of a tel: link (people write 0123 456 789)."""
    if person is not None:
        person.phone_uri = "".join(c for c in person.phone if c.isdigit() or c == "+")
    return person


def _default_spokesperson() -> Spokesperson | None:
    return _contact(Spokesperson.objects.filter(is_default=True).first())


def _dropped_at_next_change(view):
    """The public page cache for a page that changes by time alone: a reader after the moment
    stored under NEXT_CHANGE_KEY bumps the public version, so the next page is drawn afresh."""
    cached_view = cache_public_page(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            due = cache.get(NEXT_CHANGE_KEY)
            if due is not None and due < timezone.now().timestamp():
                cache.delete(NEXT_CHANGE_KEY)
                bump_public_version()
        except Exception as error:  # the cache is down: nothing cached to drop, render as usual
            logger.warning("Cache unavailable for the press room's next change (%s).", error)
        return cached_view(request, *args, **kwargs)

    return wrapper


def _remember_next_change(now) -> None:
    """The next embargo to end, or the next announced briefing to end, whichever comes first."""
    moments = [
        PressRelease.objects.filter(status=ReleaseStatus.APPROVED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first(),
        PressBriefing.objects.upcoming(now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first(),
    ]
    moments = [moment for moment in moments if moment is not None]
    try:
        if moments:
            cache.set(NEXT_CHANGE_KEY, min(moments).timestamp(), timeout=None)
        else:
            cache.delete(NEXT_CHANGE_KEY)
    except Exception as error:  # the cache is down: pages are not cached either
        logger.warning("Cache unavailable for the press room's next change (%s).", error)


# --- /bao-chi/ ------------------------------------------------------------------------------------


@require_safe
@_dropped_at_next_change
def index(request):
    now = timezone.now()
    _remember_next_change(now)
    context = {
        "releases": PressRelease.objects.published(now).defer(
            "body", "search_text", "search_vector"
        ),
        "upcoming": PressBriefing.objects.upcoming(now),
        "past": PressBriefing.objects.past(now),
        "spokesperson": _default_spokesperson(),
        "media_kit": _labelled(MediaKitItem.objects.filter(is_published=True)),
    }
    return render(request, "pressroom/index.html", context)


# --- a release ------------------------------------------------------------------------------------


def _was_public(release: PressRelease) -> bool:
    """Whether readers could see a release at some time: it was distributed at its embargo, or a
    saved version of it was approved with an embargo that ended before the next change."""
    if release.distributed_at is not None:
        return True
    versions = list(
        release.history.order_by("history_date", "history_id").values_list(
            "status", "publish_at", "history_date"
        )
    )
    if not versions:
        return False
    ends = [saved for _status, _publish_at, saved in versions[1:]] + [timezone.now()]
    return any(
        status == ReleaseStatus.APPROVED and publish_at < ended
        for (status, publish_at, _saved), ended in zip(versions, ends, strict=True)
    )


def _release_context(release: PressRelease, **extra) -> dict:
    return {
        "release": release,
        "attachments": _labelled(release.attachments.all()),
        "corrections": release.corrections.all(),
        "spokesperson": _contact(release.spokesperson) or _default_spokesperson(),
        **extra,
    }


@require_safe
@cache_public_page
def release_detail(request, slug: str):
    """A public release; a withdrawn one that was public keeps its page, with a notice and
    without its text. Drafts, releases under embargo and never-public ones are 404."""
    release = get_object_or_404(PressRelease.objects.select_related("spokesperson"), slug=slug)
    withdrawn = release.status == ReleaseStatus.WITHDRAWN
    if not release.is_public and not (withdrawn and _was_public(release)):
        raise Http404
    return render(
        request,
        "pressroom/pressrelease_detail.html",
        _release_context(release, withdrawn=withdrawn),
    )


def _outlet_with_token(token: str) -> MediaOutlet | None:
    """The active outlet whose private token this is. Every token is compared in constant time,
    and all of them: neither a database index nor an early exit tells how much of a guess was
    right. An outlet no longer contacted (inactive) loses its link."""
    given = token.encode()
    found = None
    for outlet in MediaOutlet.objects.filter(is_active=True).only("pk", "name", "token"):
        if hmac.compare_digest(outlet.token.encode(), given):
            found = outlet
    return found


def _private(response: HttpResponse) -> HttpResponse:
    """A page reached through a secret in its address: never stored, never indexed, and the
    address is never sent to another site as a Referer."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def release_embargoed(request, slug: str, token: str):
    """An outlet's private link: the release before its embargo ends, with a banner; the public
    page afterwards. A wrong token is a 404 whatever the release, so it tells nothing."""
    release = get_object_or_404(PressRelease.objects.select_related("spokesperson"), slug=slug)
    outlet = _outlet_with_token(token)
    if outlet is None:
        raise Http404
    if release.is_public or (release.status == ReleaseStatus.WITHDRAWN and _was_public(release)):
        return _private(redirect(release.get_absolute_url()))
    if not release.is_under_embargo:
        raise Http404
    context = _release_context(release, embargoed=True, outlet=outlet, token=token)
    return _private(render(request, "pressroom/pressrelease_detail.html", context))


@require_safe
def release_file(request, pk: int):
    """A release's file: to anyone once the release is public; before that to staff who may view
    releases, and to outlets through their private link's `?khoa=<token>`; a 404 for everybody
    else (no log-in redirect: the address says nothing about what exists)."""
    attachment = get_object_or_404(ReleaseAttachment.objects.select_related("release"), pk=pk)
    release = attachment.release
    public = release.is_public
    if not public and not request.user.has_perm("pressroom.view_pressrelease"):
        token = request.GET.get("khoa", "")
        if not (release.is_under_embargo and token and _outlet_with_token(token)):
            raise Http404
    return stored_file_response(
        attachment.file,
        filename=safe_original_name(attachment.original_name or "tep"),
        content_type=attachment.content_type,
        private=not public,
    )


# --- a briefing -----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def briefing_detail(request, slug: str):
    """An announced briefing (a planned one is a 404) and its registration form: a registration
    is stored by the service, then the reporter is sent back here with a message (PRG)."""
    briefing = get_object_or_404(PressBriefing.objects.public(), slug=slug)
    if request.method != "POST":
        return _briefing_page(request, briefing, RegistrationForm())
    allowed = ratelimit.hit(
        scope=REGISTRATION_SCOPE,
        client=client_ip(request),
        limit=REGISTRATION_RATE_LIMIT,
        window=REGISTRATION_RATE_WINDOW,
    )
    if not allowed:
        response = _briefing_page(
            request,
            briefing,
            RegistrationForm.unchecked(request.POST),
            status=429,
            refusal=RATE_LIMITED.format(minutes=_minutes(REGISTRATION_RATE_WINDOW)),
        )
        response["Retry-After"] = str(REGISTRATION_RATE_WINDOW)
        return response
    if request.POST.get(HONEYPOT_FIELD):
        # Neutral: a robot learns nothing; a person whose browser filled the hidden field keeps
        # what they typed and can send it again.
        return _briefing_page(
            request, briefing, RegistrationForm.unchecked(request.POST), status=400, refusal=REFUSED
        )

    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _briefing_page(request, briefing, form, status=400)
    try:
        registration = briefing_register(briefing=briefing, **form.registration())
    except ValidationError as error:
        if hasattr(error, "error_dict"):  # about what was typed: shown at its field
            form.add_service_error(error)
            return _briefing_page(request, briefing, form, status=400)
        # Full, or no longer open: the briefing's state, not the form, is in the way.
        return _briefing_page(
            request,
            briefing,
            RegistrationForm.unchecked(request.POST),
            status=409,
            refusal=" ".join(error.messages),
        )
    messages.success(
        request,
        f"Đã đăng ký dự họp báo cho {registration.name} ({registration.outlet}); thư xác nhận "
        f"đã được gửi tới {registration.email}.",
    )
    return redirect(briefing.get_absolute_url())


def _briefing_page(request, briefing, form, *, status=200, refusal=""):
    registered = briefing.registrations.count()
    context = {
        "briefing": briefing,
        "materials": _labelled(briefing.materials.all()),
        "is_open": briefing.is_open_for_registration,
        "seats_left": max(0, briefing.capacity - registered),
        "is_cancelled": briefing.status == BriefingStatus.CANCELLED,
        "is_postponed": briefing.status == BriefingStatus.POSTPONED,
        "is_held": briefing.status == BriefingStatus.HELD,
        "has_started": briefing.starts_at <= timezone.now(),
        "spokesperson": _default_spokesperson(),
        "form": form,
        "errors": form.error_summary() if form.is_bound else [],
        "refusal": refusal,
        "honeypot": form[HONEYPOT_FIELD],
    }
    return render(request, "pressroom/pressbriefing_detail.html", context, status=status)


@require_safe
def briefing_ics(request, slug: str):
    briefing = get_object_or_404(PressBriefing.objects.public(), slug=slug)
    response = HttpResponse(
        briefing_calendar(briefing, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hop-bao-{briefing.slug}.ics"'
    return response
