"""The queue benchmark still runs (on a small database; no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

from tests.bench.bench_queue import run


def test_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    header, figures = run(dossiers=1500, runs=5, folder=tmp_path)
    assert header[0].startswith("Build: 1,500 dossiers")
    assert len(figures) == 6
    for figure in figures:
        assert len(figure.ours) >= 5 and len(figure.raw) >= 5
        assert "|" in figure.row()


def test_document_benchmark_runs(tmp_path: Path) -> None:
    from tests.bench.bench_documents import run as run_documents

    slips, receipts = run_documents(5, tmp_path, slips=3)
    assert slips.startswith("3 handover slips (Mẫu 06, Thông tư 03/2025/TT-VPCP)")
    assert receipts.startswith("5 receipt PDFs") and "ms each" in receipts
    assert "a page in Helvetica" in receipts  # every baseline is reported beside the verdict


def test_the_document_baselines_use_plain_reportlab_fonts() -> None:
    """The bare page and the text floor measure reportlab alone: their fonts are plain
    TTFonts, not the desk's (registerFont would hand back the desk's for the same face)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop.documents.pdf import SERIF, register_fonts
    from tests.bench.bench_documents import BASELINE_FONT, FLOOR_FONTS, baseline_page, floor_page

    register_fonts()
    baseline_page()
    floor_page([])
    for name in (BASELINE_FONT, *FLOOR_FONTS.values()):
        assert type(pdfmetrics.getFont(name)) is TTFont, name
    assert type(pdfmetrics.getFont(SERIF)) is not TTFont  # the desk's own, with its caches
