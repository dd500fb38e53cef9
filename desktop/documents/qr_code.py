"""The QR codes printed on papers, encoded with one fixed mask pattern (0).

segno encodes a code bit by bit in pure Python (~2 ms a verification code, more than the
rest of a receipt's drawing). Here everything that is the same for every code of one
version and error correction level — the finder, timing and alignment patterns, the
format and version information, the mask, the order in which the message's bits are
placed — is made once, by segno itself, as a template; a code is then its message (the
segments' bits, the padding, the Reed–Solomon codewords, interleaved) scattered into that
template with one permutation and one XOR. The result is, module for module, what
``segno.make(segments, error=…, mask=0, micro=False, boost_error=False)`` draws (a test
compares them), in a tenth of the time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import zip_longest
from operator import itemgetter
from typing import Any

from segno import DataOverflowError, consts
from segno import encoder as segno_encoder

NUMERIC, ALPHANUMERIC, BYTE = consts.MODE_NUMERIC, consts.MODE_ALPHANUMERIC, consts.MODE_BYTE
# segno's tables (it has no type hints)
_COUNT_BITS: Any = consts.CHAR_COUNT_INDICATOR_LENGTH
_CAPACITY: Any = consts.SYMBOL_CAPACITY
_BLOCKS: Any = consts.ECC
_ALPHANUMERIC_VALUE = {chr(c): n for n, c in enumerate(consts.ALPHANUMERIC_CHARS)}
_PAD = (0xEC, 0x11)


def qr_rows(segments: Sequence[tuple[str, int]], error: str) -> tuple[str, ...]:
    """The code's modules, a string of "1" (dark) and "0" a row, top row first, no quiet
    zone. Raises segno's ``DataOverflowError`` when no version holds the text."""
    level = consts.ERROR_MAPPING[error]
    pieces = [_segment_bits(text, mode) for text, mode in segments]
    version = _version(pieces, level)
    symbol = _symbol(version, level)
    bits, length = 0, 0
    ranged = _count_range(version)
    for mode, count, value, size in pieces:
        width = _COUNT_BITS[mode][ranged]
        bits = (((bits << 4 | mode) << width | count) << size) | value
        length += 4 + width + size
    capacity = _CAPACITY[version][level]
    # Terminator, then zeros to the next whole byte: a whole zero byte when already at
    # one, as segno writes it (readers stop at the terminator).
    stop = min(capacity - length, 4)
    length += stop
    fill = 8 - length % 8
    bits <<= stop + fill
    length += fill
    data = bytearray(bits.to_bytes(length // 8, "big"))
    for n in range(capacity // 8 - length // 8):
        data.append(_PAD[n % 2])
    message = _interleaved(symbol, data)
    placed = format(int.from_bytes(message, "big"), f"0{len(message) * 8}b")
    placed += "0" * (symbol.remainder + 1)  # the last "0" answers every function module
    size = symbol.size
    modules = int("".join(symbol.order(placed)), 2) ^ symbol.template
    flat = format(modules, f"0{size * size}b")
    return tuple(flat[k : k + size] for k in range(0, size * size, size))


def qr_version(segments: Sequence[tuple[str, int]], error: str) -> int | None:
    """The smallest version that holds the segments at ``error`` (None: none does)."""
    try:
        return _version([_segment_bits(t, m) for t, m in segments], consts.ERROR_MAPPING[error])
    except DataOverflowError:
        return None


def _segment_bits(text: str, mode: int) -> tuple[int, int, int, int]:
    """(mode, character count, bits as a number, their count) of one segment."""
    if mode == NUMERIC:
        value, size = 0, 0
        for k in range(0, len(text), 3):
            chunk = text[k : k + 3]
            width = len(chunk) * 3 + 1
            value, size = value << width | int(chunk), size + width
        return mode, len(text), value, size
    if mode == ALPHANUMERIC:
        value, size = 0, 0
        codes = [_ALPHANUMERIC_VALUE[c] for c in text]
        for k in range(0, len(codes) - 1, 2):
            value, size = value << 11 | codes[k] * 45 + codes[k + 1], size + 11
        if len(codes) % 2:
            value, size = value << 6 | codes[-1], size + 6
        return mode, len(text), value, size
    data = _bytes(text)
    return BYTE, len(data), int.from_bytes(data, "big"), len(data) * 8


def _bytes(text: str) -> bytes:
    """The text in byte mode as segno encodes it: ISO 8859-1, else Shift JIS, else UTF-8."""
    for encoding in (consts.DEFAULT_BYTE_ENCODING, consts.KANJI_ENCODING):
        try:
            return text.encode(encoding)
        except UnicodeError:
            continue
    return text.encode("utf-8")


def _version(pieces: list[tuple[int, int, int, int]], level: int) -> int:
    data = sum(size for _, _, _, size in pieces)
    for version in range(1, 41):
        ranged = _count_range(version)
        header = sum(4 + _COUNT_BITS[m][ranged] for m, _, _, _ in pieces)
        if _CAPACITY[version][level] >= data + header:
            return version
    raise DataOverflowError("Data too large. No QR Code can handle the provided data")


def _interleaved(symbol: _Symbol, data: bytearray) -> bytes:
    """The data codewords block by block, each block's Reed–Solomon codewords, both
    interleaved (ISO/IEC 18004 7.6)."""
    blocks, corrections, start = [], [], 0
    table, shift, keep = symbol.products, 8 * (symbol.ec_size - 1), (1 << 8 * symbol.ec_size) - 1
    for size in symbol.blocks:
        block = data[start : start + size]
        start += size
        # The remainder of the division by the generator, as a shift register of
        # ec_size bytes held in one number: one table look-up a data codeword.
        rest = 0
        for byte in block:
            rest = ((rest << 8) & keep) ^ table[(rest >> shift) ^ byte]
        blocks.append(block)
        corrections.append(rest.to_bytes(symbol.ec_size, "big"))
    out = bytearray(b for column in zip_longest(*blocks) for b in column if b is not None)
    out += bytes(b for column in zip(*corrections, strict=True) for b in column)
    return bytes(out)


class _Symbol:
    """What every code of one version and error level shares."""

    def __init__(self, version: int, level: int) -> None:
        self.size = size = segno_encoder.calc_matrix_size(version)  # type: ignore[no-untyped-call]
        infos = _BLOCKS[version][level]
        self.blocks = [info.num_data for info in infos for _ in range(info.num_blocks)]
        self.ec_size = infos[0].num_total - infos[0].num_data
        exp, log = consts.GALIOS_EXP, consts.GALIOS_LOG
        generator = consts.GEN_POLY[self.ec_size]
        self.products = [0] + [
            int.from_bytes(bytes(exp[log[c] + g] for g in generator), "big") for c in range(1, 256)
        ]
        self.remainder = _remainder_bits(version)
        bits = sum(info.num_total * info.num_blocks for info in infos) * 8 + self.remainder
        # The placement order: segno's own, by placing numbered bits in a matrix of lists;
        # a function module takes the bit after the message, always "0".
        matrix: Any = [list(row) for row in _function_patterns(size)]
        segno_encoder.add_codewords(matrix, [(k,) for k in range(bits)], version)  # type: ignore[no-untyped-call]
        self.order = itemgetter(
            *(c[0] if isinstance(c, tuple) else bits for r in matrix for c in r)
        )
        # The template: segno's code for an all-zero message with mask 0, format and
        # version information.
        zero: Any = _function_patterns(size)
        segno_encoder.add_codewords(zero, [0] * bits, version)  # type: ignore[no-untyped-call]
        _, zero = segno_encoder.find_and_apply_best_mask(zero, size, size, 0)  # type: ignore[no-untyped-call]
        segno_encoder.add_format_info(zero, version, level, 0)  # type: ignore[no-untyped-call]
        segno_encoder.add_version_info(zero, version)  # type: ignore[no-untyped-call]
        flat = "".join(str(m) for row in zero for m in row)
        if set(flat) - {"0", "1"}:  # pragma: no cover  # a segno change
            raise RuntimeError("QR template not fully placed")
        self.template = int(flat, 2)


def _function_patterns(size: int) -> Any:
    matrix = segno_encoder.make_matrix(size, size)  # type: ignore[no-untyped-call]
    segno_encoder.add_finder_patterns(matrix, size, size)  # type: ignore[no-untyped-call]
    segno_encoder.add_alignment_patterns(matrix, size, size)  # type: ignore[no-untyped-call]
    return matrix


def _count_range(version: int) -> int:
    """The character count indicators' size class of a version (ISO/IEC 18004 table 3)."""
    if version < 10:
        return int(consts.VERSION_RANGE_01_09)
    return int(consts.VERSION_RANGE_10_26 if version < 27 else consts.VERSION_RANGE_27_40)


def _remainder_bits(version: int) -> int:
    """Bits left over after the last codeword (ISO/IEC 18004 table 1), as segno adds them."""
    if version in (2, 3, 4, 5, 6):
        return 7
    if version in (14, 15, 16, 17, 18, 19, 20, 28, 29, 30, 31, 32, 33, 34):
        return 3
    if version in (21, 22, 23, 24, 25, 26, 27):
        return 4
    return 0


@cache
def _symbol(version: int, level: int) -> _Symbol:
    return _Symbol(version, level)
