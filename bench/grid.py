"""grid_assign_s: 1,000,000 points assigned to a 10,000-cell unit grid (株洲 荷塘区, real boundary, cells sized
to give about 10,000), plus the time to generate the grid itself. Reads the boundary from shared/data (a bench
input, not something the product needs at run time)."""
from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

from fazhi.law.geo import Area, tile

SHARED = Path(os.environ.get("FAZHI_SHARED_DIR") or Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "shared")


def run(points: int = 1_000_000) -> dict:
    area = Area.from_geojson(json.loads((SHARED / "data" / "hunan-boundaries" / "430202.geojson").read_text()))
    t = time.perf_counter()
    grid = tile("430202", area, metres=117.0)
    tile_s = time.perf_counter() - t
    rng = random.Random(3)
    x0, y0, x1, y1 = area.bbox
    pts = [(rng.uniform(x0, x1), rng.uniform(y0, y1)) for _ in range(points)]
    t = time.perf_counter()
    cells = grid.assign(pts)
    assign_s = time.perf_counter() - t
    inside = sum(c is not None for c in cells)
    out = {"grid_assign_s": {"value": round(assign_s, 3), "unit": "s", "goal": "≤ 10", "points": points,
                             "cells": len(grid.cells), "points_in_district": inside, "grid_build_s": round(tile_s, 2)}}
    print(out, flush=True)
    return out
