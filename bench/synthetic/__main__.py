"""Run it alone to write a trust and print what it wrote: `python bench/synthetic DIR [SCHOOLS]`."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
REPO = BENCH.parent
for folder in (REPO, BENCH):  # the repository for generator, bench/ for this package
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from synthetic.trust import write_trust  # noqa: E402

if __name__ == "__main__":
    target = Path(sys.argv[1])
    trust = write_trust(target, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    print(f"{len(trust.school_ids)} schools, {trust.files} files ({trust.overlays} overlays, {trust.archives} archives) in {target}")
    print(f"rare policy {trust.rare_policy} used by {', '.join(trust.rare_schools)}")
    print(f"school edit: {trust.school_edit}")
    print(f"trust edit: {trust.trust_edit}")
