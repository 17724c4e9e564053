#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the harness's check hooks on made-up runs, no QEMU:
  python3 tests/platform/harness/test_hooks.py"""

import os
import sys
import types
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vscmi_qemu.hooks import scmi_list_agrees, teardown_window  # noqa: E402

TEXT = """\
Name                    ID Bind       FuncId      Address Votes    Calls  Denied  Errors   FwErr    Busy
Domain-0                 0 smc    0x82000020   0xbfff0000     0      127       3       0       0       0
    all: every resource no other domain holds alone, guest id = firmware id; votes on:
scmi1                    2 smc    0x82000020   0x22001000     2       28       0       0       0       0
    power      0 -> firmware 1    full
    clock      0 -> firmware 10   full         on
    clock      1 -> firmware 12   shared       on"""
JSON = """[
    { "domid": 0, "vscmi": { "votes": 0, "all": true,
        "grants": [ { "protocol": 20, "guest_id": 3, "fw_id": 3 } ] } },
    { "domid": 2, "vscmi": { "votes": 2, "grants": [
        { "protocol": 17, "fw_id": 1 },
        { "protocol": 20, "fw_id": 10, "held": true },
        { "protocol": 20, "guest_id": 1, "fw_id": 12, "mode": "shared", "held": true } ] } }
]"""


def run(trace=("d2 0x14/0x07 id 10 arg 0x1", "d1 0x14/0x07 id 12 arg 0x1"), text=TEXT, json=JSON, fw_drop=()):
    """A run's lines: the traced CONFIG_SETs and the firmware's, then the two listings."""
    lines = []
    for n, t in enumerate(trace):
        lines.append((1.0, "con", "(XEN) vscmi-trace: " + t))
        cid = int(t.split(" id ")[1].split()[0])
        if n not in fw_drop:
            lines.append((1.0, "fw", "SCMI-FW: seq=%d agent=0 proto=0x14 msg=0x07 id=%d status=0" % (n, cid)))
    lines += [(2.0, "con", "VSCMI-OUT step=scmi-list: " + l) for l in text.splitlines()]
    lines += [(3.0, "con", "VSCMI-OUT step=scmi-list-json: " + l) for l in json.splitlines()]
    return lines


SCN = types.SimpleNamespace(check_opts={"scmi_list_agrees": "scmi-list scmi-list-json"})


def problems(lines):
    return [p for p, _ in scmi_list_agrees.check(lines, SCN)]


class ScmiListAgrees(unittest.TestCase):
    def test_agreeing_run(self):
        self.assertEqual(problems(run()), [])

    def test_held_but_never_enabled(self):
        self.assertIn("scmi_list_agrees: clock 10: held by dom2, but the trace never enabled it",
                      problems(run(trace=("d1 0x14/0x07 id 12 arg 0x1",))))

    def test_held_but_disabled(self):
        p = problems(run(trace=("d2 0x14/0x07 id 10 arg 0x1", "d1 0x14/0x07 id 12 arg 0x1",
                                "d2 0x14/0x07 id 10 arg 0x0")))
        self.assertIn("scmi_list_agrees: clock 10: held by dom2, but the trace last disabled it", p)

    def test_on_but_held_by_nobody(self):
        p = problems(run(trace=("d2 0x14/0x07 id 10 arg 0x1", "d1 0x14/0x07 id 12 arg 0x1",
                                "d3 0x14/0x07 id 4 arg 0x1")))
        self.assertIn("scmi_list_agrees: clock 4: on by the trace (last for d3), held by nobody", p)

    def test_full_enabled_for_another(self):
        p = problems(run(trace=("d5 0x14/0x07 id 10 arg 0x1", "d1 0x14/0x07 id 12 arg 0x1")))
        self.assertIn("scmi_list_agrees: clock 10: dom2's alone, but last enabled for d5", p)

    def test_votes_column(self):
        p = problems(run(text=TEXT.replace("0x22001000     2", "0x22001000     3"),
                         json=JSON.replace('"votes": 2', '"votes": 3')))
        self.assertIn("scmi_list_agrees: dom2: Votes 3, but 2 grants shown on", p)

    def test_json_differs(self):
        self.assertIn("scmi_list_agrees: text and JSON differ",
                      problems(run(json=JSON.replace('"fw_id": 12, "mode": "shared"', '"fw_id": 12'))))

    def test_firmware_lost_one(self):
        self.assertIn("scmi_list_agrees: clock 10: 1 CONFIG_SETs traced, the firmware processed 0 (none)",
                      problems(run(fw_drop=(0,))))


TW_SCN = types.SimpleNamespace(check_opts={
    "teardown_window": "bench=b holder=h domain=d2 votes=2 clocks=20-21"})
TW_EVENTS = ["VSCMI-AGENT-VOTES: name=h held=2", "VSCMI-AGENT-PHASE: name=b phase=window begin t_ms=1",
             "VSCMI-AGENT-CRASH: name=h", "d2: vscmi: SCMI votes released at shutdown, by a tasklet in 1 run",
             "VSCMI-AGENT-PHASE: name=b phase=window end t_ms=2"]


def teardown_run(events=TW_EVENTS, fw_ids=(20, 21), fw_at=3.5):
    """Console events a second apart, the firmware's CONFIG_SETs of @fw_ids at @fw_at."""
    lines = [(float(i + 1), "con", "(XEN) " + e) for i, e in enumerate(events)]
    lines += [(fw_at, "fw", "SCMI-FW: seq=%d agent=0 proto=0x14 msg=0x07 id=%d status=0" % (n, c))
              for n, c in enumerate(fw_ids)]
    return sorted(lines, key=lambda l: l[0])


def tw_problems(lines):
    return [p for p, _ in teardown_window.check(lines, TW_SCN)]


class TeardownWindow(unittest.TestCase):
    def test_in_order(self):
        self.assertEqual(tw_problems(teardown_run()), [])

    def test_released_after_the_window(self):
        ev = TW_EVENTS[:3] + [TW_EVENTS[4], TW_EVENTS[3]]
        p = tw_problems(teardown_run(events=ev))
        self.assertEqual(len(p), 1)
        self.assertIn("events out of order", p[0])

    def test_crash_before_the_window(self):
        ev = [TW_EVENTS[0], TW_EVENTS[2], TW_EVENTS[1]] + TW_EVENTS[3:]
        self.assertIn("events out of order", tw_problems(teardown_run(events=ev))[0])

    def test_never_released(self):
        self.assertIn("never saw released", tw_problems(teardown_run(events=TW_EVENTS[:3] + TW_EVENTS[4:]))[0])

    def test_disables_missing(self):
        p = tw_problems(teardown_run(fw_ids=(20,)))
        self.assertIn("1 CONFIG_SETs of the holder's clocks", p[0])

    def test_disables_outside_the_window(self):
        self.assertIn("0 CONFIG_SETs", tw_problems(teardown_run(fw_at=9.0))[0])


if __name__ == "__main__":
    unittest.main()
