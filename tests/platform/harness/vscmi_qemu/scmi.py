# SPDX-License-Identifier: MIT
"""SCMI as the logs show it: protocol names, the commands that change
firmware state, and the two one-line-per-command records the oracles pair:
the firmware's SCMI-FW lines (docs/qemu.md) and Xen's vscmi-trace lines."""

import re
from typing import NamedTuple

BASE, POWER, PERF, CLOCK, SENSOR, RESET, VOLTAGE = 0x10, 0x11, 0x13, 0x14, 0x15, 0x16, 0x17
PROTO_NAMES = {BASE: "base", POWER: "power", PERF: "perf", CLOCK: "clock", SENSOR: "sensor", RESET: "reset"}

POWER_STATE_SET = 0x04
CLOCK_RATE_SET = 0x05
CLOCK_CONFIG_SET = 0x07
RESET_MSG = 0x04

SET_STATE = {(CLOCK, CLOCK_CONFIG_SET), (POWER, POWER_STATE_SET), (RESET, RESET_MSG)}  # on/off, power, reset
SET_RATE = {(CLOCK, CLOCK_RATE_SET)}

# one parseable line per SCMI command that reached the firmware
FW_RE = re.compile(r"^SCMI-FW: seq=(\d+) agent=(\d+) proto=0x([0-9a-f]{2}) msg=0x([0-9a-f]{2}) "
                   r"id=(\d+|-) status=(-?\d+|smt-error)(?: fault=(\S+))?$")

# Xen's vscmi-trace (arch/arm/vscmi-fw.c): one line per message forwarded
# to firmware, in firmware order, naming the domain it is for
TRACE_RE = re.compile(r"vscmi-trace: (xen|d\d+) 0x([0-9a-f]{2})/0x([0-9a-f]{2}) id (\d+|-)(?: arg 0x([0-9a-f]+))?\s*$")


def hx(v):
    return "0x%x" % v


def proto_name(proto):
    return PROTO_NAMES.get(proto, hx(proto))


def is_write(proto, msg):
    """Does this command change firmware state (on/off, power, reset, rate)?"""
    return (proto, msg) in SET_STATE or (proto, msg) in SET_RATE


class Traced(NamedTuple):
    """A vscmi-trace line: the message Xen forwarded for `who` (xen, d0, d1...)."""
    index: int          # in the run's lines
    who: str
    proto: int
    msg: int
    id: int | None
    arg: int | None


class FwCommand(NamedTuple):
    """An SCMI-FW line: one command as the firmware processed it."""
    index: int
    agent: int
    proto: int
    msg: int
    id: int | None
    status: str         # signed decimal or smt-error


def trace_and_fw(lines):
    """([Traced], [FwCommand]) of the run's lines, each in log order."""
    tr, fw = [], []
    for i, (t, s, text) in enumerate(lines):
        if s == "con":
            m = TRACE_RE.search(text)
            if m:
                tr.append(Traced(i, m.group(1), int(m.group(2), 16), int(m.group(3), 16),
                                 None if m.group(4) == "-" else int(m.group(4)),
                                 None if m.group(5) is None else int(m.group(5), 16)))
        elif s == "fw":
            m = FW_RE.match(text)
            if m:
                fw.append(FwCommand(i, int(m.group(2)), int(m.group(3), 16), int(m.group(4), 16),
                                    None if m.group(5) == "-" else int(m.group(5)), m.group(6)))
    return tr, fw
