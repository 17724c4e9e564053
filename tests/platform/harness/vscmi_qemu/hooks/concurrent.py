# SPDX-License-Identifier: MIT
"""concurrent = agent=<n> guest=<n> phases=<p,..> min=<N> clocks=<fw ids>:
while each of the agent's attack phases runs (between its begin and end
markers), the Linux guest completes at least N runtime-PM toggles of its
SCMI clock consumer, each reaching the wanted state, and the firmware log
shows their clock enables/disables on its clocks with status 0 in the same
window; no toggle of the guest fails anywhere and no CONFIG_SET on its
clocks is refused by firmware."""

import re

from ..logfile import excerpt, tail
from ..scmi import CLOCK, CLOCK_CONFIG_SET, trace_and_fw

# the bare-metal agent's attack phases (tests/agent/suite_race.c, suite_flood.c) and a Linux
# guest's runtime-PM toggles (lib.sh vscmi_toggle)
PHASE_RE = re.compile(r"VSCMI-AGENT-PHASE: name=(\S+) phase=(\w+) (begin|end)\b")
TOGGLE_RE = re.compile(r"VSCMI-RPM-TOGGLE name=(\S+) n=(\d+) control=(\w+) status=(\S+) ok=([01])\s*$")
TOGGLE_BEGIN_RE = re.compile(r"VSCMI-RPM-TOGGLE-BEGIN name=(\S+) ")


def spec_of(scn):
    kv = dict(w.split("=", 1) for w in scn.check_opts.get("concurrent", "").split() if "=" in w)
    if any(k not in kv for k in ("agent", "guest", "phases", "min", "clocks")):
        return None
    return {"agent": kv["agent"], "guest": kv["guest"], "phases": kv["phases"].split(","),
            "min": int(kv["min"]), "clocks": [int(c) for c in kv["clocks"].split(",")]}


def windows(lines, spec):
    """{phase: (begin index, end index)}, the guest's toggles [(index, n, ok)]
    with the index of the toggle-begin line as n=0, and the firmware clock
    CONFIG_SETs on its clocks [(index, status)]."""
    win, tog = {}, []
    for i, (t, s, text) in enumerate(lines):
        if s != "con":
            continue
        m = PHASE_RE.search(text)
        if m and m.group(1) == spec["agent"]:
            b, e = win.get(m.group(2), (None, None))
            win[m.group(2)] = (i, e) if m.group(3) == "begin" else (b, i)
            continue
        m = TOGGLE_RE.search(text)
        if m and m.group(1) == spec["guest"]:
            tog.append((i, int(m.group(2)), m.group(5) == "1"))
            continue
        m = TOGGLE_BEGIN_RE.search(text)
        if m and m.group(1) == spec["guest"]:
            tog.append((i, 0, True))
    _, fw_cmds = trace_and_fw(lines)
    fw = [(c.index, c.status) for c in fw_cmds
          if c.proto == CLOCK and c.msg == CLOCK_CONFIG_SET and c.id is not None and c.id in spec["clocks"]]
    return win, tog, fw


def phase_counts(lines, b, e, tog, fw):
    """Toggles made wholly inside the window (this line and the previous one
    between the markers), and the firmware CONFIG_SETs with status 0 whose
    timestamps fall inside it."""
    inside = sum(1 for k in range(1, len(tog)) if tog[k][1] > 0 and tog[k][2]
                 and b < tog[k - 1][0] and tog[k][0] < e)
    tb, te = lines[b][0], lines[e][0]
    fw_ok = sum(1 for i, st in fw if st == "0" and tb <= lines[i][0] <= te)
    return inside, fw_ok


def check(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return [("[check] concurrent = agent=<name> guest=<name> phases=<p,...> min=<N> clocks=<id,...>: missing or incomplete", "")]
    win, tog, fw = windows(lines, spec)
    probs = []
    if not [t for t in tog if t[1] > 0]:
        return [("no VSCMI-RPM-TOGGLE lines from %s (vscmi_toggle= on its command line?)" % spec["guest"], tail(lines, 20, "con"))]
    bad = [t for t in tog if not t[2]]
    if bad:
        probs.append(("%d runtime-PM toggle(s) of %s failed" % (len(bad), spec["guest"]), excerpt(lines, bad[0][0], 4, 3)))
    refused = [(i, st) for i, st in fw if st != "0"]
    if refused:
        probs.append(("%d clock CONFIG_SET(s) on %s's clocks %s did not succeed at firmware" % (len(refused), spec["guest"], spec["clocks"]),
                      excerpt(lines, refused[0][0], 4, 3)))
    per_toggle = len(spec["clocks"])
    for ph in spec["phases"]:
        b, e = win.get(ph, (None, None))
        if b is None or e is None or e < b:
            probs.append(("agent %s: no begin/end markers for phase %s" % (spec["agent"], ph), tail(lines, 20, "con")))
            continue
        inside, fw_ok = phase_counts(lines, b, e, tog, fw)
        want_fw = max(spec["min"], (inside - 1) * per_toggle)
        if inside < spec["min"]:
            probs.append(("phase %s (%.3f-%.3f s): %s completed %d toggle(s) inside it, want >= %d"
                          % (ph, lines[b][0], lines[e][0], spec["guest"], inside, spec["min"]), excerpt(lines, b, 2, 6)))
        elif fw_ok < want_fw:
            probs.append(("phase %s (%.3f-%.3f s): firmware saw %d successful CONFIG_SET(s) on clocks %s, want >= %d (%d toggles x %d clocks, one toggle of slack)"
                          % (ph, lines[b][0], lines[e][0], fw_ok, spec["clocks"], want_fw, inside, per_toggle),
                          excerpt(lines, b, 2, 6)))
    return probs


def summary(lines, scn):
    spec = spec_of(scn)
    if spec is None:
        return []
    win, tog, fw = windows(lines, spec)
    out = []
    for ph in spec["phases"]:
        b, e = win.get(ph, (None, None))
        if b is None or e is None or e < b:
            continue
        inside, fw_ok = phase_counts(lines, b, e, tog, fw)
        out.append("%s's %s phase %.3f-%.3f s: %s made %d toggles inside it, firmware %d CONFIG_SET status 0 on clocks %s"
                   % (spec["agent"], ph, lines[b][0], lines[e][0], spec["guest"], inside, fw_ok,
                      ",".join(map(str, spec["clocks"]))))
    return out
