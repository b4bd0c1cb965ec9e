"""The registers of 违法建设 sites and of 整改通知 for hazards found outside a case (legal-rules §A.4, §A.9):
each site and notice to its outcome, handed over from 数字化城管 and into penalty cases."""
