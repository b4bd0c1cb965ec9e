"""行政许可: the bureau's permit items, applications on the working-day clock (DAY-03, LIC-01..11), fees,
certificates and their publication (双公示)."""
