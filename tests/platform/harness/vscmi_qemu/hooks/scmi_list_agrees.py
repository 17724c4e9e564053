# SPDX-License-Identifier: MIT
"""scmi_list_agrees = <step> <json step>: what `xl scmi-list` printed at
dom0 script step <step> agrees with its JSON (`xl scmi-list -l`, step
<json step>, run right after it) and with what reached the firmware.

  - text and JSON name the same domains with the same grants (guest id,
    firmware id, mode, vote) and the same Votes;
  - each domain's Votes is the number of its grants shown "on";
  - every firmware clock some domain holds a vote on is on by Xen's
    vscmi-trace at that point (its last CONFIG_SET an enable), and every
    clock the trace left on is held by some domain;
  - a clock held by a domain in mode full was last enabled for that domain;
  - the firmware's own log (SCMI-FW lines) has processed exactly as many
    CONFIG_SETs of each of these clocks, all successfully.

Needs vscmi-trace on Xen's command line."""

import json
import re

from ..scmi import CLOCK, CLOCK_CONFIG_SET, trace_and_fw

KINDS = {"power": 0x11, "perf": 0x13, "clock": 0x14, "sensor": 0x15, "reset": 0x16, "voltage": 0x17}
DOM_RE = re.compile(r"^(\S+)\s+(\d+)\s+(smc|mbox)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(\d+)\s+\d+")
GRANT_RE = re.compile(r"^\s+(power|perf|clock|sensor|reset|voltage)\s+(\d+) -> firmware (\d+)\s+(\S+)(\s+on)?\s*$")


def steps_of(scn):
    return scn.check_opts.get("scmi_list_agrees", "").split()


def step_output(lines, step):
    """(index of the step's first output line, [texts]) of a dom0 step."""
    tag = "VSCMI-OUT step=%s: " % step
    first, out = None, []
    for i, (t, s, text) in enumerate(lines):
        k = text.find(tag)
        if s == "con" and k >= 0:
            first = i if first is None else first
            out.append(text[k + len(tag):])
    return first, out


def parse_text(out):
    """{domid: (votes, {(proto, guest id, fw id, mode, held)})}"""
    doms, cur = {}, None
    for text in out:
        m = DOM_RE.match(text)
        if m:
            cur = int(m.group(2))
            doms[cur] = (int(m.group(4)), set())
            continue
        m = GRANT_RE.match(text)
        if m and cur is not None:
            doms[cur][1].add((KINDS[m.group(1)], int(m.group(2)), int(m.group(3)), m.group(4),
                              bool(m.group(5))))
    return doms


def parse_json(out):
    doms = {}
    for d in json.loads("\n".join(out)):
        v = d["vscmi"]
        # libxl leaves default values (0, "full", false) out; the text shows
        # only the held grants of an "all" domain
        doms[d["domid"]] = (v.get("votes", 0), {
            (g["protocol"], g.get("guest_id", 0), g.get("fw_id", 0), g.get("mode", "full").replace("_", "-"),
             g.get("held", False)) for g in v.get("grants", []) if g.get("held", False) or not v.get("all")})
    return doms


def check(lines, scn):
    steps = steps_of(scn)
    if len(steps) != 2:
        return [("[check] scmi_list_agrees = <step> <json step>: want two steps", "")]
    at, text_out = step_output(lines, steps[0])
    _, json_out = step_output(lines, steps[1])
    if at is None or not json_out:
        return [("scmi_list_agrees: no output of step %s or %s" % tuple(steps), "")]
    text = parse_text(text_out)
    try:
        js = parse_json(json_out)
    except (ValueError, KeyError) as e:
        return [("scmi_list_agrees: step %s: not libxl_vscmi_info JSON: %s" % (steps[1], e), "")]
    probs = []
    if not text:
        return [("scmi_list_agrees: step %s listed no domain" % steps[0], "\n".join(text_out[:5]))]
    if text != js:
        diff = ["    dom%d text: %s\n    dom%d json: %s" % (d, sorted(text.get(d, (0, set()))[1]),
                                                           d, sorted(js.get(d, (0, set()))[1]))
                for d in sorted(set(text) | set(js)) if text.get(d) != js.get(d)]
        probs.append(("scmi_list_agrees: text and JSON differ", "\n".join(diff[:6])))
    held = {}
    for domid, (votes, grants) in text.items():
        on = [g for g in grants if g[4]]
        if votes != len(on):
            probs.append(("scmi_list_agrees: dom%d: Votes %d, but %d grants shown on" % (domid, votes, len(on)), ""))
        for g in on:
            if g[0] == CLOCK:
                held.setdefault(g[2], []).append((domid, g[3]))

    tr, fw = trace_and_fw(lines[:at])
    last = {}
    for a in tr:
        if a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET:
            last[a.id] = a
    trace_on = {cid for cid, a in last.items() if a.arg == 1}
    for cid in sorted(set(held) - trace_on):
        probs.append(("scmi_list_agrees: clock %d: held by %s, but the trace %s" % (
            cid, " ".join("dom%d" % d for d, _ in held[cid]),
            "last disabled it" if cid in last else "never enabled it"), ""))
    for cid in sorted(trace_on - set(held)):
        probs.append(("scmi_list_agrees: clock %d: on by the trace (last for %s), held by nobody" % (
            cid, last[cid].who), ""))
    for cid in sorted(set(held) & trace_on):
        for domid, mode in held[cid]:
            if mode == "full" and last[cid].who != "d%d" % domid:
                probs.append(("scmi_list_agrees: clock %d: dom%d's alone, but last enabled for %s" % (
                    cid, domid, last[cid].who), ""))
    for cid in sorted(set(held) | trace_on):
        n_tr = sum(1 for a in tr if a.proto == CLOCK and a.msg == CLOCK_CONFIG_SET and a.id == cid)
        fws = [c for c in fw if c.proto == CLOCK and c.msg == CLOCK_CONFIG_SET and c.id == cid]
        if len(fws) != n_tr or any(c.status != "0" for c in fws):
            probs.append(("scmi_list_agrees: clock %d: %d CONFIG_SETs traced, the firmware processed %d (%s)" % (
                cid, n_tr, len(fws), " ".join(sorted({c.status for c in fws})) or "none"), ""))
    return probs


def summary(lines, scn):
    steps = steps_of(scn)
    if len(steps) != 2:
        return []
    at, text_out = step_output(lines, steps[0])
    if at is None:
        return []
    text = parse_text(text_out)
    held = sorted({g[2] for _, gs in text.values() for g in gs if g[4] and g[0] == CLOCK})
    return ["scmi-list  : %d domains at step %s, clocks held: %s" % (
        len(text), steps[0], " ".join(map(str, held)) or "none")]
