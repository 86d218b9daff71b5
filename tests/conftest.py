"""Session-wide test setup: headless Qt and a private home for every run.

Qt tests run on the offscreen platform with one QApplication for the session (pytest-qt's ``qapp``).
``HALLTERM_HOME`` points core.paths at a temporary folder so no test touches the real user's config,
data or key files.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HALLTERM_HOME", tempfile.mkdtemp(prefix="hallterm-test-home-"))
