"""The wheel as a commune's PC gets it: built from the checkout, installed into a fresh
virtualenv without the portal extra, and run from a folder far from the checkout — every
resource (calendar, catalogue, fonts, wording) must come from inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import desktop
from desktop.store.db import connect as connect_db  # the demo's database is encrypted

CHECKOUT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # pip installs the desk's dependencies: minutes, not seconds


def run(
    command: list[str], cwd: Path, stdin: str = "", timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    # Nothing of the checkout or its virtualenv leaks in: no PYTHONPATH, no resources override.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "MOTCUA_RESOURCES", "VIRTUAL_ENV")}  # fmt: skip
    # The user's own folders are this test's (the default database lives there).
    env.update(QT_QPA_PLATFORM="offscreen", MOTCUA_LOG_DIR=str(cwd / "log"),
               XDG_DATA_HOME=str(cwd / "data"), XDG_STATE_HOME=str(cwd / "state"))  # fmt: skip
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True,
                            timeout=timeout, env=env)  # fmt: skip
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtualenv holding the wheel (and not the portal extra)."""
    work = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"),
         str(CHECKOUT)], cwd=work)  # fmt: skip
    (wheel,) = (work / "dist").glob("motcua_desk-*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         str(wheel)], cwd=work)  # fmt: skip
    return bin_dir


def test_the_installed_desk_runs_from_anywhere(installed: Path, tmp_path: Path) -> None:
    here = tmp_path / "xa-tam-duong"  # an ordinary folder outside the checkout
    here.mkdir()
    motcua = str(installed / "motcua")
    version = run([motcua, "--version"], here)
    assert version.stdout == f"motcua {desktop.__version__}\n"

    # No desk yet: the province calendar shipped inside the package (Tết 2026 counted).
    due = run([motcua, "due-date", "--received", "2026-02-13T16:30", "--days", "5"], here)
    assert due.stdout == "2026-02-27\n"
    made = run([motcua, "demo", "--db", "desk.db", "--count", "30"], here)  # the catalogue
    assert "canbo1" in made.stdout
    by_procedure = run([motcua, "due-date", "--db", "desk.db", "--received",
                        "2026-03-02T08:00", "--procedure", "MAU-CT-003"], here)  # fmt: skip
    assert by_procedure.stdout.startswith("2026-03-")

    with connect_db(here / "desk.db") as conn:  # an accepted dossier: it has a Mẫu 01
        (dossier,) = conn.execute(
            "SELECT d.code FROM dossiers d JOIN acts a ON a.dossier_id = d.id "
            "WHERE a.act = 'accept' ORDER BY d.code LIMIT 1"
        ).fetchone()
    run([motcua, "print", "m01", "--db", "desk.db", "--dossier", dossier, "--out", "m01.pdf",
         "--user", "canbo1"], here, stdin="canbo1-demo\n")  # fmt: skip
    text = subprocess.run(["pdftotext", str(here / "m01.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert dossier in text and "TIẾP NHẬN" in text.upper()  # the embedded font's Vietnamese

    run([str(installed / "motcua-desk"), "--db", "desk.db", "--quit-after-start"], here)
    assert "LoginDialog shown" in (here / "log" / "motcua.log").read_text("utf-8")


def test_the_portal_is_an_extra(installed: Path, tmp_path: Path) -> None:
    python = str(installed / "python")
    absent = subprocess.run([python, "-c", "import fastapi"], capture_output=True, cwd=tmp_path)
    assert absent.returncode != 0  # the desk did not bring the portal's server stack
    refused = subprocess.run([str(installed / "motcua-portal"), "serve", "--db", "p.db"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=60)  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.startswith("motcua: lỗi:") and refused.stderr.count("\n") == 1
    assert 'pip install "motcua-desk[portal]"' in refused.stderr
    assert not (tmp_path / "p.db").exists()
