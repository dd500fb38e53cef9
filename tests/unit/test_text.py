"""Folding Vietnamese names for search."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.text import _strip_marks, fold


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Nguyễn Văn Ánh", "nguyen van anh"),
        ("ĐẶNG  Thị   Ðào", "dang thi ðao"),  # Ð (U+00D0, Icelandic eth) is not Đ
        ("Đặng Thị Đào", "dang thi dao"),
        ("  Lò Văn Quản ", "lo van quan"),
        ("Giàng A Páo", "giang a pao"),
        ("Hoàng Thị Bích Ngọc", "hoang thi bich ngoc"),
        ("Vũ Thị Thu Hường", "vu thi thu huong"),
    ],
)
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_decomposed_input_folds_like_precomposed() -> None:
    name = "Nguyễn Thị Ánh Tuyết"
    assert fold(unicodedata.normalize("NFD", name)) == fold(name) == "nguyen thi anh tuyet"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1EFF)))
def test_fast_path_agrees_with_decomposition(text: str) -> None:
    slow = " ".join(_strip_marks(unicodedata.normalize("NFC", text)).lower().split())
    assert fold(text) == slow
