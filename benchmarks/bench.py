"""`make bench`: runs every benchmarks/bench_*.py in turn; each prints its own figures and command."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

here = Path(__file__).parent
for script in sorted(here.glob("bench_*.py")):
    print(f"== {script.name}")
    sys.stdout.flush()
    runpy.run_path(str(script), run_name="__main__")
    print()
