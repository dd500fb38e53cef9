"""Benchmark: receipts to PDF in a batch, against a one-page reportlab baseline.

    .venv/bin/python -m tests.bench.bench_documents --receipts 500

Run by hand (not part of the test suite; tests/unit/test_bench_smoke.py only checks that
it runs). Targets: a receipt PDF (A4, two copies, signed QR, barcode; as bytes, what the
window prints) ≤ 10 ms each in a batch of 500 receipts, each with its own number, QR and
payer, and ≤ 3× a bare one-page PDF made by reportlab alone (the same font file as a
plain TTFont, one line of text), measured in the same run, before, during and after the
batch (the ratio is of CPU times: the machine is shared); 200 handover slips (Mẫu 05,
one batch PDF as a supervisor prints them) ≤ 10 s. Writing each receipt to its own file
(written whole and synced to disk) is reported beside, and so is the bare page made with
the desk's registered font (its subsets and font objects made once, not per PDF).

Also reported, to tell what the embedded font costs from what the receipt adds: the
receipt's text floor, a page of exactly the strings a receipt draws (same faces, sizes
and places, both copies' labels) made by plain reportlab with the three Liberation Serif
files registered as plain TTFonts (no caches of ours), no QR, no barcode, no lines.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from desktop.documents.forms import FormSet, form_set_for
from desktop.documents.model import Slip
from desktop.documents.pdf import (
    FONT_FILES,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    labels,
    register_fonts,
)
from desktop.documents.receipt import (
    COPY_STEP,
    HEIGHT,
    WIDTH,
    ReceiptDocument,
    _draw_copy,
    receipt_document,
    receipt_pdf,
    render_receipts,
)
from desktop.paths import resources_dir
from desktop.services import dossiers as acts
from desktop.services import fees, papers
from desktop.services.accounts import login
from desktop.services.catalogue import all_procedures
from desktop.services.demo import build_demo, vietnamese_name
from desktop.services.document_keys import Seal, seal_text
from desktop.services.paper_data import act_slip
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from desktop.store.models import ActRow, Dossier


def plain_font(name: str, file: str) -> None:
    """The font ``file`` as a plain reportlab ``TTFont`` named ``name``. Not through
    ``pdfmetrics.registerFont``: for a face it already has (the desk's Liberation Serif)
    it answers the new name with the font first registered, the desk's own with its
    caches, and the baseline would measure those caches, not reportlab."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics._fonts[name] = TTFont(name, str(resources_dir() / "fonts" / file))


def baseline_page(font: str = "") -> bytes:
    """One page, one line, the same font file: reportlab on its own (no cache of ours),
    or with ``font`` (the desk's registered Liberation Serif, with its caches)."""
    plain_font(BASELINE_FONT, FONT_FILES[SERIF])
    font = font or BASELINE_FONT
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    canvas.setFont(font, 12)
    canvas.drawString(72, 720, "Biên lai thu phí, lệ phí — Năm mươi nghìn đồng")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def helvetica_page() -> bytes:
    """The barest reportlab page of all: one line in Helvetica, a standard font nothing is
    embedded for — which has no Vietnamese letters (the line is written without them)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Bien lai thu phi, le phi - Nam muoi nghin dong")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


BASELINE_FONT = "BenchBaselineSerif"
FLOOR_FONTS = {SERIF: "BenchFloorSerif", SERIF_BOLD: "BenchFloorSerif-Bold",
               SERIF_ITALIC: "BenchFloorSerif-Italic"}  # fmt: skip


class _Recorder(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that notes every string drawn on it (face, size, place, alignment)."""

    def __init__(self) -> None:
        register_fonts()
        super().__init__(io.BytesIO(), pagesize=A4, initialFontName=SERIF)
        self.strings: list[tuple[str, float, float, float, str, str]] = []

    def _note(self, how: str, x: float, y: float, text: str) -> None:
        self.strings.append((self._fontname, self._fontsize, x, y, how, text))

    def drawString(self, x: float, y: float, text: str, *args: object, **kw: object) -> None:
        self._note("left", x, y, text)

    def drawRightString(self, x: float, y: float, text: str, *args: object, **kw: object) -> None:
        self._note("right", x, y, text)

    def drawCentredString(self, x: float, y: float, text: str, *args: object, **kw: object) -> None:
        self._note("centre", x, y, text)


def receipt_strings(document: ReceiptDocument) -> list[tuple[str, float, float, float, str, str]]:
    """The strings one receipt page draws: its copy's body once (both copies place it as
    one form) and each copy's label."""
    recorder = _Recorder()
    text = labels("bien-lai")
    _draw_copy(recorder, document, text, HEIGHT)
    for n, label in enumerate(text["copies"]):
        recorder.setFont(SERIF_ITALIC, 9.5)
        recorder.drawCentredString(WIDTH / 2, HEIGHT - n * COPY_STEP - 29 * mm, label)
    return recorder.strings


def floor_page(strings: list[tuple[str, float, float, float, str, str]]) -> bytes:
    """The receipt's text, and only it, by reportlab on its own with the same font files."""
    for ours, name in FLOOR_FONTS.items():
        plain_font(name, FONT_FILES[ours])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=FLOOR_FONTS[SERIF])
    draw = {"left": canvas.drawString, "right": canvas.drawRightString,
            "centre": canvas.drawCentredString}  # fmt: skip
    for face, size, x, y, how, text in strings:
        canvas.setFont(FLOOR_FONTS[face], size)
        draw[how](x, y, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def receipts_for(folder: Path, count: int) -> list[ReceiptDocument]:
    """``count`` receipt documents from a demo desk (receipts issued through the service)."""
    store = open_store(folder / "desk.db", create=True)
    build_demo(store, dossier_count=60)
    desk = open_desk(store)
    officer = login(desk, "canbo1", "canbo1-demo")
    with store.write() as s:
        fees.add_receipt_block(s, "bench", "01BLP0-001", "BC-26T", 1, 9_999, datetime.now(UTC))
        charged = [p.code for p in all_procedures(s) if p.total_fee and p.level == 3]
    # The demo collects fees at acceptance: new dossiers, accepted now, still owe theirs.
    issued = []
    for n, code in enumerate(charged[:10]):
        dossier = acts.import_dossier(
            desk,
            acts.IncomingDossier(
                id=str(uuid.uuid4()),
                code=f"BENCH-{n:04d}",
                office_code=desk.office_code,
                procedure_code=code,
                applicant_name="Nguyễn Văn Ánh",
                submitted_at=datetime.now(UTC),
                address="Bản 1, xã Phong Thổ, tỉnh Lai Châu",
            ),
        )
        acts.accept_dossier(desk, officer, dossier.dossier_id)
        outcome = fees.collect_fee(desk, officer, dossier.dossier_id, "cash")
        if outcome.receipt is not None:
            issued.append(outcome.receipt.id)
    if not issued:
        raise SystemExit("the demo desk issued no receipt")
    rng = random.Random(2026)
    with store.write() as s:
        documents = []
        for n in range(count):  # each its own number and signed QR, as a real batch has
            document = receipt_document(s, issued[n % len(issued)])
            number = 1_000 + n
            seal = seal_text(
                s,
                Seal(
                    "BL",
                    f"{document.series}/{number:07d}",
                    document.dossier_code,
                    document.amount,
                    document.issued_at.date().isoformat(),
                    desk.office_code,
                ),
            )
            # Each its own payer too, as at a real desk: names bring other letters, in
            # other orders (the same name 500 times let the font's subsets be reused).
            payer = vietnamese_name(rng)
            documents.append(replace(document, number=number, seal=seal, payer_name=payer))
    store.close()
    return documents


def handover_slips(folder: Path, count: int) -> list[Slip]:
    """``count`` control slips of the demo desk's handed-over dossiers (repeated as needed)."""
    spec = papers.SPECS[papers.CONTROL]
    assert spec.act is not None and spec.gather is not None
    store = open_store(folder / "desk.db")
    desk = open_desk(store)
    with store.write() as s:
        codes = list(s.scalars(select(Dossier.code).join(ActRow, ActRow.dossier_id == Dossier.id)
                               .where(ActRow.act == "hand_over").distinct()))  # fmt: skip
        slips = [
            act_slip(s, codes[n % len(codes)], desk.office_code, papers.CONTROL, spec.act,
                     spec.gather, spec.signs, desk.calendar)
            for n in range(count)
        ]  # fmt: skip
    store.close()
    return slips


def _clock(work: Callable[[], object]) -> tuple[float, float]:
    """Seconds ``work`` took: on the wall clock, and of this process's CPU (the machine is
    shared: the CPU time is what other processes on it do not inflate)."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _ms(times: list[tuple[float, float]], clock: int, how: Callable[[list[float]], float]) -> float:
    return how([t[clock] for t in times]) * 1000


def run(count: int, folder: Path, slips: int = 200) -> list[str]:
    register_fonts()
    documents = receipts_for(folder, count)
    handovers = handover_slips(folder, slips)
    strings = {n: receipt_strings(d) for n, d in enumerate(documents) if n % 5 == 0}

    def desk_font() -> bytes:
        return baseline_page(SERIF)

    for document in documents[:3]:  # warm: the fonts' first subsets, the labels
        receipt_pdf([document])
        baseline_page()
        desk_font()
        floor_page(strings[0])
    # The bare pages and the floor before, during (after every fifth receipt, so that all
    # see the same pace of a shared machine) and after the batch.
    base = [_clock(baseline_page) for _ in range(50)]
    ours = [_clock(desk_font) for _ in range(50)]
    plain = [_clock(helvetica_page) for _ in range(50)]
    floor: list[tuple[float, float]] = []
    took = []
    for n, document in enumerate(documents):
        took.append(_clock(lambda document=document: receipt_pdf([document])))  # type: ignore[misc]
        if n % 5 == 0:
            base.append(_clock(baseline_page))
            ours.append(_clock(desk_font))
            plain.append(_clock(helvetica_page))
            floor.append(_clock(lambda n=n: floor_page(strings[n])))  # type: ignore[misc]
    base += [_clock(baseline_page) for _ in range(50)]
    ours += [_clock(desk_font) for _ in range(50)]
    plain += [_clock(helvetica_page) for _ in range(50)]
    started = time.perf_counter()
    for n, document in enumerate(documents[:100]):
        render_receipts([document], folder / f"bien-lai-{n}.pdf")
    to_file = (time.perf_counter() - started) / min(count, 100) * 1000
    total = sum(wall for wall, _ in took)
    per, median, cpu = _ms(took, 0, statistics.mean), _ms(took, 0, statistics.median), _ms(
        took, 1, statistics.mean)  # fmt: skip
    b, b_cpu = _ms(base, 0, statistics.median), _ms(base, 1, statistics.median)
    o, o_cpu = _ms(ours, 0, statistics.median), _ms(ours, 1, statistics.median)
    h, h_cpu = _ms(plain, 0, statistics.median), _ms(plain, 1, statistics.median)
    f, f_cpu = _ms(floor, 0, statistics.median), _ms(floor, 1, statistics.median)
    start = time.perf_counter()
    chosen: FormSet = form_set_for(handovers[0].at.date())
    with (folder / "phieu-kiem-soat.pdf").open("wb") as out:
        chosen.render(handovers, out)
    batch = time.perf_counter() - start
    ok = per <= 10 and cpu / b_cpu <= 3
    return [
        f"{slips} handover slips (Mẫu {chosen.number(papers.CONTROL)}, {chosen.basis}) "
        f"in one batch PDF: **{batch:.2f} s** "
        f"({batch / slips * 1000:.1f} ms each; target ≤ 10 s {'✅' if batch <= 10 else '❌'}).",
        f"{count} receipt PDFs (two copies a page, QR and barcode, each its own QR): "
        f"{total:.2f} s = **{per:.2f} ms each** (median {median:.2f}, p95 "
        f"{statistics.quantiles([w for w, _ in took], n=20)[18] * 1000:.1f} ms; CPU "
        f"{cpu:.2f} ms); a bare one-page reportlab PDF with the same font file (median of "
        f"{len(base)}): {b:.3f} ms (CPU {b_cpu:.3f} ms), ratio {per / b:.1f}× (CPU "
        f"**{cpu / b_cpu:.1f}×**; targets ≤ 10 ms and ≤ 3× {'✅' if ok else '❌'}); the same "
        f"bare page with the desk's registered font and its caches: {o:.3f} ms (CPU "
        f"{o_cpu:.3f} ms), ratio {per / o:.1f}× (CPU {cpu / o_cpu:.1f}×); a page in "
        f"Helvetica, nothing embedded (no Vietnamese letters): {h:.3f} ms (CPU {h_cpu:.3f} "
        f"ms), ratio {per / h:.1f}× (CPU {cpu / h_cpu:.1f}×); the receipt's "
        f"text alone in the same three embedded faces by plain reportlab (median of "
        f"{len(floor)}): {f:.3f} ms (CPU {f_cpu:.3f} ms) = {f / b:.1f}× the bare page (CPU "
        f"{f_cpu / b_cpu:.1f}×), the receipt {per / f:.1f}× that floor (CPU "
        f"{cpu / f_cpu:.1f}×); each written to its own file and synced: {to_file:.1f} ms.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for line in run(args.receipts, Path(tmp)):
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
