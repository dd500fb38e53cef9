"""The citizen reads on the portal exactly what the officer's act recorded.

Every act that tells the citizen something — accept, supplement (at reception and while
processing), refuse, apology and new date, result, reasoned refusal, withdrawal, stop —
is done at a real desk through its services, synced to a real portal process, and the
citizen-facing view of the portal is compared with the acts' recorded notices word for word.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.appointments import ReappointmentRules
from desktop.core.calendar import OFFICE_TZ
from desktop.core.checks import PaperCheck, PaperVerdict
from desktop.core.lifecycle import Act
from desktop.services import dossiers as acts
from desktop.services import processing, reception
from desktop.services.accounts import login
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.settings import set_reappointment_rules
from desktop.store.models import ActRow, Dossier
from sync.client.engine import SyncEngine
from sync.portal.demo import submit_demo
from sync.portal.service import citizen_act, citizen_view
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk

# The acts whose point is to tell the citizen something.
TELLING = {Act.ACCEPT, Act.REQUEST_SUPPLEMENT, Act.REFUSE, Act.REAPPOINT, Act.RECORD_RESULT,
           Act.DENY, Act.WITHDRAW, Act.STOP}  # fmt: skip
SIGNER = "Nguyễn Thị Hồng Nhung"


def test_the_portal_shows_the_words_the_desk_recorded(
    portal: PortalProcess, tmp_path: Path
) -> None:
    db = portal.database()
    submit_demo(db, 12, OFFICE, seed=5)
    db.dispose()
    clock = ManualClock(datetime(2026, 11, 30, 8, 0, tzinfo=OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.read() as s:
        ids = sorted(s.scalars(select(Dossier.id)))

    def papers(dossier_id: str, missing: bool = False) -> list[PaperCheck]:
        checklist = dossier_detail(desk, officer, dossier_id).checklist
        return [PaperCheck(c.position, c.name,
                           PaperVerdict.MISSING if missing and n == 0 else PaperVerdict.PRESENT)
                for n, c in enumerate(checklist)]  # fmt: skip

    accepted = ids[:7]
    for dossier_id in accepted:
        reception.accept_checked(desk, officer, dossier_id, papers(dossier_id))
        clock.now = clock.now.replace(minute=clock.now.minute + 1)
    reception.request_supplement_checked(desk, officer, ids[7], papers(ids[7], missing=True),
                                         "Thiếu giấy tờ theo quy định")  # fmt: skip
    reception.refuse_checked(desk, officer, ids[8], "Không thuộc thẩm quyền", papers(ids[8]))
    acts.withdraw_dossier(desk, officer, ids[9], "Công dân xin rút tại quầy")
    processing.hand_over_batch(desk, officer, accepted[:6], "Phòng Tư pháp", "Vàng Văn Sáng")
    processing.record_result_document(desk, officer, accepted[0], "012/QĐ-UBND")
    processing.deny_with_document(desk, officer, accepted[1], "Không đủ điều kiện",
                                  "013/TB-UBND", SIGNER)  # fmt: skip
    acts.stop_processing(desk, officer, accepted[2], "Cơ quan có thẩm quyền yêu cầu dừng")
    name = dossier_detail(desk, officer, accepted[3]).checklist[0].name
    processing.request_supplement_in_processing(
        desk, officer, accepted[3], [acts.PaperProblem(name, "wrong", "Bản chụp mờ")],
        "Phòng chuyên môn cần bản rõ hơn")  # fmt: skip
    # The apology goes out before the due moment (the rule); none of the lead days the
    # desk asks by default, since a "trong ngày" dossier is due this very afternoon.
    with desk.store.write() as s:
        set_reappointment_rules(s, ReappointmentRules(min_lead_working_days=0))
        due = s.get(Dossier, accepted[4])
        assert due is not None and due.due_date is not None
        new_date = desk.calendar.nth_working_day_after(due.due_date, 3)
    acts.reappoint(desk, officer, accepted[4], "Chờ ý kiến cơ quan phối hợp", new_date)
    acts.withdraw_dossier(desk, officer, accepted[5], "")  # no reason given: still told
    report = SyncEngine(desk).sync_once()
    assert report.rejected == 0 and report.conflicts == 0

    # The citizen withdraws one online: the portal confirms it, in the office's words; a
    # "notice" the citizen typed is not one.
    db = portal.database()
    with db.transaction() as s:
        citizen_act(s, ids[10], Act.WITHDRAW, {"reason": "Đã nộp nơi khác",
                                               "notice": "Tự viết lấy"})  # fmt: skip
    with desk.store.read() as s:
        told: dict[str, tuple[str, str, str]] = {}
        kinds: set[Act] = set()
        for row in s.scalars(select(ActRow).where(ActRow.act.in_([a.value for a in TELLING]))):
            notice = row.payload.get("notice", "")
            assert notice.strip(), f"{row.act} recorded no notice for the citizen"
            told[row.act_id] = (row.dossier_id, row.act, notice)
            kinds.add(Act(row.act))
    assert kinds == TELLING
    with db.reading() as s:
        views: dict[str, dict[str, Any]] = {d: citizen_view(s, d) for d in ids}
    db.dispose()

    shown = {n["act_id"]: (dossier_id, n["kind"], n["text"])
             for dossier_id, view in views.items() for n in view["notices"]}  # fmt: skip
    online = [n for n in views[ids[10]]["notices"] if n["act_id"] not in told]
    assert shown == {**told, **{n["act_id"]: (ids[10], n["kind"], n["text"]) for n in online}}
    (confirmation,) = online
    assert "rút hồ sơ" in confirmation["text"] and "Tự viết" not in confirmation["text"]
    denied = next(t for _d, act, t in told.values() if act == Act.DENY.value)
    assert "013/TB-UBND" in denied and SIGNER in denied
    assert views[accepted[2]]["status"] == 8 and views[ids[9]]["status"] == 7
    # No raw ISO date reaches the citizen: appointments are said as the desk says them.
    assert not any("2026-" in n["text"] for v in views.values() for n in v["notices"])
