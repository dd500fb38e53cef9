"""Bản quét mẫu — small but real scans for demo dossiers: multi-page PDFs and PNG photos.

Written by hand (no imaging library on the portal): a PDF with one text line per page in
a standard font, and a greyscale PNG with a paper-like pattern. Both open in any viewer.
"""

from __future__ import annotations

import random
import struct
import zlib


def demo_pdf(title: str, pages: int) -> bytes:
    """A valid PDF of ``pages`` pages; ``title`` is written in ASCII (the standard fonts
    carry no Vietnamese glyphs, and a scan's text is not what the desk reads anyway)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # pages filled below
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for n in range(1, pages + 1):
        stream = f"BT /F1 18 Tf 72 760 Td ({text} - trang {n}/{pages}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), pages)  # fmt: skip
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


def demo_png(seed: int, width: int = 320, height: int = 240) -> bytes:
    """A greyscale photo-like PNG (a lit page with lines of "text")."""
    rng = random.Random(seed)
    words = [(rng.randrange(24, width - 60), rng.randrange(20, 80)) for _ in range(height // 24)]
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        start, length = words[min(y // 24, len(words) - 1)]
        ink = 8 <= y % 24 <= 14 and 20 < y < height - 20
        for x in range(width):
            shade = 205 + (x // 16 + y // 16) % 3 * 8  # uneven light on the page
            rows.append(shade - 130 if ink and start <= x < start + length * 2 else shade)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))  # fmt: skip
