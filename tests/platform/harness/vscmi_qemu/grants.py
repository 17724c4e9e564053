# SPDX-License-Identifier: MIT
"""The scenario's SCMI grants, read here once for every oracle and the summary:
vscmi-dom0= on Xen's command line for dom0, the xen,scmi* properties of each
dom0less domU (docs/admin.md)."""

import re
from dataclasses import dataclass, field

from . import scmi

# xen,scmi-<resources> and vscmi-dom0= kinds -> protocol
GRANT_PROPS = {"clocks": scmi.CLOCK, "power-domains": scmi.POWER, "resets": scmi.RESET, "sensors": scmi.SENSOR,
               "perf-domains": scmi.PERF, "voltage-domains": scmi.VOLTAGE}
DOM0_KINDS = {"clock": scmi.CLOCK, "pd": scmi.POWER, "reset": scmi.RESET, "sensor": scmi.SENSOR,
              "perf": scmi.PERF, "voltage": scmi.VOLTAGE}
BINDINGS = {"smc": "arm,scmi-smc", "mbox": "arm,smc-mbox"}


@dataclass
class Domain:
    """One domain's SCMI policy."""
    key: str                        # d0, d1, ...: Xen's domain ids, domUs in section order
    section: str                    # dom0, domU1, ...
    name: str = ""                  # vscmi_name= of its bootargs, else the section
    binding: str | None = None      # its channel's DT binding; None: no SCMI
    all: bool = False               # vscmi-dom0=all: what no other domain holds exclusively
    grants: dict = field(default_factory=dict)      # {protocol: {firmware id: mode}}

    def mode(self, proto, rid):
        return self.grants.get(proto, {}).get(rid)

    def exclusive(self, proto):
        """The firmware ids of `proto` granted to this domain alone."""
        return [i for i, m in self.grants.get(proto, {}).items() if m == "full"]

    def grants_text(self):
        if self.all:
            return "all"
        if self.binding is None:
            return "no SCMI"
        return "; ".join("%s %s" % (scmi.proto_name(p), " ".join("%d/%s" % (i, m) for i, m in sorted(g.items())))
                         for p, g in sorted(self.grants.items()))


def scenario_domains(scn):
    """{'d0': Domain, 'd1': Domain, ...} of a Xen scenario."""
    doms = {}
    if scn.dom0:
        doms["d0"] = dom0_domain(scn.xen_bootargs, guest_name(scn.dom0))
    for n, g in enumerate(scn.domus, 1):
        doms["d%d" % n] = domu_domain("d%d" % n, g.name, guest_name(g), g.dt_props)
    return doms


def guest_name(g):
    """The name the guest reports itself by (vscmi_name=), else its section."""
    m = re.search(r"(?:^|\s)vscmi_name=(\S+)", g.bootargs)
    return m.group(1) if m else g.name


def outside_grants(doms, who, proto, msg, rid):
    """None if a firmware command for `who` (xen, d0, d1...) is within its
    grants, else why not."""
    write = scmi.is_write(proto, msg)
    if who == "xen":
        return "Xen's own discovery changed firmware state" if write else None
    d = doms.get(who)
    if d is None:
        return "for %s, a domain the scenario does not have" % who
    if rid is None:
        return None
    what = scmi.proto_name(proto)
    if d.all:
        for other, od in doms.items():
            if other != who and od.mode(proto, rid) == "full":
                return "%s id %d is exclusive to %s" % (what, rid, other)
        return None
    mode = d.mode(proto, rid)
    if mode is None:
        return "%s id %d is not granted to %s" % (what, rid, who)
    if write and mode == "ro":
        return "%s id %d is read-only for %s" % (what, rid, who)
    if (proto, msg) in scmi.SET_RATE and mode == "shared":
        return "rate of shared %s id %d set by %s, not its owner" % (what, rid, who)
    return None


def dom0_domain(cmdline, name):
    m = re.search(r"(?:^|\s)vscmi-dom0=(\S+)", cmdline)
    spec = m.group(1) if m else "all"
    d = Domain("d0", "dom0", name, binding=BINDINGS["smc"], all=spec == "all")
    if spec == "none":
        d.binding = None
    if spec not in ("all", "none"):
        for item in spec.split(","):
            m = re.fullmatch(r"(\w+):(\d+)(?:-(\d+))?(?:/([\w-]+))?", item)
            if m and m.group(1) in DOM0_KINDS:
                for i in range(int(m.group(2)), int(m.group(3) or m.group(2)) + 1):
                    d.grants.setdefault(DOM0_KINDS[m.group(1)], {})[i] = m.group(4) or "full"
    return d


def domu_domain(key, section, name, dt_props):
    props = " ".join(dt_props)
    m = re.search(r'xen,scmi\s*=\s*"(\w+)"', props)
    d = Domain(key, section, name, binding=BINDINGS.get(m.group(1)) if m else None)
    for prop, proto in GRANT_PROPS.items():
        m = re.search(r"xen,scmi-%s\s*=\s*<([^>]*)>" % prop, props)
        if not m:
            continue
        ids = [int(t, 0) for t in m.group(1).split() if not t.startswith("&")]
        m = re.search(r"xen,scmi-%s-mode\s*=\s*([^;]*);" % prop, props)
        modes = re.findall(r'"([^"]*)"', m.group(1)) if m else ["full"]
        for k, i in enumerate(ids):
            d.grants.setdefault(proto, {})[i] = modes[k] if len(modes) > 1 else modes[0]
    return d
