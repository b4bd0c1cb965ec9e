"""执法监督: 案卷评查 (standards as data, drawn samples, score sheets pre-filled from the record), 专项整治
problem lists and 督办 from an upper bureau (SUP-01..05)."""
