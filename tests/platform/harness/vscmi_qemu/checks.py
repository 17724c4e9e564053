# SPDX-License-Identifier: MIT
"""Is a run a pass?  Why it stopped, the [expect] regexes, well-formed
SCMI-FW lines and their agents, then the scenario's [check] hooks."""

import re

from .hooks import HOOKS
from .logfile import excerpt, tail
from .scmi import FW_RE


def parse_count(pat):
    """">=N regex": the regex at least N times; else once."""
    m = re.match(r"^>=(\d+)\s+(.*)$", pat)
    if m:
        return int(m.group(1)), re.compile(m.group(2))
    return 1, re.compile(pat)


def stream_problems(lines, entries, what, expect, forbid, tail_n):
    """The [expect] patterns one stream (console or firmware log) must show,
    and those it must not."""
    stream = "con" if what == "console" else "fw"
    probs = []
    for pat in expect:
        need_n, r = parse_count(pat)
        n = sum(1 for _, l in entries if r.search(l[2]))
        if n < need_n:
            probs.append(("%s never showed /%s/%s" % (what, r.pattern, "" if need_n == 1 else " %d times (saw %d)" % (need_n, n)),
                          tail(lines, tail_n, stream)))
    for pat in forbid:
        r = re.compile(pat)
        hit = next((i for i, l in entries if r.search(l[2])), None)
        if hit is not None:
            probs.append(("%s showed forbidden /%s/" % (what, pat), excerpt(lines, hit, 12, 6)))
    return probs


def check(run):
    """Return a list of (problem, excerpt)."""
    scn, lines = run.scn, run.lines
    probs = stop_problems(run)
    con = [(i, l) for i, l in enumerate(lines) if l[1] == "con"]
    fw = [(i, l) for i, l in enumerate(lines) if l[1] == "fw"]
    probs += stream_problems(lines, con, "console", scn.console, scn.console_not, 25)
    fw_cmds = []
    for i, l in fw:
        if l[2].startswith("SCMI-FW:"):
            m = FW_RE.match(l[2])
            if not m:
                probs.append(("malformed firmware log line", excerpt(lines, i, 3, 2)))
            else:
                fw_cmds.append((i, m))
    probs += stream_problems(lines, fw, "firmware log", scn.firmware, scn.firmware_not, 15)
    if scn.firmware_agents is not None:
        bad = [(i, m) for i, m in fw_cmds if int(m.group(2)) not in scn.firmware_agents]
        if bad:
            probs.append(("%d firmware command(s) from agents outside %s" % (len(bad), sorted(scn.firmware_agents)),
                          excerpt(lines, bad[0][0], 6, 4)))
    probs += step_problems(lines, con)
    for h in scn.hooks:
        probs += HOOKS[h].check(lines, scn)
    return probs


STEP_RE = re.compile(r"VSCMI-STEP step=(\S+) rc=(\S+) want=(\S+) ms=(\d+) ok=([01])")


def step_problems(lines, con):
    """A dom0 script's steps (tests/platform/initramfs/dom0.sh): each one
    that did not end as it wanted is a problem, shown with its output."""
    probs = []
    for i, l in con:
        m = STEP_RE.search(l[2])
        if m and m.group(5) == "0":
            probs.append(("dom0 step %s exited %s, wanted %s" % (m.group(1), m.group(2), m.group(3)),
                          excerpt(lines, i, 16, 2)))
    return probs


def stop_problems(run):
    """A fatal line, the timeout or QEMU's early exit, with the lines that show it."""
    if not run.reason:
        return []
    lines = run.lines
    idx = None
    if run.reason.startswith("fatal: "):
        idx = next((i for i, l in enumerate(lines) if l[2].strip() == run.reason[7:]), None)
    if idx is not None:
        return [(run.reason, excerpt(lines, idx, 12, 6))]
    ex = tail(lines, 30, "con") + "\n    ...\n" + tail(lines, 4, "fw")
    if any(l[1] == "qemu" for l in lines):
        ex += "\n    ...\n" + tail(lines, 6, "qemu")
    return [(run.reason, ex)]
