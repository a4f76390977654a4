"""The domain core stays free of Textual; the TUI is a shell around it."""

from __future__ import annotations

import subprocess
import sys

CORE = ["reader.records", "reader.text", "reader.errors", "reader.ingest",
        "reader.language.analysis", "reader.language.quotes", "reader.cite",
        "reader.search", "reader.search.whoosh.backend", "reader.sync", "reader.library",
        "reader.cli", "reader.cli.commands", "reader.display"]


def test_core_modules_never_import_textual():
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')"
        " or m.startswith('reader.tui'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_core_imports_cleanly_with_warnings_as_errors():
    code = "; ".join(f"import {name}" for name in CORE)
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_import_linter_contract_forbids_core_to_tui_imports():
    import shutil

    from .conftest import ROOT

    linter = shutil.which("lint-imports") or str(
        __import__("pathlib").Path(sys.executable).with_name("lint-imports"))
    done = subprocess.run([linter, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_is_clean():
    from .conftest import ROOT

    targets = [name for name in ("reader", "tests", "bench") if (ROOT / name).is_dir()]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", *targets],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
