import pytest
from django.test import Client

from camau_exam_portal.demo import seed_site_info
from exams.demo import seed_exam

PUBLIC_SECTIONS = {
    "/": "Kỳ thi tốt nghiệp THPT năm 2020",
    "/lich-thi/": "Lịch thi",
    "/tin-tuc/": "Tin tức",
    "/van-ban/": "Văn bản chỉ đạo",
    "/hoi-dap/": "Hỏi đáp",
    "/duong-day-nong/": "Đường dây nóng",
    "/duong-day-nong/tra-cuu/": "Tra cứu",
    "/bao-chi/": "báo chí",
    "/tim-kiem/": "Tìm kiếm",
    "/dang-nhap/": "Đăng nhập",
}


@pytest.fixture
def demo(db):
    exam = seed_exam()
    seed_site_info()
    return exam


@pytest.mark.parametrize(("path", "heading"), PUBLIC_SECTIONS.items())
def test_every_public_section_answers_in_vietnamese(client, demo, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert heading in page


def test_navigation_links_to_every_section_of_the_url_map(client, demo):
    page = client.get("/").content.decode()
    for path in [
        "/tin-tuc/",
        "/van-ban/",
        "/lich-thi/",
        "/hoi-dap/",
        "/duong-day-nong/",
        "/bao-chi/",
    ]:
        assert f'href="{path}"' in page


def test_home_page_shows_the_exam_calendar_with_vietnamese_dates(client, demo):
    page = client.get("/").content.decode()
    assert "Chủ nhật, 9/8/2020" in page
    assert "Ngữ văn" in page and "Toán" in page
    assert "ngày 8 tháng 8 năm 2020" in page


def test_footer_shows_the_agency_and_hotline_from_editable_data(client, demo):
    from core.models import SiteInfo

    info = SiteInfo.objects.get()
    info.hotline_phone = "0123 000 111"
    info.responsible_person = "Trần Thị Thử"
    info.save()
    page = client.get("/").content.decode()
    assert "0123 000 111" in page
    assert "Trần Thị Thử" in page
    assert "Sở Giáo dục và Đào tạo tỉnh Cà Mau" in page


def test_the_calendar_marks_unconfirmed_times(client, demo):
    page = client.get("/lich-thi/").content.decode()
    assert "dự kiến" in page
    assert "Đợt 2" in page


def test_unknown_page_is_a_vietnamese_404(client, demo):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_vietnamese_and_needs_no_database(db, settings):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page and 'lang="vi"' in page


def test_csrf_failure_page_is_vietnamese(db, demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    # Django uses the 403_csrf.html template when it exists.
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    for path in ["/admin/", "/diem-thi/", "/ban-chi-dao/"]:
        assert f"Disallow: {path}" in body
    assert "Sitemap: " in body


def test_pages_carry_the_security_headers(client, demo):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_allows_inline_styles_for_its_editor_only(admin_client):
    assert "'unsafe-inline'" in admin_client.get("/admin/")["Content-Security-Policy"]


def test_assets_are_served_locally(client, demo):
    page = client.get("/").content.decode()
    assert "http://" not in page.split("<body>")[0].replace("http://testserver", "")
    assert "https://" not in page.split("<body>")[0]
