#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vscmi QEMU boot harness: list, run, test, summary (see vscmi_qemu/cli.py,
docs/qemu.md).  The code is the vscmi_qemu package beside this file."""

import os
import sys

sys.dont_write_bytecode = True          # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vscmi_qemu.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv))
