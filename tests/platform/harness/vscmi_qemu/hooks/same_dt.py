# SPDX-License-Identifier: MIT
"""same_dt = <guest> <guest>: two guests printed the same VSCMI-DT lines
(vscmi_dt= in their command lines): the same SCMI nodes, property by
property, e.g. a dom0less domU whose nodes Xen wrote and a domain whose
nodes libxl wrote for the same kind of grants."""

import re

DT_RE = re.compile(r"VSCMI-DT name=(\S+) (.*)$")


def names_of(scn):
    return scn.check_opts.get("same_dt", "").split()


def dt_of(lines, name):
    props = set()
    for t, s, text in lines:
        m = DT_RE.search(text)
        if m and m.group(1) == name:
            props.add(m.group(2).strip())
    return props


def check(lines, scn):
    names = names_of(scn)
    if len(names) != 2:
        return [("[check] same_dt = <guest> <guest>: want two names", "")]
    a, b = (dt_of(lines, n) for n in names)
    if not a or not b:
        return [("same_dt: no VSCMI-DT line from %s" % " or ".join(n for n, p in zip(names, (a, b)) if not p), "")]
    if a != b:
        diff = ["    only %s: %s" % (names[0], p) for p in sorted(a - b)] + \
               ["    only %s: %s" % (names[1], p) for p in sorted(b - a)]
        return [("same_dt: %s and %s see different SCMI nodes" % tuple(names), "\n".join(diff[:20]))]
    return []


def summary(lines, scn):
    names = names_of(scn)
    if len(names) != 2:
        return []
    a = dt_of(lines, names[0])
    return ["same DT   : %s and %s: %d SCMI node properties%s" % (
        names[0], names[1], len(a), "" if a == dt_of(lines, names[1]) else ", DIFFERENT")]
