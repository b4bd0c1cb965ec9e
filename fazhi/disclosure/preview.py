"""The publisher's preview on the case page: exactly what publishing will put on the portal, masked
(disclosure.public), with every hidden span marked so the publisher can check each one, and a box to add what
the masker missed (a name it did not recognise, a shop sign with a person's name): the preview is shown again
with the additions, and publishing takes the same list. Offered to the case page through the core registry
(`case_publish_preview`), so cases does not import disclosure."""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fazhi.core.params import BadInput
from fazhi.disclosure.actions import PREVIEW_LABELS, also_masked, public_content

_HIDDEN = re.compile(r"\[[^\[\]]{1,12}已隐去\]|\*+")


def marked(text: str) -> SafeString:
    """The text, escaped, with each hidden span in <mark> (a masked name's stars, a placeholder)."""
    out, last = [], 0
    for m in _HIDDEN.finditer(text):
        out += [escape(text[last:m.start()]), f'<mark class="masked">{escape(m.group(0))}</mark>']
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 — every part is escaped above


def publish_preview(case, also_text: str = "") -> dict:
    error = ""
    try:
        also = also_masked(also_text)
    except BadInput as e:
        also, error = [], e.message
    shown = public_content(case, also)
    rows = [(label, marked(shown.get(key, "") or "")) for key, label in PREVIEW_LABELS
            if shown.get(key) or key in ("party", "facts")]
    return {"rows": rows, "also": "\n".join(also) if not error else also_text, "error": error,
            "hidden": sum(len(_HIDDEN.findall(str(shown.get(key, "")))) for key, _ in PREVIEW_LABELS)}
