"""行政许可: the records of this context."""
