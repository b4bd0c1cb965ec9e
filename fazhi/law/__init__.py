"""Pure legal rules. This package imports no Django.

Every rule carries its ID from the rules catalogue (docs/legal-rules.md, shared/domain/legal-rules.md) and
its Basis (law, article). Refusals are raised as RuleViolation with a stable code, a Chinese message and the
basis, so every layer above (actions, API, UI) shows the same thing.
"""
from fazhi.law.basis import Basis, RuleViolation

__all__ = ["Basis", "RuleViolation"]
