# SPDX-License-Identifier: MIT
"""The command line: list, run, test, summary (USAGE)."""

import os
import subprocess
import sys

from .checks import check
from .logfile import read_log
from .paths import log_path
from .run import boot, interactive
from .scenario import Scenario, ScenarioError, all_scenarios
from .summary import summary

USAGE = """vscmi QEMU boot harness (python3 standard library only).

  vscmi-qemu.py test [SCENARIO...]     boot every scenario (default: all in
                                       tests/qemu/), one PASS/FAIL line each,
                                       then "N passed, M failed"
  vscmi-qemu.py run SCENARIO [--summary]
                                       boot one scenario, check it, optionally
                                       print a readable summary
  vscmi-qemu.py shell SCENARIO [--no-script]
                                       boot one scenario on this terminal (no
                                       checks): its dom0 gets vscmi_shell=1
                                       and opens a shell on the console once
                                       its script is done, or at once with
                                       --no-script (xl by hand); Ctrl-A X
                                       quits QEMU
  vscmi-qemu.py list                   list scenarios
  vscmi-qemu.py summary SCENARIO       summarise the last log of a scenario

A scenario is an INI file tests/qemu/<name>.scenario (see docs/qemu.md).
The machine is QEMU virt (secure=on, virtualization=on, GICv3, 2x Cortex-A57,
2 GiB) with TF-A + the vscmi SCMI server in flash, BL33 (Xen or Linux)
preloaded at 0x60000000 and a device tree made from QEMU's own (dumpdtb with
the identical command line) plus the scenario's fragments from tests/platform/dts/.

Console (PL011 0x09000000) and secure console (PL011 0x09040000: the
firmware's SCMI-FW lines) are captured with per-line timestamps into
build/logs/<scenario>.log as "[   s.mmm] con| ..." and "[   s.mmm] fw | ...".
"""


def run_one(name, show_summary=False, verbose=False):
    """Boot, check and report one scenario; True if it passed."""
    try:
        scn = Scenario(name)
        sys.stderr.write("qemu: booting %s (xen=%s, timeout %.0f s) ...\n" % (name, scn.xen, scn.timeout))
        sys.stderr.flush()
        run = boot(scn, verbose=verbose)
    except (ScenarioError, subprocess.TimeoutExpired) as e:
        print("FAIL %-18s setup: %s" % (name, e))
        return False
    probs = check(run)
    log = os.path.relpath(log_path(name), os.getcwd())
    if show_summary:
        print(summary(scn, run.lines, run.elapsed))
    if probs:
        print("FAIL %-18s %5.1f s  (%s)" % (name, run.elapsed, log))
        for p, ex in probs[:6]:
            print("  - " + p)
            if ex:
                print(ex)
        return False
    print("PASS %-18s %5.1f s  (%s)" % (name, run.elapsed, log))
    return True


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(USAGE)
        return 0 if len(argv) >= 2 else 2
    cmd, args = argv[1], argv[2:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if cmd == "list":
        for n in all_scenarios():
            try:
                print("%-18s %s" % (n, Scenario(n).description))
            except ScenarioError as e:
                print("%-18s (broken: %s)" % (n, e))
        return 0
    if cmd == "run":
        names = [a for a in args if not a.startswith("--")]
        if len(names) != 1:
            print("usage: vscmi-qemu.py run SCENARIO [--summary] [-v]", file=sys.stderr)
            return 2
        return 0 if run_one(names[0], "--summary" in args, verbose) else 1
    if cmd == "shell":
        names = [a for a in args if a != "--no-script"]
        if len(names) != 1:
            print("usage: vscmi-qemu.py shell SCENARIO [--no-script]", file=sys.stderr)
            return 2
        try:
            scn = Scenario(names[0])
            if "--no-script" in args and scn.dom0:
                scn.dom0.script = ""
            return interactive(scn)
        except ScenarioError as e:
            print("shell: %s" % e, file=sys.stderr)
            return 1
    if cmd == "summary":
        scn = Scenario(args[0])
        print(summary(scn, read_log(args[0])))
        return 0
    if cmd == "test":
        names = args or all_scenarios()
        ok = [run_one(n, verbose=verbose) for n in names]
        print("%d passed, %d failed" % (sum(ok), len(ok) - sum(ok)))
        return 0 if all(ok) else 1
    print("unknown command %s" % cmd, file=sys.stderr)
    return 2
