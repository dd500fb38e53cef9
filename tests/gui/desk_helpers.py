"""Dossiers with real scans for the desk window's tests."""

from __future__ import annotations

import uuid
from dataclasses import replace

from desktop.documents.demo_scans import demo_pdf, demo_png
from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.scans import ScanStore
from tests.conftest import incoming


def dossier_with_scans(
    desk: Desk, procedure: str = "MAU-HT-004", level: int = 3, form: bytes | None = None,
    name: str = "Nguyễn Văn Ánh",
) -> acts.ActOutcome:  # fmt: skip
    """A dossier whose papers are the procedure's, each with a scan on this desk: the form
    (first paper) a PDF — ``form`` when given, e.g. a signed one — the others a 3-page PDF
    and photos."""
    scans = ScanStore.of(desk)
    with desk.store.read() as session:
        papers = procedure_of(session, procedure).papers
    attached = []
    for n, paper in enumerate(papers, start=1):
        if n == 1:
            data, file_name = form or demo_pdf("TO KHAI", 1), "to-khai.pdf"
        elif n == 2:
            data, file_name = demo_pdf("GIAY TO", 3), "giay-to.pdf"
        else:
            data, file_name = demo_png(n), f"anh-{n}.png"
        attached.append(acts.IncomingPaper(paper.name, int(paper.kind), paper.count, file_name,
                                           scans.put(data)))  # fmt: skip
    dossier = replace(incoming(procedure=procedure, name=name), level=level,
                      id=str(uuid.uuid4()), papers=tuple(attached))  # fmt: skip
    return acts.import_dossier(desk, dossier)


def with_result(desk: Desk, officer: Actor) -> str:
    d = dossier_with_scans(desk)
    acts.accept_dossier(desk, officer, d.dossier_id)
    acts.hand_over(desk, officer, d.dossier_id, "Công chức Tư pháp - Hộ tịch")
    acts.record_result(desk, officer, d.dossier_id, "Giấy khai sinh số 12/2026")
    with desk.store.write() as session:  # the desk's receipt numbers, as the portal allots
        fees.add_receipt_block(session, "khoi-thu", "01BLP0-001", "LC-26T", 1, 500, desk.now())
    return d.dossier_id
