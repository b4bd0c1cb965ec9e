"""重大行政决策 (the yearly 目录 and each decision's procedure, MJD-01..06), 合法性审查 and the other legal
reviews (contracts, 规范性文件, MJD-07), and the legal adviser register."""
