"""Report figures: 权责清单 and 四清单一计划 (fazhi.catalog) — the power list items in force by kind and the year's
adjustments, the 免罚/从轻/减轻清单 entries, the 涉企检查事项 and the year's approved inspection plans.

A 权责清单 applies by area (CAT-01), not to one bureau: the lists of a part are those whose area takes in the
part's bureaus — for 本机关 the bureau's own lineage; for 所属区县局 the lists made for a subordinate bureau's area
alone (a list the 本机关 applies is not counted again for its districts)."""
from __future__ import annotations

from django.db.models import Count, Q

from fazhi.reports.base import Figure, Scope


def _lists_in_force(s: Scope, on):
    """The 权责清单 versions in force on `on` that apply to the scope's part, one per area (the latest)."""
    from fazhi.catalog.models import PowerList
    from fazhi.law.jurisdiction import applies
    from fazhi.org.models import Bureau, BureauKind

    own_codes = [b.code for b in s.bureau.lineage()]
    below = [] if s.part == "own" else list(
        Bureau.objects.filter(path__startswith=s.bureau.path)
        .exclude(kind=BureauKind.SQUAD).exclude(pk=s.bureau.pk).values_list("code", flat=True))
    lists = PowerList.objects.filter(disabled=False, effective_from__lte=on).filter(
        Q(effective_until=None) | Q(effective_until__gte=on)).order_by("area", "-effective_from")
    out, seen = [], set()
    for pl in lists:
        if pl.area in seen:
            continue
        mine = applies(pl.area, own_codes)
        theirs = any(applies(pl.area, [c]) for c in below)
        if (s.part == "own" and mine) or (s.part == "subordinate" and theirs and not mine) or \
                (s.part == "all" and (mine or theirs)):
            seen.add(pl.area)
            out.append(pl)
    return out


def _items(lists):
    from fazhi.catalog.models import PowerItem

    return PowerItem.objects.filter(power_list__in=lists, disabled=False)


def power_items(s: Scope) -> dict[str, int]:
    from fazhi.catalog.models import PowerKind

    counts = dict(_items(_lists_in_force(s, s.end)).values_list("kind").annotate(n=Count("id"))
                  .values_list("kind", "n"))
    return {label: counts[k] for k, label in PowerKind.choices if counts.get(k)}


def power_adjustments(s: Scope) -> dict[str, int]:
    """Items added to and taken out of the lists in force between the first and the last day of the period, by
    name within each area (a new version taking effect is the usual adjustment)."""
    def names(on):
        return set(_items(_lists_in_force(s, on)).values_list("power_list__area", "name"))

    before, after = names(s.start), names(s.end)
    out = {"新增": len(after - before), "取消": len(before - after)}
    return {k: v for k, v in out.items() if v}


def _exemptions(s: Scope):
    from fazhi.catalog.models import ExemptionEntry

    return ExemptionEntry.objects.filter(s.within("bureau"), disabled=False, effective_from__lte=s.end)


def exemption_entries(s: Scope) -> dict[str, int]:
    from fazhi.catalog.models import ExemptionKind

    counts = dict(_exemptions(s).values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {f"{label}清单": counts[k] for k, label in ExemptionKind.choices if counts.get(k)}


def _inspection_items(s: Scope):
    from fazhi.catalog.models import InspectionItem

    return InspectionItem.objects.filter(s.within("bureau"), disabled=False)


def _plans(s: Scope):
    from fazhi.catalog.models import InspectionPlan

    return InspectionPlan.objects.filter(s.within("bureau"), disabled=False, year=s.end.year,
                                         approved_on__isnull=False, approved_on__lte=s.end)


def plan_lines(s: Scope) -> int:
    return sum(len(p.lines or []) for p in _plans(s))


FIGURES: list[Figure] = [
    Figure("power_items", "权责清单事项数（按类别）", "期末施行的权责清单（按适用地域）中未停用的事项，按许可、处罚、强制、征收、检查、"
           "确认、奖励、其他分列", power_items, None, "项", "施行的权责清单事项", "breakdown"),
    Figure("power_adjustments", "权责清单调整事项数", "期初与期末施行的权责清单相比新增和取消的事项（按事项名称比对）",
           power_adjustments, None, "项", "权责清单调整", "breakdown"),
    Figure("exemption_entries", "不予、减轻、从轻处罚清单事项数", "期末制定并施行的不予处罚、减轻处罚、从轻处罚清单事项",
           exemption_entries, _exemptions, "项", "不予、减轻、从轻处罚清单事项", "breakdown"),
    Figure("inspection_items", "涉企行政检查事项数", "公布的涉企行政检查事项清单中未停用的事项",
           lambda s: _inspection_items(s).count(), _inspection_items, "项", "涉企行政检查事项"),
    Figure("inspection_plans", "年度涉企行政检查计划数", "期间所在年度经批准的涉企行政检查计划（四清单一计划）",
           lambda s: _plans(s).count(), _plans, "个", "经批准的年度检查计划"),
    Figure("inspection_plan_lines", "年度检查计划列明的检查事项数", "上述计划逐项列明的检查事项、抽查比例和频次的行数",
           plan_lines, None, "项", "列入年度计划的检查事项"),
]
