"""The report figures of each later context, one module each (figures.py appends them)."""
