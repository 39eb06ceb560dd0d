"""The shared set of real alliance statements, scored by its own score.py.

A floor, not the figures: benchmarks/alignment_quality.py prints those. The
set lives outside the repository (``$TRACKER_EVAL_DATA``, else beside the
checkout); without it the test is skipped.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
BASE = Path(os.environ.get("TRACKER_EVAL_DATA") or SHARED / "eval")
SCORE = next((f / "score.py" for f in (BASE / "alignment", BASE) if (f / "score.py").is_file()),
             None)


@pytest.mark.skipif(SCORE is None, reason="shared alignment set absent")
def test_real_statements_align_well():
    result = subprocess.run(
        [sys.executable, str(SCORE), "--json", "--tracker", f"{sys.executable} -m tracker"],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    tracker = json.loads(result.stdout)["tracker"]
    assert tracker["errors"] == 0
    assert tracker["precision"] >= 0.95
    assert tracker["f1"] >= 0.9
    assert tracker["moved_found"] >= 8
    assert tracker["moved_false"] <= 1
    assert tracker["strength_right"] >= 30
