"""``python -m desktop`` opens the desk window."""

from desktop.ui.app import main

raise SystemExit(main())
