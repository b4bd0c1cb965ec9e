"""Where the suite finds the public data it tests against: the copies shipped in tests/fixtures/shared
(each with its SOURCE.txt and licence), or FAZHI_SHARED_DIR with the same layout."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("FAZHI_SHARED_DIR") or Path(__file__).resolve().parent / "fixtures" / "shared")


def answered() -> dict:
    """The fields of an answered challenge (org/challenge.py), for tests that post anonymous reports."""
    from fazhi.org.challenge import question_for

    return {"challenge": question_for(2, 3).token, "challenge_answer": "5"}
