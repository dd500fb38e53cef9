"""Amounts in Vietnamese words (receipts), and amounts refused when they are not đồng."""

from __future__ import annotations

import pytest

from desktop.core.lifecycle import DomainError
from desktop.core.money import amount_in_words, format_dong, number_in_words, whole_dong


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (110, "Một trăm mười đồng"),
        (1_005, "Một nghìn không trăm lẻ năm đồng"),
        (5_000, "Năm nghìn đồng"),
        (50_000, "Năm mươi nghìn đồng"),
        (105_000, "Một trăm lẻ năm nghìn đồng"),
        (115_000, "Một trăm mười lăm nghìn đồng"),
        (1_000_500, "Một triệu năm trăm đồng"),  # the empty thousands group is not read
        (2_050_000, "Hai triệu không trăm năm mươi nghìn đồng"),
        (2_000_000, "Hai triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_000_000_001, "Một tỷ không trăm lẻ một đồng"),
        (
            1_234_567_891,
            "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn "
            "tám trăm chín mươi mốt đồng",
        ),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_every_number_to_a_million_reads_without_doubled_or_empty_words() -> None:
    seen = set()
    for n in range(0, 1_000_001, 7):
        words = number_in_words(n)
        assert "  " not in words and words == words.strip()
        assert not words.startswith(("không trăm", "lẻ", "mươi"))  # a number never leads so
        seen.add(words)
    assert len(seen) == len(range(0, 1_000_001, 7))  # different numbers, different words


@pytest.mark.parametrize("bad", [-1, 1.5, "12a", None, True])
def test_bad_amounts_are_refused(bad: object) -> None:
    with pytest.raises(DomainError):
        whole_dong(bad)


def test_figures_use_dots_between_thousands() -> None:
    assert format_dong(2_050_000) == "2.050.000" and whole_dong("50000") == 50_000
