# SPDX-License-Identifier: MIT
"""The scenario's SCMI grants, read here once for every oracle and the summary.

Xen's grammar (docs/admin.md; arch/arm/vscmi-cfg.c is the reference):
  dom0   vscmi-dom0=all|none|<item>[,<item>...]   (default all)
           <item> = <kind>:<id>[-<id>][/<mode>] or system
         vscmi-dom0-rate=<calls/s>[:<burst>]
  domUn  xen,scmi = "smc" | "mbox";
         xen,scmi-<resources> = <&provider id ...>;
         xen,scmi-<resources>-mode = one mode for all, or one per entry;
         xen,scmi-agent = <&agent>;  xen,scmi-rate = <calls/s [burst]>;
         xen,scmi-privileged;
A mode is full (exclusive), ro, shared or shared-owner (may set the rate).
What Xen would refuse lands in Domain.errors, the rest is read as well as it
can be: Xen then boots dom0 without SCMI, or does not create the domU, and
the domain ids the oracles rely on no longer follow the scenario.
"""

import re
from dataclasses import dataclass, field

from . import scmi

# (vscmi-dom0= item kind, dom0less property, protocol): Xen's vscmi_res_kinds
RESOURCE_KINDS = (
    ("pd", "xen,scmi-power-domains", scmi.POWER),
    ("perf", "xen,scmi-perf-domains", scmi.PERF),
    ("clock", "xen,scmi-clocks", scmi.CLOCK),
    ("sensor", "xen,scmi-sensors", scmi.SENSOR),
    ("reset", "xen,scmi-resets", scmi.RESET),
    ("voltage", "xen,scmi-voltage-domains", scmi.VOLTAGE),
)
MODES = ("full", "ro", "shared", "shared-owner")
MAX_GRANTS = 256                                    # VSCMI_MAX_GRANTS
BINDINGS = {"smc": "arm,scmi-smc", "mbox": "arm,smc-mbox"}

# an unsigned number as Xen's simple_strtoul(s, &end, 0) and dtc read it
NUMBER = r"(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)"
DOM0_ITEM_RE = re.compile(r"(?P<kind>[^:]*):(?P<first>%s)(?:-(?P<last>%s))?(?:/(?P<mode>.*))?" % (NUMBER, NUMBER))
RATE_RE = re.compile(r"(?P<rate>%s)?(?::(?P<burst>%s)?)?" % (NUMBER, NUMBER))


def number(s):
    return int(s, 16) if s[:2] in ("0x", "0X") else int(s, 8) if s.startswith("0") else int(s)


@dataclass
class Domain:
    """One domain's SCMI policy, as Xen reads it."""
    key: str                        # d0, d1, ...: Xen's domain ids, domUs in section order
    section: str                    # dom0, domU1, ...
    name: str = ""                  # vscmi_name= of its bootargs, else the section
    binding: str | None = None      # its channel's DT binding; None: no SCMI
    all: bool = False               # vscmi-dom0=all: what no other domain holds exclusively
    grants: dict = field(default_factory=dict)      # {protocol: {firmware id: mode}}
    privileged: bool = False        # SYSTEM_POWER allowed
    rate: tuple | None = None       # (calls per second, burst)
    agent: str | None = None        # xen,scmi-agent: its own firmware agent, as written
    errors: list = field(default_factory=list)      # why Xen refuses this policy

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

    def grant(self, proto, rid, mode, what):
        ids = self.grants.setdefault(proto, {})
        if rid in ids:
            self.errors.append("%s: firmware %s %d granted twice" % (what, scmi.proto_name(proto), rid))
        ids[rid] = mode


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


def policy_errors(doms, keys=None):
    """A line for each part of these domains' policies Xen refuses."""
    return ["%s (%s): %s: Xen refuses this, the grants model cannot follow it" % (key, d.section, e)
            for key, d in doms.items() if keys is None or key in keys for e in d.errors]


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


# ---------------------------------------------------------------- dom0

def xen_option(cmdline, name):
    """The value of name= on Xen's command line, None without one.  As in Xen
    the last one counts and '-' and '_' are the same in names."""
    value = None
    for word in cmdline.split():
        key, eq, val = word.partition("=")
        if eq and key.replace("_", "-") == name:
            value = val
    return value


def dom0_domain(cmdline, name):
    d = Domain("d0", "dom0", name, binding=BINDINGS["smc"])
    policy = xen_option(cmdline, "vscmi-dom0")
    if policy is None:
        policy = "all"
    if policy == "none":
        d.binding = None
        return d
    rate = xen_option(cmdline, "vscmi-dom0-rate") or ""
    m = RATE_RE.fullmatch(rate)
    if not m:
        d.errors.append('vscmi-dom0-rate: bad value "%s"' % rate)
    elif rate:
        d.rate = (number(m.group("rate") or "0"), number(m.group("burst") or "0"))
    if policy == "all":
        d.all = d.privileged = True
        return d
    items = policy.split(",")
    if items[-1] == "":             # Xen stops at a trailing comma
        items.pop()
    for item in items:
        if item == "system":
            d.privileged = True
            continue
        grant = dom0_item(item)
        if grant is None:
            d.errors.append('vscmi-dom0: bad item "%s"' % item)
            continue
        proto, first, last, mode = grant
        for rid in range(first, last + 1):
            d.grant(proto, rid, mode, "vscmi-dom0")
    return d


def dom0_item(item):
    """(protocol, first id, last id, mode) of <kind>:<id>[-<id>][/<mode>], None if bad."""
    m = DOM0_ITEM_RE.fullmatch(item)
    kinds = {kind: proto for kind, _, proto in RESOURCE_KINDS}
    if not m or m.group("kind") not in kinds:
        return None
    first = number(m.group("first"))
    last = number(m.group("last")) if m.group("last") else first
    mode = m.group("mode") if m.group("mode") is not None else "full"
    if last < first or last >= MAX_GRANTS or mode not in MODES:
        return None
    return kinds[m.group("kind")], first, last, mode


# ---------------------------------------------------------------- dom0less

DTS_VALUE = r'"(?:[^"\\]|\\.)*"|<[^>]*>'
DTS_PROPERTY_RE = re.compile(r"\s*([A-Za-z0-9,._+*#?-]+)\s*(?:=\s*((?:%s)(?:\s*,\s*(?:%s))*))?\s*;" % (DTS_VALUE, DTS_VALUE))


def dts_properties(text):
    """{name: [value, ...]} of the DTS property statements in `text`: a value
    is a str ("string") or a list of cell tokens (<...>).  A statement that
    is not such a property is skipped."""
    props, errors = {}, []
    pos = 0
    while pos < len(text):
        m = DTS_PROPERTY_RE.match(text, pos)
        if not m:
            semicolon = text.find(";", pos)
            pos = len(text) if semicolon < 0 else semicolon + 1
            continue
        pos = m.end()
        values = [re.sub(r"\\(.)", r"\1", v[1:-1]) if v.startswith('"') else v[1:-1].split()
                  for v in re.findall(DTS_VALUE, m.group(2) or "")]
        if m.group(1) in props:
            errors.append("%s: defined twice" % m.group(1))
        else:
            props[m.group(1)] = values
    return props, errors


def strings_of(values):
    return values if values and all(isinstance(v, str) for v in values) else None


def cells_of(values):
    """The cells of <...>[, <...>] (dtc joins the groups), else None."""
    if not values or not all(isinstance(v, list) for v in values):
        return None
    return [c for v in values for c in v]


def domu_domain(key, section, name, dt_props):
    d = Domain(key, section, name)
    props, d.errors = dts_properties(" ".join(dt_props))
    if "xen,scmi" not in props:
        for prop in ["xen,scmi-agent"] + [p for _, p, _ in RESOURCE_KINDS]:
            if prop in props:
                d.errors.append('%s: needs "xen,scmi"; domain not created' % prop)
    else:
        s = strings_of(props["xen,scmi"])
        d.binding = BINDINGS.get(s[0]) if s else None
        if d.binding is None:
            d.errors.append('xen,scmi: expected "smc" or "mbox"; domain not created')
    for _, prop, proto in RESOURCE_KINDS:
        if prop in props:
            read_grant_property(d, prop, proto, props[prop], props.get(prop + "-mode"))
    if "xen,scmi-agent" in props:
        cells = cells_of(props["xen,scmi-agent"])
        if cells is None or len(cells) != 1:
            d.errors.append("xen,scmi-agent: expected one <&agent> phandle")
        else:
            d.agent = cells[0]
    d.privileged = "xen,scmi-privileged" in props
    if "xen,scmi-rate" in props:
        cells = cells_of(props["xen,scmi-rate"])
        if cells is None or len(cells) not in (1, 2) or not all(re.fullmatch(NUMBER, c) for c in cells):
            d.errors.append("xen,scmi-rate: expected <calls-per-second [burst]>")
        else:
            d.rate = (number(cells[0]), number(cells[1]) if len(cells) == 2 else 0)
    return d


def read_grant_property(d, prop, proto, values, mode_values):
    """xen,scmi-<resources> = <&provider id ...> with its -mode property."""
    cells = cells_of(values)
    if not cells or len(cells) % 2:
        d.errors.append("%s: expected <&provider id> pairs" % prop)
        cells = cells or []
    ids = []
    for k in range(1, len(cells), 2):       # (provider phandle, firmware id) pairs
        if re.fullmatch(NUMBER, cells[k]):
            ids.append(number(cells[k]))
        else:
            d.errors.append("%s: entry %d: %s is not a number" % (prop, k // 2, cells[k]))
    if len(ids) > MAX_GRANTS:
        d.errors.append("%s: more than %d entries" % (prop, MAX_GRANTS))
    modes = ["full"] if mode_values is None else strings_of(mode_values) or []
    if len(modes) not in (1, len(ids)):
        d.errors.append("%s-mode: %d modes for %d entries" % (prop, len(modes), len(ids)))
    if any(mode not in MODES for mode in modes):
        d.errors.append('%s-mode: expected "full", "ro", "shared" or "shared-owner"' % prop)
    for k, rid in enumerate(ids):
        mode = modes[0] if len(modes) == 1 else modes[k] if k < len(modes) else "full"
        d.grant(proto, rid, mode, prop)
