"""The publisher's preview on the case page: exactly what publishing will put on the portal, masked
(disclosure.public). Offered to the case page through the core registry (`case_publish_preview`), so cases does
not import disclosure."""
from __future__ import annotations

from fazhi.disclosure.actions import PREVIEW_LABELS, public_content


def publish_preview(case) -> list[tuple[str, str]]:
    shown = public_content(case)
    return [(label, shown.get(key, "")) for key, label in PREVIEW_LABELS if shown.get(key) or key in ("party", "facts")]
