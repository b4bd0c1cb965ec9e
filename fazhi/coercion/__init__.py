"""行政强制 (issue #20): 查封/扣押 and the bureau's own 强制执行 (demolition of an illegal structure) as records of their
own, linked to a penalty case; the pure rules are fazhi/law/coercion.py."""
