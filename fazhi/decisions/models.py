"""重大行政决策和合法性审查: the records of this context."""
