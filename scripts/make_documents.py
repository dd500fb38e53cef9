"""Make docs/documents/: every printed document kind of both form sets, from a fresh demo
database.

.venv/bin/python scripts/make_documents.py      (needs pdftoppm, from poppler-utils)

Each PDF is made by the same code the desk prints with (``desktop.services.papers``),
then rendered to PNG at 100 dpi so a reader can check the Vietnamese, the layout and the
codes without a PDF viewer. The 2018 set (Thông tư 01/2018/TT-VPCP) goes to
docs/documents/*.png as before; the 2025 set (Thông tư 03/2025/TT-VPCP) to
docs/documents/2025/M01.pdf … M07.pdf with a PNG of each first page. The demo's dossiers
are all received after 01/7/2025, so the 2018 pictures are printed with the set named.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.report_periods import PeriodRule
from desktop.documents.receipt import print_receipt, receipt_document
from desktop.documents.thermal import thermal_pdf
from desktop.services import papers, reports
from desktop.services.accounts import login
from desktop.services.demo import ManualClock, build_demo
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from desktop.store.models import ActRow, Dossier, Receipt

OUT = Path(__file__).resolve().parents[1] / "docs" / "documents"
NOW = datetime(2026, 11, 27, 9, 15, tzinfo=OFFICE_TZ)  # the same pictures on every run
# Each dossier paper, from a dossier that went through the act it records; the control
# slip of a re-appointed (late) dossier shows every kind of row.
SLIPS = {
    papers.RECEIPT_SLIP: "accept",
    papers.SUPPLEMENT: "request_supplement",
    papers.REFUSAL: "refuse",
    papers.APOLOGY: "reappoint",
    papers.STOP: "stop",
    papers.CONTROL: "reappoint",
}
NAMES = {papers.RECEIPT_SLIP: "mau-01-tiep-nhan-hen-tra",
         papers.SUPPLEMENT: "mau-02-yeu-cau-bo-sung",
         papers.REFUSAL: "mau-03-tu-choi", papers.APOLOGY: "mau-04-xin-loi-hen-lai",
         papers.CONTROL: "mau-05-kiem-soat-qua-trinh"}  # fmt: skip


def render(pdf: Path, name: str, folder: Path = OUT) -> Path:
    """The PDF's first page as <folder>/<name>.png."""
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(folder / name)], check=True)  # fmt: skip
    return folder / f"{name}.png"


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
        first, last = date(2026, 11, 1), date(2026, 11, 27)
        for kind, name in NAMES.items():  # the 2018 set
            code = codes[kind]
            assert code is not None, kind
            papers.save(papers.act_paper(desk, officer, code, kind, "2018"), folder / "a.pdf")
            made.append(render(folder / "a.pdf", name))
        papers.save(papers.register_paper(desk, officer, first, last, "2018"), folder / "a.pdf")
        made.append(render(folder / "a.pdf", "mau-06-so-theo-doi"))
        with store.read() as s:
            mine = select(Receipt.issued_at).where(Receipt.officer_id == officer.officer_id)
            issued = s.scalar(mine.order_by(Receipt.issued_at.desc()))
            assert issued is not None
        local = issued.astimezone(OFFICE_TZ)
        part = "morning" if local.hour < 12 else "afternoon"
        papers.save(papers.shift_paper(desk, officer, local.date(), part), folder / "a.pdf")
        made.append(render(folder / "a.pdf", "ban-giao-ca"))
        set_2025 = OUT / "2025"  # the 2025 set, every form, PDF and picture
        set_2025.mkdir(exist_ok=True)
        for kind, code in codes.items():
            assert code is not None, kind
            paper = papers.act_paper(desk, officer, code, kind, "2025")
            papers.save(paper, set_2025 / f"{paper.form}.pdf")
            made += [
                set_2025 / f"{paper.form}.pdf",
                render(set_2025 / f"{paper.form}.pdf", paper.form, set_2025),
            ]
        book = papers.register_paper(desk, officer, first, last, "2025")
        papers.save(book, set_2025 / f"{book.form}.pdf")
        made += [
            set_2025 / f"{book.form}.pdf",
            render(set_2025 / f"{book.form}.pdf", book.form, set_2025),
        ]
        # A supervisor's monthly report on Biểu 06 (November: 15/10–14/11).
        supervisor = login(desk, "lanhdao", "lanhdao-demo")
        report = reports.periodic_report(desk, supervisor, "2026-11", PeriodRule.CUTOFF_15, "pdf")
        reports.save_pdf(report, OUT / "bao-cao-thang-11.pdf")
        made += [OUT / "bao-cao-thang-11.pdf", render(OUT / "bao-cao-thang-11.pdf",
                                                      "bao-cao-thang-11")]  # fmt: skip
        store.close()
    for path in made:
        print(path.relative_to(OUT.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
