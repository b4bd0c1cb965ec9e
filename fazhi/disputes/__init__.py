"""行政复议答复 and 行政诉讼 defence (应诉), 审级, 负责人出庭, 司法建议 and 检察建议 (DSP-01..08, REV-04..10).
A ruling reaches the act it reviews through the hook the act's context exposes."""
