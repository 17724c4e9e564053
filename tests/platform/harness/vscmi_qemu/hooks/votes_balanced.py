# SPDX-License-Identifier: MIT
"""votes_balanced = <firmware clock> ...: domains created and destroyed at
run time leave each listed clock as they found it.  Over the whole run,
Xen's CLOCK_CONFIG_SETs of the clock (vscmi-trace) alternate enable,
disable, enable, disable ... and end with a disable: every vote a domain
took was released, whether it shut down, crashed or was destroyed, and a
shared clock reached firmware once per period of use, not once per
holder.  Needs vscmi-trace on Xen's command line."""

from ..logfile import fmt
from ..scmi import CLOCK, CLOCK_CONFIG_SET, trace_and_fw


def clocks_of(scn):
    return [int(c) for c in scn.check_opts.get("votes_balanced", "").split()]


def check(lines, scn):
    clocks = clocks_of(scn)
    if not clocks:
        return [("[check] votes_balanced = <firmware clock> ...: missing", "")]
    tr, _ = trace_and_fw(lines)
    probs = []
    for cid in clocks:
        sets = [a for a in tr if a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET and a.id == cid]
        want = 1
        for n, a in enumerate(sets):
            if a.arg != want:
                ctx = "\n".join(fmt([lines[b.index]]) for b in sets[max(0, n - 3):n + 2])
                probs.append(("clock %d: CONFIG_SET #%d is %s, want %s (a vote not released, or "
                              "released twice)" % (cid, n + 1, "enable" if a.arg == 1 else "disable",
                                                   "enable" if want == 1 else "disable"), ctx))
                break
            want ^= 1
        else:
            if not sets:
                probs.append(("clock %d: no CONFIG_SET reached firmware" % cid, ""))
            elif want != 1:
                probs.append(("clock %d: left enabled at the end (last CONFIG_SET an enable)" % cid,
                              fmt([lines[sets[-1].index]])))
    return probs


def summary(lines, scn):
    tr, _ = trace_and_fw(lines)
    out = []
    for cid in clocks_of(scn):
        sets = [a for a in tr if a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET and a.id == cid]
        on = sum(1 for a in sets if a.arg == 1)
        out.append("votes      : clock %d: %d enable(s), %d disable(s) reached firmware%s" % (
            cid, on, len(sets) - on, "" if sets and sets[-1].arg == 0 else ", LEFT ON"))
    return out
