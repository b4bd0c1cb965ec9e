"""执法监督: the records of this context."""
