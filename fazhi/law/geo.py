"""Places for 数字化城管: coordinate systems, point-in-polygon, and the unit grid (单元网格).

Coordinate systems. Phones report WGS-84. Map data published in China (高德/AMap boundaries, and so the
district boundaries the demo uses) is in GCJ-02, which shifts positions by up to several hundred metres. The
system stores and compares everything in GCJ-02: a phone's WGS-84 point is converted once, on the way in
(`wgs84_to_gcj02`), and converted back only to hand a point to a WGS-84 consumer. The conversion is the public
GCJ-02 formula (Krasovsky 1940 ellipsoid with the published polynomial offsets); its inverse is found by
fixed-point iteration to well under a metre. Outside China the two coincide.

Grid. A district without an official grid is tiled into square cells of about 100 m; a cell belongs to the
district if its centre does. Cell codes follow the 15-digit 单元网格 layout (legal-rules §d): 6-digit 区划代码,
3-digit 街道 (000: generated, not a real 街道), then the 6-digit cell number (row-major from the south-west), so a
generated grid holds up to 999,999 cells per district.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

A = 6378245.0                    # Krasovsky 1940 semi-major axis, as the GCJ-02 formula uses
EE = 0.00669342162296594323      # its eccentricity squared


def out_of_china(lng: float, lat: float) -> bool:
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _d_lat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _d_lng(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    if out_of_china(lng, lat):
        return lng, lat
    d_lat = _d_lat(lng - 105.0, lat - 35.0)
    d_lng = _d_lng(lng - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((A * (1 - EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (A / sqrt_magic * math.cos(rad) * math.pi)
    return lng + d_lng, lat + d_lat


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """Inverse by fixed-point iteration: find w with f(w) = g."""
    if out_of_china(lng, lat):
        return lng, lat
    w_lng, w_lat = lng, lat
    for _ in range(10):
        f_lng, f_lat = wgs84_to_gcj02(w_lng, w_lat)
        d_lng, d_lat = lng - f_lng, lat - f_lat
        w_lng, w_lat = w_lng + d_lng, w_lat + d_lat
        if abs(d_lng) < 1e-9 and abs(d_lat) < 1e-9:
            break
    return w_lng, w_lat


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius): for the 50 m duplicate rule and nearest supervisor."""
    lng1, lat1, lng2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


# --- polygons ------------------------------------------------------------------------------------------------

Ring = Sequence[Sequence[float]]


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@dataclass
class Area:
    """A GeoJSON Polygon or MultiPolygon (lng/lat, GCJ-02), with its bounding box for a quick reject."""

    polygons: list[list[Ring]]            # [[outer, hole, …], …]
    bbox: tuple[float, float, float, float] = field(init=False)

    def __post_init__(self) -> None:
        xs = [p[0] for poly in self.polygons for p in poly[0]]
        ys = [p[1] for poly in self.polygons for p in poly[0]]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))

    @classmethod
    def from_geojson(cls, geometry: dict[str, Any]) -> Area:
        g = geometry.get("geometry", geometry)
        if g["type"] == "Polygon":
            return cls([g["coordinates"]])
        if g["type"] == "MultiPolygon":
            return cls(list(g["coordinates"]))
        raise ValueError(f"不支持的几何类型：{g['type']}")

    def contains(self, lng: float, lat: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lng <= x1 and y0 <= lat <= y1):
            return False
        for poly in self.polygons:
            if _in_ring(lng, lat, poly[0]) and not any(_in_ring(lng, lat, hole) for hole in poly[1:]):
                return True
        return False


# --- the unit grid --------------------------------------------------------------------------------------------

CELL_METRES = 100.0
METRES_PER_DEGREE_LAT = 111_320.0


@dataclass
class Grid:
    """A regular grid over one district: cells by (row, col), codes per §d. Assigning a point is O(1)."""

    district_code: str
    origin: tuple[float, float]           # south-west corner (lng, lat)
    d_lng: float
    d_lat: float
    cells: dict[tuple[int, int], str]     # (row, col) → 15-digit code

    def cell_of(self, lng: float, lat: float) -> str | None:
        row = math.floor((lat - self.origin[1]) / self.d_lat)
        col = math.floor((lng - self.origin[0]) / self.d_lng)
        return self.cells.get((row, col))

    def centre(self, row: int, col: int) -> tuple[float, float]:
        return self.origin[0] + (col + 0.5) * self.d_lng, self.origin[1] + (row + 0.5) * self.d_lat

    def assign(self, points: Iterable[tuple[float, float]]) -> list[str | None]:
        cells, (x0, y0), dx, dy, floor = self.cells, self.origin, self.d_lng, self.d_lat, math.floor
        return [cells.get((floor((lat - y0) / dy), floor((lng - x0) / dx))) for lng, lat in points]


def tile(district_code: str, area: Area, metres: float = CELL_METRES) -> Grid:
    """Cover the district with ~`metres` square cells; keep those whose centre lies inside."""
    x0, y0, x1, y1 = area.bbox
    d_lat = metres / METRES_PER_DEGREE_LAT
    d_lng = metres / (METRES_PER_DEGREE_LAT * math.cos(math.radians((y0 + y1) / 2)))
    rows, cols = math.ceil((y1 - y0) / d_lat), math.ceil((x1 - x0) / d_lng)
    cells: dict[tuple[int, int], str] = {}
    n = 0
    for r in range(rows):
        for c in range(cols):
            lng, lat = x0 + (c + 0.5) * d_lng, y0 + (r + 0.5) * d_lat
            if area.contains(lng, lat):
                n += 1
                if n > 999_999:
                    raise ValueError("网格数超过六位编号上限，请加大网格尺寸")
                cells[(r, c)] = f"{district_code}000{n:06d}"
    return Grid(district_code, (x0, y0), d_lng, d_lat, cells)
