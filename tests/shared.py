"""Where the suite finds the public data it tests against: the copies shipped in tests/fixtures/shared
(each with its SOURCE.txt and licence), or FAZHI_SHARED_DIR with the same layout."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("FAZHI_SHARED_DIR") or Path(__file__).resolve().parent / "fixtures" / "shared")
