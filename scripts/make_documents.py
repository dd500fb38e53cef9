"""Make docs/documents/*.png: every printed document kind, from a fresh demo database.

.venv/bin/python scripts/make_documents.py      (needs pdftoppm, from poppler-utils)

Each PDF is made by the same code the desk prints with, then rendered to PNG at 100 dpi
so a reader can check the Vietnamese, the layout and the codes without a PDF viewer.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.documents.receipt import print_receipt, receipt_document
from desktop.documents.registers import print_register, shift_handover, tracking_book
from desktop.documents.slips import print_slip
from desktop.documents.thermal import thermal_pdf
from desktop.services.accounts import login
from desktop.services.demo import ManualClock, build_demo
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from desktop.store.models import ActRow, Dossier, Receipt

OUT = Path(__file__).resolve().parents[1] / "docs" / "documents"
NOW = datetime(2026, 11, 27, 9, 15, tzinfo=OFFICE_TZ)  # the same pictures on every run
SLIPS = {
    "M01": "accept",
    "M02": "request_supplement",
    "M03": "refuse",
    "M04": "reappoint",
    "M05": "reappoint",
}  # Mẫu 05 of a late dossier shows every kind of row
NAMES = {"M01": "mau-01-tiep-nhan-hen-tra", "M02": "mau-02-yeu-cau-bo-sung",
         "M03": "mau-03-tu-choi", "M04": "mau-04-xin-loi-hen-lai",
         "M05": "mau-05-kiem-soat-qua-trinh"}  # fmt: skip


def render(pdf: Path, name: str) -> Path:
    """The PDF's first page as docs/documents/<name>.png."""
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(OUT / name)], check=True)  # fmt: skip
    return OUT / f"{name}.png"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder / "demo.db", create=True)
        build_demo(store, now=NOW)
        desk = open_desk(store, ManualClock(NOW))
        officer = login(desk, "canbo1", "canbo1-demo")
        with store.read() as s:
            receipt = s.scalars(select(Receipt).order_by(Receipt.number)).first()
            corrected = s.scalars(select(Receipt).where(Receipt.voided_at.is_not(None))).first()
            with_act = select(Dossier.code).join(ActRow, ActRow.dossier_id == Dossier.id)
            codes = {kind: s.scalar(with_act.where(ActRow.act == act).order_by(Dossier.code))
                     for kind, act in SLIPS.items()}  # fmt: skip
        assert receipt is not None and corrected is not None
        print_receipt(desk, officer, receipt.id, folder / "bl.pdf")
        made.append(render(folder / "bl.pdf", "bien-lai-thu-phi"))
        print_receipt(desk, officer, receipt.id, folder / "bl-sao.pdf")
        made.append(render(folder / "bl-sao.pdf", "bien-lai-thu-phi-ban-sao"))
        with store.write() as s:
            thermal_pdf(receipt_document(s, receipt.id), folder / "bl-80mm.pdf")
        made.append(render(folder / "bl-80mm.pdf", "bien-lai-in-nhiet-80mm"))
        print_receipt(desk, officer, corrected.id, folder / "bl-huy.pdf")
        made.append(render(folder / "bl-huy.pdf", "bien-lai-thu-phi-da-huy"))
        for kind, code in codes.items():
            assert code is not None, kind
            print_slip(desk, officer, code, kind, folder / f"{kind}.pdf")
            made.append(render(folder / f"{kind}.pdf", NAMES[kind]))
        with store.write() as s:
            book = tracking_book(s, desk.office_code, date(2026, 11, 1), date(2026, 11, 27))
            mine = select(Receipt.issued_at).where(Receipt.officer_id == officer.officer_id)
            last = s.scalar(mine.order_by(Receipt.issued_at.desc()))
            assert last is not None
            local = last.astimezone(OFFICE_TZ)
            part = "morning" if local.hour < 12 else "afternoon"
            shift = shift_handover(s, desk.office_code, officer, local.date(), part)
        for register, name in ((book, "mau-06-so-theo-doi"), (shift, "ban-giao-ca")):
            print_register(desk, officer, register, folder / f"{name}.pdf")
            made.append(render(folder / f"{name}.pdf", name))
        store.close()
    for path in made:
        print(path.relative_to(OUT.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
