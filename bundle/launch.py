"""The one program inside the desk's bundle: ``motcua-desk`` opens the window, ``motcua``
(the same code under another name) is the command line. One analysis, one set of
libraries, two executables side by side in one folder."""

import sys
from pathlib import Path

if Path(sys.executable).stem.lower() == "motcua":
    from desktop.cli import main
else:
    from desktop.ui.app import main

raise SystemExit(main())
