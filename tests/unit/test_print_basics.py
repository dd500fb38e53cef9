"""What every printed paper shares: dates and numbers as Nghị định 30/2020 writes them, a
Times-metric font with every Vietnamese letter embedded, and seals that verify whether
printed now (decimal signature) or before (base64)."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.core.calendar import OFFICE_TZ
from desktop.core.seals import Seal, TrustedKey, b64, key_id, sign, verify
from desktop.documents.pdf import (
    FONT_FILES,
    dated_line,
    register_fonts,
    vn_date,
    vn_day,
    vn_days,
    vn_number,
)
from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.context import Actor, Desk
from tests.conftest import T0, incoming


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2026, 1, 5), "Ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 15), "Ngày 15 tháng 3 năm 2026"),
        (date(2026, 12, 9), "Ngày 09 tháng 12 năm 2026"),
        (date(2026, 10, 1), "Ngày 01 tháng 10 năm 2026"),
    ],
)
def test_dates_pad_days_below_10_and_only_months_1_and_2(day: date, written: str) -> None:
    assert vn_date(day) == written
    assert vn_day(day) == written[0].lower() + written[1:]
    assert vn_date(datetime.combine(day, datetime.min.time(), OFFICE_TZ).replace(hour=9)) == written


def test_a_moment_is_dated_by_the_office_s_day() -> None:
    late_evening = datetime(2026, 2, 28, 18, 30, tzinfo=UTC)  # 01:30 on 1 March at the office
    assert vn_date(late_evening) == "Ngày 01 tháng 3 năm 2026"
    assert dated_line("Tam Đường", late_evening) == "Tam Đường, ngày 01 tháng 3 năm 2026"
    assert dated_line("", date(2026, 1, 5)) == "Ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize(
    ("value", "written"),
    [(0.5, "0,5"), (1.5, "1,5"), (3, "3"), (3.0, "3"), ("2,5", "2,5"), ("10.50", "10,5"),
     (Decimal("45"), "45"), (1250, "1.250"), (Decimal("1250.75"), "1.250,75"), (-0.5, "-0,5")],
)  # fmt: skip
def test_numbers_take_a_decimal_comma_and_whole_ones_no_decimals(
    value: float | str | Decimal, written: str
) -> None:
    assert vn_number(value) == written
    assert vn_days(value) == f"{written} ngày"


@pytest.mark.parametrize("bad", ["", "nửa ngày", "nan", "inf"])
def test_what_is_not_a_number_is_refused_with_a_message(bad: str) -> None:
    with pytest.raises(ValueError, match="không phải là một số"):
        vn_number(bad)


def vietnamese_letters() -> str:
    """Every letter of Vietnamese, both cases: the vowels with each of the five tones."""
    base = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    letters = {unicodedata.normalize("NFC", v + t) for v in base for t in tones}
    letters |= set("bcdđghklmnpqrstvx")
    return "".join(sorted(letters | {c.upper() for c in letters}))


def test_every_vietnamese_letter_has_a_glyph_in_each_face() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 17)
    for name in FONT_FILES:
        face = pdfmetrics.getFont(name).face
        missing = [c for c in letters if ord(c) not in face.charToGlyph]
        assert not missing, (name, missing)


def test_a_receipt_embeds_liberation_serif_and_no_other_font(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    from desktop.documents.receipt import print_receipt

    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 1, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003", name="Lò Thị Hoà"))
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    out = tmp_path / "bien-lai.pdf"
    print_receipt(desk, officer, outcome.receipt.id, out)
    listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    fonts = listed.stdout.splitlines()[2:]
    assert len(fonts) == 3  # regular, bold, italic
    for row in fonts:
        assert "LiberationSerif" in row and " yes yes " in row, row  # embedded, subset


def keys() -> tuple[Ed25519PrivateKey, str, dict[str, TrustedKey]]:
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    kid = key_id(public)
    return private, kid, {kid: TrustedKey(b64(public), "XA-TAMDUONG")}


SEAL = Seal("BL", "TD-26T/0000041", "XA-TAMDUONG-260302-000123", 50000, "2026-03-02",
            "XA-TAMDUONG")  # fmt: skip


def test_a_seal_carries_its_signature_in_decimal_and_a_changed_digit_fails() -> None:
    private, kid, trusted = keys()
    text = sign(private, kid, SEAL)
    signature = text.rsplit("|", 1)[1]
    assert len(signature) == 155 and signature.isdigit()
    assert verify(text, trusted).valid
    last = "1" if signature[-1] != "1" else "2"
    assert not verify(text[:-1] + last, trusted).valid
    assert not verify(text.replace("|50000|", "|90000|"), trusted).valid
    too_big = text.rsplit("|", 1)[0] + "|" + "9" * 155  # more than 64 bytes hold
    assert not verify(too_big, trusted).valid


def test_a_seal_printed_before_with_a_base64_signature_still_verifies() -> None:
    private, kid, trusted = keys()
    body = "|".join([*SEAL.fields(), kid])
    old = f"{body}|{b64(private.sign(body.encode()))}"  # how papers were signed before
    assert len(old.rsplit("|", 1)[1]) == 86
    assert verify(old, trusted).valid
    assert not verify(old.replace("|50000|", "|90000|"), trusted).valid
