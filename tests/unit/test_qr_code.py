"""The papers' QR encoder draws, module for module, the code segno draws with the same
fixed mask, for every level and for texts from a few characters to the largest versions;
and too long a text is refused as segno refuses it."""

from __future__ import annotations

import random
import string

import pytest
import segno

from desktop.documents.pdf import qr_modules, qr_segments, qr_version
from desktop.documents.qr_code import qr_rows

SEAL = (
    "MC1|BL|LC-26T/0001000|BENCH-0000|5000000|2026-12-01|LCU-TTHCC|f9df8b12|0117917839433341"
    "9772829213913428779101706523147880618735810128155842872067540242364383269475410544659"
    "248887244931761628981225262840403379579370978196570638"
)


def segno_rows(text: str, error: str) -> tuple[str, ...]:
    code = segno.make(qr_segments(text), error=error, mask=0, micro=False, boost_error=False)
    return tuple("".join("1" if m else "0" for m in row) for row in code.matrix)


def texts() -> list[str]:
    pick = random.Random(2026)
    letters = string.ascii_letters + string.digits + "|/-.: " + "ạếđĐưỡ" + "中"
    made = [SEAL, "A", "0" * 30, "HS-2026-000123", SEAL.replace("LC-26T", "Lò Thị Hoà")]
    for size in (1, 7, 20, 60, 150, 300, 700, 1500):
        for _ in range(6):
            digits = "".join(pick.choice(string.digits) for _ in range(pick.choice((0, 9, 40))))
            made.append("".join(pick.choice(letters) for _ in range(size)) + digits)
    return made


@pytest.mark.parametrize("error", ["L", "M", "Q", "H"])
def test_each_code_is_segno_s_with_mask_0(error: str) -> None:
    compared = 0
    for text in texts():
        try:
            expected = segno_rows(text, error)
        except segno.DataOverflowError:
            assert qr_version(text, error) is None
            with pytest.raises(segno.DataOverflowError):
                qr_rows(qr_segments(text), error)
            continue
        assert qr_rows(qr_segments(text), error) == expected, text[:40]
        assert len(expected) == 17 + 4 * (qr_version(text, error) or 0)
        compared += 1
    assert compared > 40  # most texts fit: the comparison is not vacuous


def test_the_matrix_of_booleans_is_the_same_code() -> None:
    rows = segno_rows(SEAL, "M")
    assert qr_modules(SEAL, "M") == tuple(tuple(m == "1" for m in row) for row in rows)


def test_the_printed_path_is_one_square_a_dark_module_trimmed_next_to_light() -> None:
    from desktop.documents.pdf import _qr_path, qr_rows

    trim = 0.05
    rows = qr_rows(SEAL, "M")
    ops = _qr_path(SEAL, "M", trim).split()
    assert ops[0] == "n" and ops[-1] == "f" and (len(ops) - 2) % 5 == 0
    squares = {}
    for k in range(1, len(ops) - 1, 5):
        x, y, w, h, op = ops[k : k + 5]
        assert op == "re"
        row, col = round(-(float(y) + float(h))), int(x)  # each square's top is its row's
        squares[row, col] = (float(w), float(h))
    dark = {(r, c) for r, line in enumerate(rows) for c, m in enumerate(line) if m == "1"}
    assert set(squares) == dark
    n = len(rows)
    for (r, c), (w, h) in squares.items():
        assert w == pytest.approx(1 if c + 1 < n and rows[r][c + 1] == "1" else 1 - trim)
        assert h == pytest.approx(1 if r + 1 < n and rows[r + 1][c] == "1" else 1 - trim)
