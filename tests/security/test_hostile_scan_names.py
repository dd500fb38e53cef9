"""A hostile portal, or a man in the middle, names a paper's scan: the name is only ever a
path once it is a SHA-256 inside the desk's scans folder. The desk writes and deletes
nothing elsewhere, and its sync reports the bad paper instead of failing."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from desktop.services.context import Actor, Desk
from desktop.services.scans import ScanNameRefused, ScanStore
from desktop.store.models import AuditEntry, Dossier
from sync.client.engine import SyncEngine
from sync.client.transport import PortalMalformedReply, Transport
from sync.portal.models import PortalDossier
from sync.portal.service import store_attachment, submit_dossier
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk

SCAN = b"%PDF-1.4 ban quet that cua cong dan\n"


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_the_scan_store_makes_a_path_of_a_sha256_only(tmp_path: Path) -> None:
    store = ScanStore(tmp_path / "desk.tep-dinh-kem")
    good = store.put(SCAN)
    assert store.path_for(good).is_relative_to(store.root)
    outside = tmp_path / "so-tay.txt"
    outside.write_text("sổ tay của cán bộ")
    for name in ("../../so-tay.txt", str(outside), good.upper(), good[:63], good + "0",
                 f"{good[:62]}/x", ""):  # fmt: skip
        with pytest.raises(ScanNameRefused):
            store.path_for(name)
        assert not store.has(name)
        assert store.get(name) is None
    # A link planted in the store does not lead out of it either.
    fake = hashlib.sha256(b"khac").hexdigest()
    (store.root / fake[:2]).mkdir()
    (store.root / fake[:2] / fake).symlink_to(outside)
    assert not store.has(fake)
    with pytest.raises(ScanNameRefused):
        store.read(fake)


def dossier_with_papers(portal: PortalProcess, shas: list[str]) -> str:
    db = portal.database()
    with db.transaction() as s:
        d = submit_dossier(
            s, office_code=OFFICE, procedure_code="MAU-HT-001",
            applicant_name="Lò Thị Bản Quét", submitted_at=datetime.now(UTC), level=4,
            papers=[{"name": f"Giấy tờ {n}", "kind": 1, "count": 1,
                     "file_name": f"giay-to-{n}.pdf", "sha256": sha}
                    for n, sha in enumerate(shas, start=1)],
        )  # fmt: skip
        dossier_id = d.id
    db.dispose()
    return dossier_id


def real_scan(portal: PortalProcess) -> str:
    db = portal.database()
    with db.transaction() as s:
        sha = store_attachment(s, OFFICE, SCAN, "application/pdf")
    db.dispose()
    return sha


def test_a_portal_sending_a_path_as_a_sha256_is_reported_not_followed(
    portal: PortalProcess, tmp_path: Path
) -> None:
    good = real_scan(portal)
    dossier_id = dossier_with_papers(portal, [good, hashlib.sha256(b"placeholder").hexdigest()])
    # The portal's own database says the second paper's scan is "../../x".
    db = portal.database()
    with db.transaction() as s:
        papers = [dict(p) for p in s.get_one(PortalDossier, dossier_id).papers]
        papers[1]["sha256"] = "../../x"
        s.execute(update(PortalDossier).where(PortalDossier.id == dossier_id)
                  .values(papers=papers))  # fmt: skip
    db.dispose()
    desk = enrolled_desk(portal, tmp_path / "ban" / "desk.db")
    before = files_under(tmp_path) - files_under(tmp_path / "ban")
    engine = SyncEngine(desk)
    report = engine.sync_once()  # no exception: the bad paper is one line of the report
    assert report.attachments == 1 and report.corrupt == 1
    assert engine.attachments.read(good) == SCAN  # the good scan still arrived
    with desk.store.read() as s:
        noted = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "sync.attachment_corrupt")).all()  # fmt: skip
    assert [e.subject for e in noted] == ["../../x"]
    assert "Mã băm tệp đính kèm không hợp lệ" in str(noted[0].after)
    assert files_under(tmp_path) - files_under(tmp_path / "ban") == before
    assert engine.sync_once().corrupt == 0  # reported once, not at every sync


# --- a man in the middle --------------------------------------------------------------------


class MiddleMan(ThreadingHTTPServer):
    """Between the desk and a real portal: passes everything on, but rewrites some papers'
    SHA-256 in the replies and answers the requests for those "files" itself: a 416 to a
    request that starts inside a file that is there (the desk then deletes what it has), and
    some bytes from the start (the desk writes them)."""

    def __init__(self, portal: str, rewrite: dict[str, str]) -> None:
        self.portal, self.rewrite = portal, rewrite
        super().__init__(("127.0.0.1", 0), _Relay)


class _Relay(BaseHTTPRequestHandler):
    server: MiddleMan

    def log_message(self, *_args: object) -> None:
        pass

    def _relay(self) -> None:
        last = self.path.rsplit("/", 1)[-1]
        if "Range" in self.headers and len(last) != 64:  # one of the rewritten names
            start = int(self.headers["Range"].removeprefix("bytes=").split("-")[0])
            body = b"" if start else b"noi dung cua ke gian\n"
            self.send_response(416 if start else 206)
            self.send_header("Content-Range", f"bytes 0-{len(body) - 1}/{len(body)}"
                             if body else "bytes */21")  # fmt: skip
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length") or 0)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "accept-encoding", "content-length")}
        reply = requests.request(self.command, self.server.portal + self.path,
                                 data=self.rfile.read(length) if length else None,
                                 headers={**headers, "Accept-Encoding": "identity"}, timeout=30)
        body = reply.content
        for real, fake in self.server.rewrite.items():
            body = body.replace(real.encode(), fake.encode())
        self.send_response(reply.status_code)
        for k, v in reply.headers.items():
            if k.lower() not in ("content-length", "transfer-encoding", "connection",
                                 "content-encoding", "date", "server"):  # fmt: skip
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _relay


@pytest.fixture
def middle_man(portal: PortalProcess) -> Iterator[MiddleMan]:
    server = MiddleMan(portal.url, {})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_man_in_the_middle_cannot_make_the_desk_write_or_delete_outside_its_scans(
    portal: PortalProcess, middle_man: MiddleMan, tmp_path: Path
) -> None:
    good = real_scan(portal)
    placeholders = [hashlib.sha256(f"gia-{n}".encode()).hexdigest() for n in range(3)]
    dossier_with_papers(portal, [good, *placeholders])
    desk = enrolled_desk(portal, tmp_path / "ban" / "desk.db")
    # The scans folder is ban/desk.tep-dinh-kem; .part files are one level further down.
    notebook = tmp_path / "ban" / "so-tay.txt"
    notebook.write_text("sổ tay của cán bộ — không được mất")
    # An absolute path inside this test's folder is longer than a SHA-256 may be on the wire:
    # the whole reply is refused first (below). Short ones pass the wire and meet the store.
    # (made long on purpose: how long the test's folder is depends on where pytest puts it)
    absolute = tmp_path / ("tuyet-doi-" + "x" * 64) / "tep"
    outside_tmp = Path(tempfile.gettempdir()) / f"motcua-{placeholders[2][:12]}"
    middle_man.rewrite.update({placeholders[2]: str(absolute)})
    before = files_under(tmp_path)
    engine = SyncEngine(desk, transport=Transport(f"http://127.0.0.1:{middle_man.server_port}"))
    with pytest.raises(PortalMalformedReply, match="sai giao thức"):
        engine.sync_once()
    assert not absolute.parent.exists()
    middle_man.rewrite.update({
        placeholders[0]: "../../so-tay.txt",  # the notebook beside the database
        placeholders[1]: "../../thu-muc-la/tep",  # a new folder beside the database
        placeholders[2]: str(outside_tmp),  # an absolute path
    })  # fmt: skip
    report = engine.sync_once()
    assert report.attachments == 1 and report.corrupt == 3
    assert not outside_tmp.exists()
    assert engine.attachments.read(good) == SCAN
    assert notebook.read_text() == "sổ tay của cán bộ — không được mất"
    outside = {p for p in files_under(tmp_path) - before
               if not p.is_relative_to(engine.attachments.root)
               and not p.name.startswith(("desk.db", "portal.db"))}  # fmt: skip
    assert outside == set(), "written outside the scans folder"


# --- a dossier code in a file name -----------------------------------------------------------


def test_a_dossier_code_from_the_portal_does_not_lead_the_mau_04_file_elsewhere(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """Mẫu 04 is offered as PDF bytes, written nowhere: a code like ``../../…/thoat``
    (codes come from the portal) names no file, here or in the temporary folder."""
    from tests.gui import test_processing_window as gui

    dossier_id = gui.in_processing(desk, officer)
    hostile = "../" * 12 + str(tmp_path / "thoat").lstrip("/")
    with desk.store.write() as s:  # as a pulled dossier would have it
        s.execute(update(Dossier).where(Dossier.id == dossier_id).values(code=hostile))
    gui.clock_of(desk).now = gui.at(6, 9)  # the working day before the due date
    view = gui.open_view(qtbot, gui.open_window(qtbot, desk, officer), dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_H, gui.CTRL_SHIFT)
    reappoint = gui.form(qtbot, view)
    reappoint.fields["reason"].insertPlainText("Cần xác minh thêm")  # type: ignore[attr-defined]
    gui.confirm(qtbot, reappoint)
    offer = view.offer  # Mẫu 04, drawn and offered to print
    assert offer is not None and offer.paper is not None and offer.paper.form == "M04"
    assert offer.paper.dossier_code == hostile and offer.paper.pdf.startswith(b"%PDF")
    assert not list(tmp_path.glob("thoat*"))
    assert not list(Path(tempfile.gettempdir()).glob("thoat*"))
    offer.reject()
