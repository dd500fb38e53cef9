"""The embedded font's subsets: the desk's characters (Vietnamese letters, the signs its
papers print) have the same codes in every PDF, so two receipts for two different payers
embed the very same subsets (made once, not per paper); any other character still
prints, from a subset of its own. These tests also fail if reportlab changes how it
gives characters their codes, which the fixed codes rely on."""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.documents.pdf import (
    FIXED_CHARACTERS,
    FONT_FILES,
    SERIF,
    SERIF_BOLD,
    SIGNS,
    VIETNAMESE_LETTERS,
    new_canvas,
    register_fonts,
)
from desktop.paths import resources_dir
from tests.unit.test_print_basics import vietnamese_letters


def paper(lines: list[tuple[str, str]]) -> bytes:
    """A one-page PDF of ``lines`` (face, text), made as every desk document is."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, "Thử", A4, "seal")
    for n, (face, text) in enumerate(lines):
        canvas.setFont(face, 11)
        canvas.drawString(72, 760 - 16 * n, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def font_files(pdf: bytes) -> list[bytes]:
    """The embedded font programs (``FontFile2`` streams), uncompressed, in file order."""
    heads = re.finditer(rb"/Length (\d+) /Length1 \d+\s*>>\s*stream\r?\n", pdf)
    return [zlib.decompress(pdf[m.end() : m.end() + int(m.group(1))]) for m in heads]


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout  # fmt: skip


def test_the_fixed_characters_are_every_vietnamese_letter_and_fill_the_first_subset() -> None:
    beyond_ascii = "".join(c for c in vietnamese_letters() if ord(c) > 126)
    assert sorted(VIETNAMESE_LETTERS) == sorted(beyond_ascii)
    assert len(set(FIXED_CHARACTERS)) == len(FIXED_CHARACTERS) == 134 + len(SIGNS)
    assert all(ord(c) > 126 for c in FIXED_CHARACTERS)
    register_fonts()
    for name in FONT_FILES:
        face = pdfmetrics.getFont(name).face
        assert [c for c in FIXED_CHARACTERS if ord(c) not in face.charToGlyph] == [], name


def test_reportlab_still_gives_codes_in_first_use_order_filling_the_first_subset() -> None:
    """What the fixed codes rely on: a plain reportlab TrueType font gives a new
    document's characters beyond ASCII the codes 1–31, then 128–255, in the order they
    are first drawn, ASCII keeping its own codes; the next one opens a second subset."""
    plain = TTFont("PlainForTest", str(resources_dir() / "fonts" / FONT_FILES[SERIF]))
    document = Canvas(io.BytesIO())._doc
    split = plain.splitString(FIXED_CHARACTERS + "Ab", document)
    assert split == [(0, bytes([*range(1, 32), *range(128, 256), ord("A"), ord("b")]))]
    dong = 128 + FIXED_CHARACTERS.index("đ") - 31
    assert plain.splitString("Жđ", document) == [(1, b"\x01"), (0, bytes([dong]))]


def test_two_papers_with_different_letters_embed_the_same_subsets(tmp_path: Path) -> None:
    first = paper([(SERIF, "Tên người nộp tiền: Lò Thị Hoà"), (SERIF_BOLD, "Số: 0000041")])
    # The other letters, first drawn in another order: before, this made other subsets.
    second = paper([(SERIF, "Tên người nộp tiền: Nguyễn Văn Ấn — “Bản Ỏ”"),
                    (SERIF_BOLD, "Số: 9990001")])  # fmt: skip
    assert len(font_files(first)) == 2  # regular and bold, one subset each
    assert font_files(first) == font_files(second)
    assert "Tên người nộp tiền: Lò Thị Hoà" in text_of(first, tmp_path)
    read = text_of(second, tmp_path)
    assert "Tên người nộp tiền: Nguyễn Văn Ấn — “Bản Ỏ”" in read and "Số: 9990001" in read


@pytest.mark.parametrize("foreign", ["Жуков Ωμέγα", "Œuvre ǅ ₫"])
def test_a_character_beyond_the_fixed_ones_prints_from_a_subset_of_its_own(
    foreign: str, tmp_path: Path
) -> None:
    plain = paper([(SERIF, "Địa chỉ: Bản Mường Tè")])
    # The foreign name first, then text of fixed characters only, in the same document
    # and in the next one: each reads back right.
    mixed = paper([(SERIF, f"Tên: {foreign}"), (SERIF, "Địa chỉ: Bản Mường Tè")])
    after = paper([(SERIF, "Địa chỉ: Bản Mường Tè")])
    files = font_files(mixed)
    assert len(files) == 2 and files[0] == font_files(plain)[0]  # the first one unchanged
    read = text_of(mixed, tmp_path)
    assert f"Tên: {foreign}" in read and "Địa chỉ: Bản Mường Tè" in read
    assert "Địa chỉ: Bản Mường Tè" in text_of(after, tmp_path)
    assert font_files(after) == font_files(plain)


def test_a_document_gets_the_fixed_codes_whichever_call_comes_first() -> None:
    register_fonts()
    font = pdfmetrics.getFont(SERIF)
    named_first, split_first = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    assert font.getSubsetInternalName(0, named_first).endswith("+0")
    code = bytes([128 + FIXED_CHARACTERS.index("đ") - 31])
    for document in (named_first, split_first):
        assert list(font.splitString("Ađ", document)) == [(0, b"A" + code)]
