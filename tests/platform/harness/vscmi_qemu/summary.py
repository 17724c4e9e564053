# SPDX-License-Identifier: MIT
"""The readable summary of a run: hypervisor, each guest's own report
(VSCMI-* lines), what reached the firmware per agent, the scenario's
[summary] show lines, then each [check] hook's part."""

import re

from .hooks import HOOKS
from .scmi import FW_RE, POWER, POWER_STATE_SET, RESET, RESET_MSG, proto_name

GUEST_RE = re.compile(r"VSCMI-(GUEST-UP|SCMI|CLK|PD|GUEST-DONE|SCMI-ERR) name=(\S+)\s*(.*)")
SET_POWER_OR_RESET = {(POWER, POWER_STATE_SET), (RESET, RESET_MSG)}
FW_AGENTS = 4                   # the firmware's agents: 0 (Xen or Linux) to 3


def summary(scn, lines, elapsed=None):
    out = []
    out.append("== %s: %s" % (scn.name, scn.description))
    hv = "Xen (%s tree)" % scn.xen if scn.xen != "none" else "none (Linux is BL33)"
    xv = next((re.search(r"Xen version (\S+)", l[2]) for l in lines if re.search(r"Xen version \d", l[2])), None)
    if xv:
        hv += ", Xen " + xv.group(1)
    out.append("hypervisor : " + hv)
    out += guests_part(lines)
    out += dom0_script_part(lines)
    out += firmware_part(lines)
    shown = []
    for pat in scn.summary_show:
        r = re.compile(pat)
        for t, s, text in lines:
            if r.search(text) and text not in shown:
                shown.append(text)
    for text in shown[:scn.summary_lines]:
        out.append("  > " + text.strip()[:160])
    for h in scn.hooks:
        if HOOKS[h].summary:
            out += HOOKS[h].summary(lines, scn)
    if elapsed is not None:
        out.append("run time   : %.1f s" % elapsed)
    return "\n".join(out)


def guests_part(lines):
    """Each guest as it reported itself (VSCMI-* name=<guest> lines)."""
    guests = {}
    order = []
    for t, s, text in lines:
        m = GUEST_RE.search(text)
        if not m or "VSCMI-OUT step=" in text:    # a dom0 script quoting a guest
            continue
        kind, name, rest = m.groups()
        if name not in guests:
            guests[name] = {"up": None, "scmi": None, "clk": [], "pd": [], "err": [], "done": None}
            order.append(name)
        g = guests[name]
        if kind == "GUEST-UP":
            g["up"] = t
        elif kind == "SCMI":
            g["scmi"] = rest
        elif kind == "CLK":
            g["clk"].append(rest)
        elif kind == "PD":
            g["pd"].append(rest)
        elif kind == "SCMI-ERR":
            g["err"].append(rest)
        else:
            g["done"] = t
    out = []
    for name in order:
        g = guests[name]
        up = "up at %.1f s" % g["up"] if g["up"] is not None else "never up"
        out.append("%-11s: %s, %s" % (name, up, "finished at %.1f s" % g["done"] if g["done"] else "did not finish"))
        if g["scmi"]:
            out.append("             SCMI " + g["scmi"])
        for e in g["err"][:3]:
            out.append("             ! " + e[:110])
        clks = [re.search(r"clk=(\S+) enable=(\d+).*rate=(\d+)", c) for c in g["clk"]]
        clks = [c for c in clks if c]
        if clks:
            on = [c.group(1) for c in clks if c.group(2) != "0"]
            out.append("             clk_summary: %d clocks (%s), enabled: %s" % (
                len(clks), " ".join(c.group(1) for c in clks[:6]) + (" ..." if len(clks) > 6 else ""),
                " ".join(on) or "none"))
        pds = [re.search(r"domain=(\S+) status=(\S+)", p) for p in g["pd"]]
        pds = [p for p in pds if p]
        if pds:
            out.append("             power domains: " + " ".join("%s=%s" % p.groups() for p in pds))
    return out


PHASE_RE = re.compile(r"VSCMI-PHASE phase=(\S+) end ms=(\d+)")
STEP_RE = re.compile(r"VSCMI-STEP step=(\S+) rc=\S+ want=\S+ ms=(\d+) ok=([01])")


def dom0_script_part(lines):
    """A dom0 script's phases with their times, and its steps."""
    phases = [PHASE_RE.search(l[2]) for l in lines if l[1] == "con"]
    phases = [p for p in phases if p]
    steps = [STEP_RE.search(l[2]) for l in lines if l[1] == "con"]
    steps = [s for s in steps if s]
    if not steps and not phases:
        return []
    bad = [s.group(1) for s in steps if s.group(3) == "0"]
    out = ["dom0 script: %d steps, %d failed%s" % (len(steps), len(bad), (": " + " ".join(bad[:6])) if bad else "")]
    for p in phases:
        out.append("             phase %-22s %8.1f s" % (p.group(1), int(p.group(2)) / 1000.0))
    return out


def firmware_part(lines):
    """What reached the firmware, per agent."""
    fw = [FW_RE.match(l[2]) for l in lines if l[1] == "fw"]
    fw = [m for m in fw if m]
    agents = {}
    for m in fw:
        a = agents.setdefault(int(m.group(2)), {"n": 0, "proto": {}, "err": 0, "fault": 0, "ids": {}})
        a["n"] += 1
        p = int(m.group(3), 16)
        a["proto"][p] = a["proto"].get(p, 0) + 1
        if m.group(6) != "0":
            a["err"] += 1
        if m.group(7):
            a["fault"] += 1
        if m.group(5) != "-" and (p, int(m.group(4), 16)) in SET_POWER_OR_RESET:
            a["ids"].setdefault(p, set()).add(int(m.group(5)))
    out = ["firmware   : %d SCMI commands reached TF-A" % len(fw)]
    for a in sorted(agents):
        d = agents[a]
        per = ", ".join("%s %d" % (proto_name(p), n) for p, n in sorted(d["proto"].items()))
        extra = ""
        if POWER in d["ids"]:
            extra += "; power set on ids %s" % sorted(d["ids"][POWER])
        if RESET in d["ids"]:
            extra += "; reset on ids %s" % sorted(d["ids"][RESET])
        out.append("             agent%d: %d (%s); non-zero status %d, faults %d%s" % (a, d["n"], per, d["err"], d["fault"], extra))
    quiet = [a for a in range(FW_AGENTS) if a not in agents]
    if quiet:
        out.append("             %s: no command" % ", ".join("agent%d" % a for a in quiet))
    return out
