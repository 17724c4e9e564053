# SPDX-License-Identifier: MIT
"""teardown_window = bench=<name> holder=<name> domain=<dN> votes=<N> clocks=<a>-<b>:
the teardown bench measured what it claims.  In console order: the holder
took its N votes, the bench's window began, the holder crashed, Xen
released the holder's votes ("<dN>: vscmi: SCMI votes released at
shutdown"), and only then the window ended; the firmware log shows at
least N CONFIG_SETs with status 0 on the holder's clocks (firmware ids a..b)
between the crash and the window's end: the releases."""

import re

from ..logfile import tail
from ..scmi import CLOCK, CLOCK_CONFIG_SET, trace_and_fw


def spec_of(scn):
    kv = dict(w.split("=", 1) for w in scn.check_opts.get("teardown_window", "").split() if "=" in w)
    if any(k not in kv for k in ("bench", "holder", "domain", "votes", "clocks")):
        return None
    first, _, last = kv["clocks"].partition("-")
    return dict(kv, votes=int(kv["votes"]), clocks=range(int(first), int(last or first) + 1))


def marks(lines, spec):
    """The console index of each event, None when it never happened."""
    pats = {
        "votes": r"VSCMI-AGENT-VOTES: name=%s held=%d\b" % (re.escape(spec["holder"]), spec["votes"]),
        "begin": r"VSCMI-AGENT-PHASE: name=%s phase=window begin\b" % re.escape(spec["bench"]),
        "crash": r"VSCMI-AGENT-CRASH: name=%s\b" % re.escape(spec["holder"]),
        "released": r"\b%s: vscmi: SCMI votes released at shutdown" % re.escape(spec["domain"]),
        "end": r"VSCMI-AGENT-PHASE: name=%s phase=window end\b" % re.escape(spec["bench"]),
    }
    found = {k: None for k in pats}
    for i, (_, s, text) in enumerate(lines):
        if s != "con":
            continue
        for k, p in pats.items():
            if found[k] is None and re.search(p, text):
                found[k] = i
    return found


ORDER = ("votes", "begin", "crash", "released", "end")


def check(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return [("[check] teardown_window = bench=<name> holder=<name> domain=<dN> votes=<N> clocks=<a>-<b>: missing or incomplete", "")]
    m = marks(lines, spec)
    missing = [k for k in ORDER if m[k] is None]
    if missing:
        return [("teardown window: never saw %s" % ", ".join(missing), tail(lines, 20, "con"))]
    idx = [m[k] for k in ORDER]
    if idx != sorted(idx):
        return [("teardown window: events out of order (%s), wanted %s" % (
            ", ".join("%s@%d" % (k, m[k]) for k in sorted(ORDER, key=lambda k: m[k])), " < ".join(ORDER)),
            tail(lines, 20, "con"))]
    tc, te = lines[m["crash"]][0], lines[m["end"]][0]
    _, fw = trace_and_fw(lines)
    offs = sum(1 for c in fw if c.proto == CLOCK and c.msg == CLOCK_CONFIG_SET and c.status == "0"
               and c.id in spec["clocks"] and tc <= lines[c.index][0] <= te)
    if offs < spec["votes"]:
        return [("teardown window: %d CONFIG_SETs of the holder's clocks at firmware between the crash and the"
                 " window's end, wanted >= %d" % (offs, spec["votes"]), "")]
    return []


def summary(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return []
    m = marks(lines, spec)
    if any(m[k] is None for k in ORDER):
        return []
    return ["teardown window: %d votes taken, window begun, holder crashed, votes released, window ended (in that order)"
            % spec["votes"]]
