"""Tiền — amounts in whole đồng, and the amount in Vietnamese words on every receipt.

Reading rules (as on Vietnamese invoices and receipts):
- tens: "mười" for 1x, "<chữ số> mươi" from 20; after "mươi" a 1 reads "mốt" and a 4 reads
  "tư"; a 5 after any ten reads "lăm" ("mười lăm", "hai mươi lăm");
- "lẻ" when the tens are zero but the units are not, after hundreds ("một trăm lẻ năm") or
  inside a longer number ("một nghìn không trăm lẻ năm");
- a group of three digits that is not the leading one says its hundreds even when zero
  ("hai triệu không trăm năm mươi nghìn");
- **empty groups** (000) are left out entirely, scale word included: 1,000,500 reads
  "một triệu năm trăm", not "một triệu không nghìn năm trăm". This is the one convention
  used everywhere in the desk;
- scales go nghìn, triệu, tỷ, and repeat after tỷ ("một nghìn tỷ").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.core.lifecycle import DomainError, DossierState

# Đ10.3: fees come back only when the office did not perform the service; a finished result
# the citizen did not collect is not a reason.
REFUNDABLE = frozenset({DossierState.REFUSED, DossierState.WITHDRAWN, DossierState.STOPPED,
                        DossierState.DENIED})  # fmt: skip


def refundable_items(
    items: Iterable[Mapping[str, Any]], state: DossierState, worked_on: bool
) -> list[Mapping[str, Any]]:
    """What of a payment's items is given back (Đ10.3; docs/LEGAL.md §4) — one rule for the
    desk and the portal.

    Lệ phí pays for the administrative service itself: refunded whenever the office did not
    perform it (refused, withdrawn, stopped, denied) — Đ10.3's own words. Phí pays for the
    cost of work (appraisal, copying, searching): refunded only when that work never began,
    i.e. the dossier never reached the specialist department (``worked_on`` false); once it
    was handed over (a denial is the appraisal's outcome) the phí paid for work done."""
    if state not in REFUNDABLE:
        return []
    return [i for i in items if i.get("kind") == "le_phi" or not worked_on]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def whole_dong(value: object) -> int:
    """An amount in whole đồng, refused with a clear message when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        else:
            raise DomainError(f"Số tiền “{value}” không phải số nguyên đồng.")
    if value < 0:
        raise DomainError(f"Số tiền không được âm ({value}).")
    return value


def format_dong(amount: int) -> str:
    """50000 → "50.000" (dots between thousands, as printed in Vietnam)."""
    return f"{amount:,}".replace(",", ".")


def amount_in_words(amount: int) -> str:
    """2050000 → "Hai triệu không trăm năm mươi nghìn đồng"."""
    words = number_in_words(whole_dong(amount))
    return f"{words[0].upper()}{words[1:]} đồng"


def number_in_words(n: int) -> str:
    if n == 0:
        return "không"
    return " ".join(_words(n, leading=True))


def _words(n: int, leading: bool) -> list[str]:
    """Words for ``n`` (> 0); ``leading`` when nothing is read before it."""
    billions, rest = divmod(n, 1_000_000_000)
    out: list[str] = []
    if billions:
        out += [*_words(billions, leading), "tỷ"]
    groups = [(rest // 1000**i) % 1000 for i in (2, 1, 0)]
    for scale, group in zip(("triệu", "nghìn", ""), groups, strict=True):
        if group == 0:
            continue  # the documented convention: an empty group is not read at all
        out += _group(group, leading=leading and not out)
        if scale:
            out.append(scale)
    return out


def _group(n: int, leading: bool) -> list[str]:
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if hundreds or not leading:
        out += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            out += (["lẻ"] if out else []) + [DIGITS[units]]
        return out
    if tens == 1:
        out.append("mười")
    else:
        out += [DIGITS[tens], "mươi"]
    if units == 1:
        out.append("mốt" if tens > 1 else "một")
    elif units == 4:
        out.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        out.append("lăm")
    elif units:
        out.append(DIGITS[units])
    return out
