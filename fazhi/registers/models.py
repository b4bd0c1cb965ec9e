"""违法建设和隐患整改台账: the records of this context."""
