"""行政复议和行政应诉: the records of this context."""
