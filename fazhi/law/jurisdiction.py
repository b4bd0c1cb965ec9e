"""Where a catalogue list applies (CAT-01).

A 裁量基准 or 权责清单 records its area as a prefix of the administrative division code (GB/T 2260): "" for the
whole country (national laws and administrative regulations), "43" for 湖南省, "4302" for 株洲市, "4403" for
深圳市. A bureau's code is its six-digit division code (squads add a suffix), so a list applies to a bureau when
the bureau, or one above it, lies inside the area. A 经济特区法规 is made under the NPC's authorisation and is
implemented only inside the special zone (立法法第八十四条第一款, 2023): a 深圳 benchmark never founds a 株洲 case."""
from __future__ import annotations

from collections.abc import Iterable

from fazhi.law.rules import violation

NATIONWIDE = ""

# Names for the areas the product ships lists for; any other code is shown as "行政区划代码 …".
AREA_NAMES = {
    NATIONWIDE: "全国",
    "43": "湖南省",
    "4302": "湖南省株洲市",
    "430281": "湖南省醴陵市",
    "44": "广东省",
    "4403": "广东省深圳市",
}


def area_name(area: str) -> str:
    area = (area or "").strip()
    return AREA_NAMES.get(area) or f"行政区划代码{area}所辖地域"


def valid_area(area: str) -> bool:
    """An area is nationwide or a 2-, 4- or 6-digit division code prefix."""
    area = (area or "").strip()
    return area == NATIONWIDE or (area.isdigit() and len(area) in (2, 4, 6))


def area_of(bureau_code: str) -> str:
    """The area a bureau's own list covers: its division code without the trailing zero levels (430200 → 4302,
    430000 → 43, 430202 → 430202); a code that is not a division code gives no area ("")."""
    code = (bureau_code or "").strip()
    if not (len(code) == 6 and code.isdigit()):
        return NATIONWIDE
    return code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code


def applies(area: str, bureau_codes: Iterable[str]) -> bool:
    """Whether a list for `area` applies to a bureau whose lineage has these codes (its own first)."""
    area = (area or "").strip()
    return area == NATIONWIDE or any(str(code).startswith(area) for code in bureau_codes)


def check_applies(area: str, bureau_codes: Iterable[str], *, what: str, bureau_name: str) -> None:
    """CAT-01: refuse a basis from outside the bureau's area, before anything is written."""
    if not applies(area, list(bureau_codes)):
        raise violation(
            "CAT-01",
            f"{what}只适用于{area_name(area)}，{bureau_name}不在其适用地域内，不能作为本案的处罚依据；"
            "地方性法规、经济特区法规和地方裁量基准只在制定地域内适用，请选择适用于本辖区的裁量基准或全国性法律、行政法规")


# 经济特区法规 by the zone they are implemented in (立法法第八十四条第一款): a citation that names one is checked against
# the bureau's area like a benchmark is.
SPECIAL_ZONES = {"深圳经济特区": "4403", "珠海经济特区": "4404", "汕头经济特区": "4405", "厦门经济特区": "3502",
                 "海南经济特区": "46"}


def check_citation(text: str, bureau_codes: Iterable[str], *, bureau_name: str) -> None:
    """CAT-01 for a provision typed as text: a 经济特区法规 cited by a bureau outside that zone is refused."""
    codes = list(bureau_codes)
    for zone, area in SPECIAL_ZONES.items():
        if zone in (text or "") and not applies(area, codes):
            raise violation(
                "CAT-01",
                f"{zone}的法规只在{zone}范围内实施，{bureau_name}不在其中，不能作为本案的违法或处罚依据；"
                "请引用全国性法律、行政法规或本地的地方性法规、规章")
