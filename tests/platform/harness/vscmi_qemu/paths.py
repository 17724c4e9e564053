# SPDX-License-Identifier: MIT
"""Where the harness finds the repository, the build and its own outputs
($TOP and $BUILD override)."""

import os

TOP = os.environ.get("TOP") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
BUILD = os.environ.get("BUILD") or os.path.join(TOP, "build")
SCENARIO_DIR = os.path.join(TOP, "tests", "qemu")
DTS_DIR = os.path.join(TOP, "tests", "platform", "dts")
LOG_DIR = os.path.join(BUILD, "logs")


def log_path(name):
    return os.path.join(LOG_DIR, name + ".log")
