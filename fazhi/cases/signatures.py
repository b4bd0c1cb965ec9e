"""The party's signature drawn on a phone (the field page's pad, or an API client's) as a PNG data URL: read once
here for the page and the API, stored with the on-the-spot decision and printed on the copy handed over."""
from __future__ import annotations

import base64
import binascii
from io import BytesIO

SIGNATURE_MAX_BYTES = 300 * 1024
INVALID = "签名图像无效，请重新签名"


def signature_file(data_url: str) -> BytesIO | None:
    """The PNG of a `data:image/png;base64,…` URL as a file for the evidence store, None when empty; ValueError with
    a Chinese message when it is not a PNG or larger than SIGNATURE_MAX_BYTES."""
    if not data_url:
        return None
    head, _, body = data_url.partition(",")
    if head != "data:image/png;base64" or len(body) > SIGNATURE_MAX_BYTES * 4 // 3 + 4:
        raise ValueError(INVALID)
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(INVALID)
    if not raw.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(INVALID)
    return BytesIO(raw)


def drawn(seed: int = 0) -> bytes:
    """A hand-drawn-looking signature (PNG, transparent, 300 × 100 px) for the demo and the tests: a few strokes
    as a finger draws them on the field page's pad."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    img = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    pen = ImageDraw.Draw(img)
    x = 20
    for _ in range(3):  # three characters, each a few strokes
        for _ in range(rng.randint(2, 4)):
            points = [(x + rng.randint(0, 50), rng.randint(20, 80)) for _ in range(rng.randint(3, 6))]
            pen.line(points, fill=(20, 20, 20, 255), width=4, joint="curve")
        x += 85
    out = BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()
