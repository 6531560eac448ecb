"""The one canonical form of YAML data for fingerprints: the same data gives the same digest on any machine."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_digest(data: Any) -> str:
    """The SHA-256 (hex) of the data as sorted, compact JSON."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
