"""Printed papers read back as a person and a scanner would: the text out of the PDF, and
the codes out of a picture of its pages at a scanner's resolution (150 dpi by default).

Every kind of paper the desk prints is checked with these: its QR must read back as
exactly the signed text the PDF carries."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

# poppler-utils and zbar-tools: scripts/test installs them (no skipping without them).
TOOLS = ("pdftotext", "pdftoppm", "zbarimg")
assert all(shutil.which(t) for t in TOOLS), f"{TOOLS} needed: run the tests through scripts/test"

SCAN_DPI = 150


def _as_file(pdf: Path | bytes, folder: Path) -> Path:
    if isinstance(pdf, Path):
        return pdf
    path = folder / "giay.pdf"
    path.write_bytes(pdf)
    return path


def pdf_text(pdf: Path | bytes, layout: bool = True) -> str:
    """The PDF's text: laid out as printed, or in drawing order (table cells stay whole)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(pdf, Path(tmp))
        return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip


def scan_picture(picture: Path) -> list[str]:
    """What zbar reads off a picture (PNG, PBM…), one ``TYPE:text`` a code."""
    out = subprocess.run(["zbarimg", "-q", str(picture)], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


def scanned(pdf: Path | bytes, dpi: int = SCAN_DPI, pages: tuple[int, int] | None = None
            ) -> list[list[str]]:  # fmt: skip
    """What a scanner reads off each page (first…last, all by default) at ``dpi``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = _as_file(pdf, folder)
        span = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", *span, str(path),
                        str(folder / "trang")], check=True)  # fmt: skip
        return [scan_picture(p) for p in sorted(folder.glob("trang-*.png"))]


def qr_codes(pdf: Path | bytes, dpi: int = SCAN_DPI) -> list[list[str]]:
    """The QR texts read off each page at ``dpi``."""
    return [[c.removeprefix("QR-Code:") for c in page if c.startswith("QR-Code:")]
            for page in scanned(pdf, dpi)]  # fmt: skip


def seal_of(pdf: Path | bytes) -> str:
    """The signed text the PDF carries in its keywords (what `motcua verify-doc` reads)."""
    source = pdf if isinstance(pdf, Path) else io.BytesIO(pdf)
    return str(PdfReader(source).metadata.get("/Keywords", ""))


def assert_qr_scans(pdf: Path | bytes, dpi: int = SCAN_DPI, every_page: bool = False) -> str:
    """The QR of the paper reads back at ``dpi`` as exactly the signed text it carries (on
    every page, or at least on one); returns that text."""
    seal = seal_of(pdf)
    assert seal.startswith("MC1|"), f"no signed text in the PDF: {seal!r}"
    read = qr_codes(pdf, dpi)
    if every_page:
        for n, page in enumerate(read, start=1):
            assert page and all(text == seal for text in page), (n, page, seal)
    else:
        assert any(seal in page for page in read), (read, seal)
    return seal
