"""Demo data of the 2020 exam (DOMAIN.md). Idempotent: every row is found by its natural key.

The calendar and the Cà Mau totals (9,658 registered, 17 sites, C15 at THPT Phan Ngọc Hiển with 661
candidates) come from public reports; the other sites' names and figures are illustrative.
"""

from __future__ import annotations

import datetime as dt
import math

from exams.models import (
    Component,
    District,
    Exam,
    ExamSite,
    ExamTest,
    Paper,
    Period,
    Round,
    Session,
    SessionKind,
    SiteSession,
)

D = dt.date
T = dt.time

# (date, period, kind, title, start, duration, times confirmed, papers)
ROUND_1 = [
    (
        D(2020, 8, 8),
        Period.AFTERNOON,
        SessionKind.PROCEDURES,
        "Làm thủ tục dự thi",
        T(14, 0),
        120,
        True,
        [],
    ),
    (
        D(2020, 8, 9),
        Period.MORNING,
        SessionKind.EXAM,
        "Ngữ văn",
        T(7, 35),
        120,
        False,
        [(ExamTest.LITERATURE, "", T(7, 35), 120)],
    ),
    (
        D(2020, 8, 9),
        Period.AFTERNOON,
        SessionKind.EXAM,
        "Toán",
        T(14, 30),
        90,
        False,
        [(ExamTest.MATHEMATICS, "", T(14, 30), 90)],
    ),
    (
        D(2020, 8, 10),
        Period.MORNING,
        SessionKind.EXAM,
        "Khoa học tự nhiên, Khoa học xã hội",
        T(7, 35),
        190,
        False,
        [
            (ExamTest.NATURAL_SCIENCES, Component.PHYSICS, T(7, 35), 50),
            (ExamTest.NATURAL_SCIENCES, Component.CHEMISTRY, T(8, 45), 50),
            (ExamTest.NATURAL_SCIENCES, Component.BIOLOGY, T(9, 55), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.HISTORY, T(7, 35), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.GEOGRAPHY, T(8, 45), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.CIVICS, T(9, 55), 50),
        ],
    ),
    (
        D(2020, 8, 10),
        Period.AFTERNOON,
        SessionKind.EXAM,
        "Ngoại ngữ",
        T(14, 30),
        60,
        False,
        [(ExamTest.FOREIGN_LANGUAGE, "", T(14, 30), 60)],
    ),
    (D(2020, 8, 11), Period.MORNING, SessionKind.RESERVE, "Dự phòng", T(7, 30), 180, False, []),
]

# Round 2 (Công văn 2873/BGDĐT-QLCL): candidates in quarantine, 3-4/9/2020; times not confirmed.
ROUND_2 = [
    (
        D(2020, 9, 3),
        Period.MORNING,
        SessionKind.EXAM,
        "Ngữ văn",
        T(7, 35),
        120,
        False,
        [(ExamTest.LITERATURE, "", T(7, 35), 120)],
    ),
    (
        D(2020, 9, 3),
        Period.AFTERNOON,
        SessionKind.EXAM,
        "Toán",
        T(14, 30),
        90,
        False,
        [(ExamTest.MATHEMATICS, "", T(14, 30), 90)],
    ),
    (
        D(2020, 9, 4),
        Period.MORNING,
        SessionKind.EXAM,
        "Khoa học tự nhiên, Khoa học xã hội",
        T(7, 35),
        190,
        False,
        [
            (ExamTest.NATURAL_SCIENCES, Component.PHYSICS, T(7, 35), 50),
            (ExamTest.NATURAL_SCIENCES, Component.CHEMISTRY, T(8, 45), 50),
            (ExamTest.NATURAL_SCIENCES, Component.BIOLOGY, T(9, 55), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.HISTORY, T(7, 35), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.GEOGRAPHY, T(8, 45), 50),
            (ExamTest.SOCIAL_SCIENCES, Component.CIVICS, T(9, 55), 50),
        ],
    ),
    (
        D(2020, 9, 4),
        Period.AFTERNOON,
        SessionKind.EXAM,
        "Ngoại ngữ",
        T(14, 30),
        60,
        False,
        [(ExamTest.FOREIGN_LANGUAGE, "", T(14, 30), 60)],
    ),
]

# (code, name, district, registered candidates in round 1). 17 sites, 9,658 candidates in all.
SITES = [
    ("C01", "Trường THPT Cà Mau", District.CA_MAU, 720),
    ("C02", "Trường THPT Hồ Thị Kỷ", District.CA_MAU, 700),
    ("C03", "Trường THPT Chuyên Phan Ngọc Hiển", District.CA_MAU, 680),
    ("C04", "Trường THPT Nguyễn Việt Khái", District.CA_MAU, 690),
    ("C05", "Trường THPT Tắc Vân", District.CA_MAU, 610),
    ("C06", "Trường THCS-THPT Lý Văn Lâm", District.CA_MAU, 640),
    ("C07", "Trường THPT Thới Bình", District.THOI_BINH, 560),
    ("C08", "Trường THPT Tân Bằng", District.THOI_BINH, 420),
    ("C09", "Trường THPT U Minh", District.U_MINH, 470),
    ("C10", "Trường THPT Trần Văn Thời", District.TRAN_VAN_THOI, 540),
    ("C11", "Trường THPT Sông Đốc", District.TRAN_VAN_THOI, 430),
    ("C12", "Trường THPT Cái Nước", District.CAI_NUOC, 520),
    ("C13", "Trường THPT Đầm Dơi", District.DAM_DOI, 560),
    ("C14", "Trường THPT Thái Thanh Hòa", District.DAM_DOI, 390),
    ("C15", "Trường THPT Phan Ngọc Hiển", District.NAM_CAN, 661),
    ("C16", "Trường THPT Phú Tân", District.PHU_TAN, 547),
    ("C17", "Trường THPT Viên An", District.NGOC_HIEN, 520),
]
ROUND_2_CANDIDATES = 6
RESERVE_SITE = ("C18", "Điểm thi dự phòng — Trường THPT Cà Mau (cơ sở 2)", District.CA_MAU)
C15_SCHOOLS = "THPT Phan Ngọc Hiển; THCS-THPT Tân Đức; Trung tâm GDNN-GDTX huyện Năm Căn"
CANDIDATES_PER_ROOM = 24


def seed_exam() -> Exam:
    exam, _ = Exam.objects.update_or_create(
        year=2020,
        defaults={
            "title": "Kỳ thi tốt nghiệp THPT năm 2020",
            "start_date": D(2020, 8, 8),
            "end_date": D(2020, 9, 4),
            "results_date": D(2020, 8, 27),
            "is_current": True,
        },
    )
    Exam.objects.exclude(pk=exam.pk).filter(is_current=True).update(is_current=False)
    round_1, _ = Round.objects.update_or_create(exam=exam, number=1, defaults={"name": "Đợt 1"})
    round_2, _ = Round.objects.update_or_create(
        exam=exam,
        number=2,
        defaults={
            "name": "Đợt 2",
            "note": "Dành cho thí sinh đang cách ly (F1, F2) theo Công văn 2873/BGDĐT-QLCL ngày 3/8/2020.",
        },
    )
    for exam_round, rows in ((round_1, ROUND_1), (round_2, ROUND_2)):
        for date, period, kind, title, start, duration, confirmed, papers in rows:
            session, _ = Session.objects.update_or_create(
                round=exam_round,
                date=date,
                period=period,
                defaults={
                    "kind": kind,
                    "title": title,
                    "start_time": start,
                    "duration_minutes": duration,
                    "times_confirmed": confirmed,
                },
            )
            for test, component, paper_start, paper_minutes in papers:
                Paper.objects.update_or_create(
                    session=session,
                    test=test,
                    component=component,
                    defaults={"start_time": paper_start, "duration_minutes": paper_minutes},
                )
    _seed_sites(exam, round_1, round_2)
    return exam


def _seed_sites(exam: Exam, round_1: Round, round_2: Round) -> None:
    sessions = list(round_1.sessions.exclude(kind=SessionKind.RESERVE))
    for code, name, district, registered in SITES:
        site, _ = ExamSite.objects.update_or_create(
            exam=exam,
            code=code,
            defaults={
                "name": name,
                "district": district,
                "schools": C15_SCHOOLS if code == "C15" else name.removeprefix("Trường "),
            },
        )
        for session in sessions:
            SiteSession.objects.update_or_create(
                site=site,
                session=session,
                defaults={
                    "registered_candidates": registered,
                    "rooms": math.ceil(registered / CANDIDATES_PER_ROOM),
                },
            )
    code, name, district = RESERVE_SITE
    reserve, _ = ExamSite.objects.update_or_create(
        exam=exam, code=code, defaults={"name": name, "district": district, "is_reserve": True}
    )
    # Round 2 (candidates who were in quarantine) sits at the reserve site only; a handful of
    # candidates, illustrative.
    for session in round_2.sessions.filter(kind=SessionKind.EXAM):
        SiteSession.objects.update_or_create(
            site=reserve,
            session=session,
            defaults={"registered_candidates": ROUND_2_CANDIDATES, "rooms": 1},
        )
