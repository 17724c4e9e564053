# SPDX-License-Identifier: MIT
"""shared_clock = <firmware clock> <domain> <domain>...: the domains leave in
that order; the clock is enabled once (for one of them), not disabled while
any of them stays, and disabled once at the last one's release; no leaving
domain's exclusive clock is left on after its release."""

import re

from ..grants import policy_errors, scenario_domains
from ..logfile import excerpt, fmt, tail
from ..scmi import CLOCK, CLOCK_CONFIG_SET, trace_and_fw

RELEASED_RE = re.compile(r"\b(d\d+): vscmi: SCMI votes released at shutdown")


def spec_of(scn):
    """(clock id, domains in leaving order), None if incomplete."""
    spec = scn.check_opts.get("shared_clock", "").split()
    if len(spec) < 3:
        return None
    return int(spec[0]), spec[1:]


def config_sets(tr, cid):
    """Xen's CONFIG_SETs (enable/disable) of firmware clock cid."""
    return [a for a in tr if a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET and a.id == cid]


def check(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return [("[check] shared_clock = <clock id> <first to leave> ... <last>: missing", "")]
    cid, order = spec
    doms = scenario_domains(scn)
    probs = [(e, "") for e in policy_errors(doms, order)]
    tr, fw = trace_and_fw(lines)
    status = {a.index: b.status for a, b in zip(tr, fw)}
    rel = {}
    for i, (t, s, text) in enumerate(lines):
        m = RELEASED_RE.search(text)
        if s == "con" and m and m.group(1) not in rel:
            rel[m.group(1)] = i
    missing = [d for d in order if d not in rel]
    if missing:
        return probs + [("no 'votes released at shutdown' line for %s" % " ".join(missing), tail(lines, 20, "con"))]
    if [rel[d] for d in order] != sorted(rel[d] for d in order):
        return probs + [("domains left in the order %s, not %s"
                         % (" ".join(sorted(order, key=lambda d: rel[d])), " ".join(order)), "")]
    cfg = config_sets(tr, cid)
    on = [a for a in cfg if a.arg == 1]
    off = [a for a in cfg if a.arg == 0]
    ctx = "\n".join(fmt([lines[a.index]]) for a in cfg)
    if len(on) != 1 or len(off) != 1:
        probs.append(("shared clock %d: %d enable(s) and %d disable(s) reached firmware, want 1 and 1" % (cid, len(on), len(off)), ctx))
    else:
        if on[0].who not in order or on[0].index > rel[order[0]] or status.get(on[0].index) != "0":
            probs.append(("shared clock %d: enable for %s (status %s), want one for a sharer before %s leaves"
                          % (cid, on[0].who, status.get(on[0].index), order[0]), ctx))
        last, prev = order[-1], order[-2]
        if off[0].who != last or not rel[prev] < off[0].index < rel[last] or status.get(off[0].index) != "0":
            probs.append(("shared clock %d: disable for %s (status %s), want it at %s's release, after %s left"
                          % (cid, off[0].who, status.get(off[0].index), last, prev), ctx))
    for d in order:
        clock_on = {}
        for a in tr:
            if a.index < rel[d] and a.who == d and a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET and a.arg is not None:
                clock_on[a.id] = a.arg == 1
        for c in doms[d].exclusive(CLOCK) if d in doms else []:
            if clock_on.get(c):
                probs.append(("%s's exclusive clock %d is still on after its release" % (d, c), excerpt(lines, rel[d], 8, 1)))
    return probs


def summary(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return []
    cid, order = spec
    tr, fw = trace_and_fw(lines)
    ev = [(a.index, "%s for %s" % ("enabled" if a.arg else "disabled", a.who)) for a in config_sets(tr, cid)]
    for i, (t, s, text) in enumerate(lines):
        m = RELEASED_RE.search(text)
        if s == "con" and m and m.group(1) in order:
            ev.append((i, "%s left" % m.group(1)))
    ev.sort()
    return ["shared clock %d at firmware: %s" % (cid, "; ".join("%s @%.1fs" % (w, lines[i][0]) for i, w in ev))]
