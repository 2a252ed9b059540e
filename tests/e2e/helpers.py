"""What the browser tests share: logging in, the phone-width check and the axe-core check."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from playwright.sync_api import expect

PASSWORD = "mat-khau-thu-nghiem"


class FewRoundsPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's pbkdf2_sha256 with few rounds, for users this process creates.

    The hash carries its number of rounds, so the stack checks it with its own default hasher,
    and stores a full-strength hash at the first log-in, as it would for an old account.
    """

    iterations = 1_000


def make_user(username: str, *, role: str, site=None):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    if site is not None:
        site.memberships.create(user=user)
    return user


def log_in(page, base_url: str, username: str, *, next_path: str = "") -> None:
    """Log in through the public form, as a person would."""
    url = f"{base_url}/dang-nhap/" + (f"?next={next_path}" if next_path else "")
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def authenticator_code(user) -> str:
    """What the staff member's authenticator app shows: the next code the portal accepts.

    A code is accepted once; a second log-in within the same 30 s takes the next step's code,
    which django-otp accepts from a phone whose clock runs one step ahead."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).latest("pk")
    now = int((time.time() - device.t0) // device.step)
    step = max(now, device.last_t + 1)
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits)
    generator.time = device.t0 + step * device.step + 1
    return f"{generator.token():06d}"


def log_in_to_admin(page, base_url: str, user, *, password: str = PASSWORD) -> None:
    """Log in to admin as a staff member, with the second factor production asks for.

    The member has an authenticator app (a confirmed TOTP device, made here if missing)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xác thực đăng nhập")).to_be_visible()
    page.get_by_label("Mã xác thực").fill(authenticator_code(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Xác thực").click()
    expect(page.get_by_role("heading", name="Bảng điều khiển")).to_be_visible()


def serve_media_as_nginx_does(page, portal) -> None:
    """Answer the page's requests for /media/ from the stack's MEDIA_ROOT, as nginx does.

    With DEBUG off Django serves no upload (docs/deploy.md: nginx does), so without this a picture
    just uploaded into CKEditor turns from its preview into a broken image, and the editor's
    layout (and every balloon placed against the picture) jumps under the test's next click."""
    from urllib.parse import unquote, urlsplit

    root = portal.media_root.resolve()

    def answer(route) -> None:
        path = unquote(urlsplit(route.request.url).path).removeprefix("/media/")
        file = (root / path).resolve()
        if file.is_relative_to(root) and file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(status=404)

    page.route(f"{portal.url}/media/**", answer)


def ckeditor(page, field_id: str = "id_body"):
    """The editing area of the CKEditor that replaced the textarea `field_id`, once it is ready.

    The editing area shows before the editor has finished starting, and django-ckeditor-5 copies
    what is typed into the form's textarea only from then on: it registers the editor in
    `window.editors` at that moment, which is the state waited for."""
    page.wait_for_function("(id) => Boolean(window.editors && window.editors[id])", arg=field_id)
    # CKEditor puts its interface right after the textarea it hides.
    editable = page.locator(f"#{field_id} + .ck-editor .ck-editor__editable")
    expect(editable).to_be_visible()
    return editable


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def wait_for_mail(sink, matches, *, timeout: float) -> list:
    """The messages that `matches` (a predicate), once at least one has reached the SMTP sink.

    Mail leaves through the Celery worker, outside the browser: this waits on the sink's own
    condition (no sleeping), for as many messages as it takes, and fails the test after `timeout`.
    """
    deadline = time.monotonic() + timeout
    count = 1
    while True:
        messages = sink.wait_for(count, timeout=max(0.0, deadline - time.monotonic()))
        found = [message for message in messages if matches(message)]
        if found:
            return found
        count = len(messages) + 1


def assert_no_horizontal_scroll(page) -> None:
    # A click that navigates returns once the new page starts loading: measure it loaded, with
    # its style sheets applied.
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    actual = scroll_width(page)
    if actual > width:
        wide = page.evaluate(
            """(width) => Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 10)
                .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""",
            width,
        )
        pytest.fail(
            f"{page.url}: the page is {actual}px wide on a {width}px screen; too wide: {wide}"
        )


def assert_no_axe_violations(page, *, context=None, options=None) -> None:
    """Run axe-core (all rules it enables by default) on the page; fail listing every violation.

    axe-playwright-python evaluates its bundled axe.min.js through the DevTools protocol, which the
    page's Content-Security-Policy does not apply to, and axe fetches nothing: it runs offline and
    the policy stays on (tests/e2e/test_axe_runs_offline.py checks both).
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")  # as above: check the page loaded, not half of it
    kwargs = {} if options is None else {"options": options}
    results = Axe().run(page, context=context, **kwargs)
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"{page.url}: {len(violations)} axe-core violation(s)"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    pytest.fail("\n".join(lines), pytrace=False)
