"""Run every benchmark at full size, one after the other (`make bench`).

Each script prints its own results; copy them into BENCHMARKS.md with the command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ["classify_bench.py", "parse_classify_bench.py", "purge_bench.py", "import_bench.py",
           "throughput_bench.py", "latency_bench.py", "events_bench.py"]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        print(f"\n=== {script}", flush=True)  # noqa: T201
        if subprocess.run([sys.executable, str(HERE / script)]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\ntargets missed in: {', '.join(failed)}")  # noqa: T201
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
