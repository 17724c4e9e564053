#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the harness's grants reader (vscmi_qemu/grants.py), no QEMU:
  python3 tests/platform/harness/test_grants.py"""

import os
import sys
import types
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vscmi_qemu import grants, scenario  # noqa: E402
from vscmi_qemu.scmi import CLOCK, POWER, RESET, SENSOR  # noqa: E402

CONFIG_SET, RATE_SET, RATE_GET = 0x07, 0x05, 0x06


def domains(xen_bootargs="", domus=(), dom0=True):
    """scenario_domains of a scenario with these Xen bootargs and domU dt_props."""
    guest = lambda name, props: types.SimpleNamespace(name=name, bootargs="vscmi_name=" + name, dt_props=list(props))
    scn = types.SimpleNamespace(xen_bootargs=xen_bootargs, dom0=guest("dom0", []) if dom0 else None,
                                domus=[guest("domU%d" % i, p) for i, p in enumerate(domus, 1)])
    return grants.scenario_domains(scn)


class Dom0(unittest.TestCase):
    def test_items(self):
        d = domains("loglvl=all vscmi-dom0=clock:0-3/ro,clock:7,pd:3-4,sensor:1,reset:0x2/shared-owner,system")["d0"]
        self.assertEqual(d.grants, {CLOCK: {0: "ro", 1: "ro", 2: "ro", 3: "ro", 7: "full"},
                                    POWER: {3: "full", 4: "full"}, SENSOR: {1: "full"}, RESET: {2: "shared-owner"}})
        self.assertEqual((d.binding, d.all, d.privileged, d.errors), ("arm,scmi-smc", False, True, []))
        self.assertEqual(d.grants_text(), "power 3/full 4/full; clock 0/ro 1/ro 2/ro 3/ro 7/full; "
                                          "sensor 1/full; reset 2/shared-owner")

    def test_all_none_rate(self):
        d = domains("vscmi-dom0-rate=100:10")["d0"]
        self.assertEqual((d.all, d.binding, d.rate, d.grants_text()), (True, "arm,scmi-smc", (100, 10), "all"))
        d = domains("vscmi-dom0=none")["d0"]
        self.assertEqual((d.all, d.binding, d.grants_text()), (False, None, "no SCMI"))

    def test_as_xen_reads_it(self):
        # the last option counts, '_' is '-', a trailing comma ends the list
        self.assertEqual(domains("vscmi-dom0=clock:1 vscmi_dom0=clock:2,")["d0"].grants, {CLOCK: {2: "full"}})
        self.assertEqual(domains("vscmi-dom0=pd:010")["d0"].grants, {POWER: {8: "full"}})

    def test_refused(self):
        for policy, why in [("clock:3-1", 'bad item "clock:3-1"'), ("clk:1", 'bad item "clk:1"'),
                            ("clock:1/rw", 'bad item "clock:1/rw"'), ("clock:1,,pd:2", 'bad item ""'),
                            ("clock:256", 'bad item "clock:256"'),
                            ("clock:1,clock:0-2", "firmware clock 1 granted twice")]:
            self.assertEqual(domains("vscmi-dom0=" + policy)["d0"].errors, ["vscmi-dom0: " + why], policy)
        self.assertEqual(domains("vscmi-dom0-rate=10x")["d0"].errors, ['vscmi-dom0-rate: bad value "10x"'])


class Dom0less(unittest.TestCase):
    def test_properties(self):
        doms = domains(domus=[['xen,scmi = "smc";', "xen,scmi-clocks = <&scmi_clk 10 &scmi_clk 12>, <&scmi_clk 0xd>;",
                               'xen,scmi-clocks-mode = "full", "shared", "ro";', "xen,scmi-power-domains = <&scmi_pd 1>;",
                               "xen,scmi-agent = <&scmi_agent1>;", "xen,scmi-rate = <50>;", "xen,scmi-privileged;"],
                              ['xen,scmi = "mbox";', "xen,scmi-resets = <&r 1 &r 2>;", 'xen,scmi-resets-mode = "ro";'],
                              []], dom0=False)
        d1, d2, d3 = doms["d1"], doms["d2"], doms["d3"]
        self.assertEqual(list(doms), ["d1", "d2", "d3"])
        self.assertEqual(d1.grants, {CLOCK: {10: "full", 12: "shared", 13: "ro"}, POWER: {1: "full"}})
        self.assertEqual((d1.binding, d1.agent, d1.rate, d1.privileged, d1.errors),
                         ("arm,scmi-smc", "&scmi_agent1", (50, 0), True, []))
        self.assertEqual((d2.binding, d2.grants, d2.name), ("arm,smc-mbox", {RESET: {1: "ro", 2: "ro"}}, "domU2"))
        self.assertEqual((d3.binding, d3.grants_text(), d3.errors), (None, "no SCMI", []))

    def test_refused(self):
        smc = 'xen,scmi = "smc";'
        for props, why in [
                (["xen,scmi-clocks = <&c 1>;"], 'xen,scmi-clocks: needs "xen,scmi"; domain not created'),
                (['xen,scmi = "hvc";'], 'xen,scmi: expected "smc" or "mbox"; domain not created'),
                ([smc, "xen,scmi-clocks = <&c 1 &c 2>;", 'xen,scmi-clocks-mode = "ro", "ro", "ro";'],
                 "xen,scmi-clocks-mode: 3 modes for 2 entries"),
                ([smc, "xen,scmi-clocks = <&c 1 &c>;"], "xen,scmi-clocks: expected <&provider id> pairs"),
                ([smc, "xen,scmi-clocks = <&c 1 &c 1>;"], "xen,scmi-clocks: firmware clock 1 granted twice"),
                ([smc, "xen,scmi-clocks = <&c 1>;", 'xen,scmi-clocks-mode = "own";'],
                 'xen,scmi-clocks-mode: expected "full", "ro", "shared" or "shared-owner"'),
                ([smc, "xen,scmi-agent = <&a &b>;"], "xen,scmi-agent: expected one <&agent> phandle"),
                ([smc, "xen,scmi-rate = <1 2 3>;"], "xen,scmi-rate: expected <calls-per-second [burst]>"),
                ([smc, 'xen,scmi = "mbox";'], "xen,scmi: defined twice")]:
            self.assertEqual(domains(domus=[props], dom0=False)["d1"].errors, [why], props)

    def test_policy_errors_name_the_domain(self):
        doms = domains(domus=[['xen,scmi = "hvc";']])
        self.assertEqual(grants.policy_errors(doms), ['d1 (domU1): xen,scmi: expected "smc" or "mbox"; domain not '
                                                      'created: Xen refuses this, the grants model cannot follow it'])
        self.assertEqual(grants.policy_errors(doms, ["d0"]), [])


class OutsideGrants(unittest.TestCase):
    doms = domains("vscmi-dom0=all", [['xen,scmi = "smc";', "xen,scmi-clocks = <&c 10 &c 12 &c 13 &c 14>;",
                                       'xen,scmi-clocks-mode = "full", "shared", "ro", "shared-owner";']])

    def test_decisions(self):
        for who, proto, msg, rid, why in [
                ("xen", CLOCK, RATE_GET, 3, None), ("xen", CLOCK, CONFIG_SET, 3, "Xen's own discovery changed firmware state"),
                ("d5", CLOCK, RATE_GET, 3, "for d5, a domain the scenario does not have"),
                ("d0", CLOCK, CONFIG_SET, 10, "clock id 10 is exclusive to d1"), ("d0", CLOCK, CONFIG_SET, 12, None),
                ("d1", CLOCK, CONFIG_SET, 10, None), ("d1", CLOCK, RATE_GET, 11, "clock id 11 is not granted to d1"),
                ("d1", CLOCK, CONFIG_SET, 13, "clock id 13 is read-only for d1"), ("d1", CLOCK, RATE_GET, 13, None),
                ("d1", CLOCK, RATE_SET, 12, "rate of shared clock id 12 set by d1, not its owner"),
                ("d1", CLOCK, RATE_SET, 14, None), ("d1", CLOCK, 0x03, None, None)]:
            self.assertEqual(grants.outside_grants(self.doms, who, proto, msg, rid), why, (who, proto, msg, rid))
        self.assertEqual(self.doms["d1"].exclusive(CLOCK), [10])


class Scenarios(unittest.TestCase):
    def test_every_scenario_reads_cleanly(self):
        for name in scenario.all_scenarios():
            scn = scenario.Scenario(name)
            if scn.xen != "none":
                self.assertEqual(grants.policy_errors(grants.scenario_domains(scn)), [], name)


if __name__ == "__main__":
    unittest.main()
