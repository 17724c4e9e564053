# SPDX-License-Identifier: MIT
"""grants_oracle: Xen's vscmi-trace (Xen on its command line) paired with the
firmware log, in order: the same protocol, message and id each time, and
every id within the grants of the domain the trace names."""

import re

from ..grants import outside_grants, policy_errors, scenario_domains
from ..logfile import excerpt
from ..scmi import SET_STATE, CLOCK, POWER, proto_name, trace_and_fw

CHANNEL_LINE = r"\b%s: vscmi: channel at \S+, function id \S+, %s$"


def check(lines, scn):
    doms = scenario_domains(scn)
    probs = [(e, "") for e in policy_errors(doms)]
    for key, d in doms.items():
        if d.binding and not any(re.search(CHANNEL_LINE % (key, re.escape(d.binding)), l[2])
                                 for l in lines if l[1] == "con"):
            probs.append(("%s (%s) has no %s channel line: domain ids do not follow the scenario's order"
                          % (key, d.section, d.binding), ""))
    tr, fw = trace_and_fw(lines)
    if not tr:
        return probs + [("no vscmi-trace lines (vscmi-trace on the Xen command line?)", "")]
    for k, (a, b) in enumerate(zip(tr, fw)):
        if (a.proto, a.msg, a.id) != (b.proto, b.msg, b.id):
            probs.append(("firmware command %d differs from Xen's trace (trace %s 0x%02x/0x%02x id %s, firmware 0x%02x/0x%02x id %s)"
                          % (k + 1, a.who, a.proto, a.msg, a.id, b.proto, b.msg, b.id),
                          excerpt(lines, a.index, 4, 3) + "\n    ...\n" + excerpt(lines, b.index, 4, 3)))
            break
    if len(tr) != len(fw):
        last = tr[-1].index if len(tr) > len(fw) else fw[-1].index
        probs.append(("%d vscmi-trace lines but %d firmware commands" % (len(tr), len(fw)), excerpt(lines, last, 4, 3)))
    bad = [(a, b, outside_grants(doms, a.who, a.proto, a.msg, a.id)) for a, b in zip(tr, fw)]
    bad = [x for x in bad if x[2]]
    if bad:
        a, b, why = bad[0]
        probs.append(("%d firmware command(s) outside the caller's grants; first: %s" % (len(bad), why),
                      excerpt(lines, a.index, 4, 3) + "\n    ...\n" + excerpt(lines, b.index, 4, 3)))
    return probs


def summary(lines, scn):
    doms = scenario_domains(scn)
    tr, fw = trace_and_fw(lines)
    paired = list(zip(tr, fw))
    out = ["firmware's view beside each guest's (Xen's vscmi-trace paired with the firmware log):"]
    boot = [a for a, b in paired if a.who == "xen"]
    if boot:
        out.append("  xen     : %d discovery commands at boot" % len(boot))
    for key in sorted(doms, key=lambda k: int(k[1:])):
        d = doms[key]
        mine = [(a, b) for a, b in paired if a.who == key]
        per = {}
        for a, b in mine:
            per[a.proto] = per.get(a.proto, 0) + 1
        bad = sum(1 for a, b in mine if outside_grants(doms, key, a.proto, a.msg, a.id))
        errs = sum(1 for a, b in mine if b.status != "0")
        out.append("  %-3s %-6s %s, grants: %s" % (key, d.name, d.binding or "no channel", d.grants_text()))
        out.append("      guest sees   : " + guest_view(lines, d.name))
        out.append("      firmware got : %d commands (%s), %s, non-zero status %d"
                   % (len(mine), ", ".join("%s %d" % (proto_name(p), n) for p, n in sorted(per.items())) or "none",
                      "all within its grants" if not bad else "%d OUTSIDE its grants" % bad, errs))
        sets = [state_change(a, lines) for a, b in mine if (a.proto, a.msg) in SET_STATE and a.id is not None]
        if sets:
            shown = sets if len(sets) <= 4 else sets[:2] + ["... %d more" % (len(sets) - 3), sets[-1]]
            out.append("      state changes: " + "; ".join(shown))
    return out


def guest_view(lines, name):
    """The guest's own report: its SCMI state and its clocks."""
    clks = [re.search(r"clk=(\S+) enable=(\d+)", l[2]) for l in lines
            if re.search(r"VSCMI-CLK name=%s " % re.escape(name), l[2])]
    clks = [c for c in clks if c]
    scmi = next((re.search(r"state=(\S+)", l[2]).group(1) for l in lines
                 if re.search(r"VSCMI-SCMI name=%s state=" % re.escape(name), l[2])), "?")
    gv = "SCMI %s" % scmi
    if clks and len(clks) <= 6:
        gv += ", clocks: " + " ".join("%s%s" % (c.group(1), "(on)" if c.group(2) != "0" else "") for c in clks)
    elif clks:
        gv += ", %d clocks, on: %s" % (len(clks), " ".join(c.group(1) for c in clks if c.group(2) != "0") or "none")
    return gv


def state_change(a, lines):
    if a.proto == CLOCK:
        verb = "%s clock" % ("enable" if a.arg == 1 else "disable")
    elif a.proto == POWER:
        verb = "power %s pd" % ("on" if a.arg == 0 else "off")
    else:
        verb = "reset"
    return "%s %d @%.1fs" % (verb, a.id, lines[a.index][0])
