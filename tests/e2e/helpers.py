"""What the browser tests share: logging in, the phone-width check and the axe-core check."""

from __future__ import annotations

import pytest

PASSWORD = "mat-khau-thu-nghiem"


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


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def assert_no_horizontal_scroll(page) -> None:
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
