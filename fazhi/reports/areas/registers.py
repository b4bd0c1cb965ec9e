"""Report figures: 行政强制、违法建设和隐患整改 (issue #20). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("demolitions", "违法建设查处数", "期间内查处、强制拆除的违法建设宗数和面积", missing("违法建设的查处与强制拆除"),
           kind="missing"),
    Figure("campaigns", "专项整治行动", "期间内组织的专项整治行动的次数和查处情况", missing("专项整治行动的次数和查处情况"),
           kind="missing"),
]
