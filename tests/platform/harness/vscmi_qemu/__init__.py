# SPDX-License-Identifier: MIT
"""vscmi QEMU boot harness; tests/platform/harness/vscmi-qemu.py is its entry point.

  scenario   reads tests/qemu/<name>.scenario
  grants     the one reader of the scenario's SCMI grants (vscmi-dom0=, xen,scmi*)
  machine    memory layout, QEMU command line, device tree
  run        boots QEMU and captures the timestamped log
  logfile    the log's line format, reading it back, excerpts
  scmi       SCMI protocol names and the firmware / vscmi-trace lines
  checks     [expect] checks, then the [check] hooks (hooks/)
  summary    the readable summary of a run
  cli        list, run, test, summary
  paths      where the repository, the build and the logs are
"""
