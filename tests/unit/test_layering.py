"""Dependencies point one way: core ← store ← services ← ui; Qt only in desktop/ui."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules_under(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py")]


def test_qt_is_imported_only_in_desktop_ui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in modules_under("desktop", "sync")
        if "ui" not in p.relative_to(ROOT).parts
        and p.name != "__main__.py"
        and any(name.startswith(("PySide6", "PyQt")) for name in imports_of(p))
    ]
    assert offenders == []


def test_core_knows_neither_sql_nor_the_layers_above() -> None:
    forbidden = (
        "sqlalchemy",
        "alembic",
        "desktop.store",
        "desktop.services",
        "desktop.ui",
        "PySide6",
        "sync",
    )
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in imports_of(p) if n.startswith(forbidden))
        for p in modules_under("desktop/core")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_store_and_services_do_not_reach_up() -> None:
    for folder, forbidden in (
        ("desktop/store", ("desktop.services", "desktop.ui")),
        ("desktop/services", ("desktop.ui",)),
    ):
        for p in modules_under(folder):
            assert not [n for n in imports_of(p) if n.startswith(forbidden)], p


def test_importing_everything_below_ui_loads_no_qt() -> None:
    modules = [
        *sorted(
            ".".join(p.relative_to(ROOT).with_suffix("").parts)
            for p in modules_under("desktop/core", "desktop/store", "desktop/services", "sync")
            if "migrations" not in p.parts
        ),
        "desktop.cli",
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


# The fee receipt's two drawings still gather their own data and record their prints; they
# move behind the papers service like the forms did, and leave this list.
DOCUMENTS_STILL_GATHERING = {"desktop/documents/receipt.py", "desktop/documents/thermal.py"}


def test_documents_only_draw() -> None:
    """Documents receive plain data (seal text included) and draw it: no SQL, no store, no
    services (where the data is gathered, prints audited and the signing keys kept)."""
    forbidden = ("sqlalchemy", "desktop.store", "desktop.services", "desktop.ui")
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in imports_of(p) if n.startswith(forbidden))
        for p in modules_under("desktop/documents")
    }
    found = {k: v for k, v in offenders.items() if v}
    assert set(found) == DOCUMENTS_STILL_GATHERING, found


def test_the_signing_keys_live_in_the_services() -> None:
    assert not (ROOT / "desktop/documents/seal.py").exists()
    assert "document_key" in (ROOT / "desktop/services/document_keys.py").read_text("utf-8")
