"""``motcua-portal`` (or ``python -m sync.portal``): the reference portal's commands.

The same commands as ``motcua portal …``; they need the portal's packages, installed with
``pip install "motcua-desk[portal]"``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli import main as motcua

    return motcua(["portal", *(sys.argv[1:] if argv is None else argv)], prog="motcua-portal")


if __name__ == "__main__":
    raise SystemExit(main())
