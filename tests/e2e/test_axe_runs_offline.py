"""The accessibility checker itself: axe-core runs from the copy bundled with axe-playwright-python,
fetches nothing, and needs no hole in the page's Content-Security-Policy."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

RECORD_CSP_VIOLATIONS = (
    "window.__cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def test_axe_core_runs_offline_under_the_pages_csp(page, portal, demo_data, console_errors):
    server = urlsplit(portal.url).netloc
    outside: list[str] = []

    def only_the_live_server(route):
        if urlsplit(route.request.url).netloc == server:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_live_server)
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(portal.url + "/")

    results = Axe().run(page)

    assert results.response["testEngine"]["name"] == "axe-core"
    assert page.evaluate("typeof window.axe") == "object"
    assert outside == []
    assert page.evaluate("window.__cspViolations") == []
    assert console_errors == []

    # The policy was in force all along (no bypass_csp in the context): an inline script is refused.
    page.evaluate(
        "document.body.appendChild(Object.assign(document.createElement('script'),"
        " {textContent: 'window.__inline = true'}))"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__inline") is None
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
