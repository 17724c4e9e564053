# SPDX-License-Identifier: MIT
"""A scenario: the INI file tests/qemu/<name>.scenario (docs/qemu.md)."""

import configparser
import os
import re
import shlex

from .hooks import HOOKS
from .paths import SCENARIO_DIR

DEFAULT_XEN_BOOTARGS = ("dom0_mem=512M console=dtuart dtuart=/pl011@9000000 "
                        "loglvl=all guest_loglvl=all")


class ScenarioError(Exception):
    """The scenario cannot be set up: a bad file or a missing build output."""


def lines_of(value):
    """The non-empty, non-comment lines of a multi-line value."""
    return [l.strip() for l in (value or "").splitlines() if l.strip() and not l.strip().startswith("#")]


def all_scenarios():
    return sorted(f[:-9] for f in os.listdir(SCENARIO_DIR) if f.endswith(".scenario"))


class Guest:
    """[linux], [dom0] or [domUn]: a kernel, its initramfs and command line."""

    def __init__(self, name, sec):
        self.name = name
        self.kernel = sec.get("kernel", "linux")
        self.initramfs = sec.get("initramfs", "guest")
        self.bootargs = " ".join(sec.get("bootargs", "").split())
        self.memory = int(sec.get("memory", "256"))        # MiB (domUs)
        self.cpus = int(sec.get("cpus", "1"))
        self.passthrough = sec.get("passthrough", "").strip()
        self.dt_props = lines_of(sec.get("dt_props", ""))
        # dom0: a shell script (under tests/qemu/) the image's init sources
        # once the toolstack is up (tests/platform/initramfs/dom0.sh)
        self.script = sec.get("script", "").strip()
        if self.script and not os.path.isfile(os.path.join(SCENARIO_DIR, self.script)):
            raise ScenarioError("[%s] script: no file tests/qemu/%s" % (name, self.script))


class Scenario:
    def __init__(self, name):
        path = os.path.join(SCENARIO_DIR, name + ".scenario")
        if not os.path.isfile(path):
            raise ScenarioError("no scenario %s (%s)" % (name, path))
        cp = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"),
                                       inline_comment_prefixes=None, strict=True)
        cp.optionxform = str
        cp.read(path)
        self.name = name
        self.path = path
        s = cp["scenario"] if cp.has_section("scenario") else {}
        self.description = " ".join(s.get("description", "").split())
        self.xen = s.get("xen", "none").strip()
        if self.xen not in ("none", "upstream", "vscmi"):
            raise ScenarioError("%s: xen must be none, upstream or vscmi" % name)
        self.timeout = float(s.get("timeout", "90"))
        self.grace = float(s.get("grace", "1.5"))
        self.dt = s.get("dt", "").split()
        self.dt_extra = s.get("dt_extra", "")
        self.qemu_extra = shlex.split(s.get("qemu_extra", ""))
        self.xen_bootargs = " ".join(cp.get("xen", "bootargs", fallback=DEFAULT_XEN_BOOTARGS).split())
        self.linux = Guest("linux", cp["linux"]) if cp.has_section("linux") else None
        self.dom0 = Guest("dom0", cp["dom0"]) if cp.has_section("dom0") else None
        self.domus = [Guest(sec, cp[sec]) for sec in sorted(cp.sections()) if re.fullmatch(r"domU\d+", sec)]
        if any(g.script for g in self.domus + ([self.linux] if self.linux else [])):
            raise ScenarioError("%s: only [dom0] runs a script" % name)
        if self.xen == "none":
            if not self.linux or self.dom0 or self.domus:
                raise ScenarioError("%s: xen = none needs a [linux] section and no dom0/domU" % name)
        elif not self.dom0 and not self.domus:
            raise ScenarioError("%s: a Xen scenario needs [dom0] and/or [domUn] sections" % name)
        e = cp["expect"] if cp.has_section("expect") else {}
        self.console = lines_of(e.get("console", ""))
        self.console_not = lines_of(e.get("console_not", ""))
        self.firmware = lines_of(e.get("firmware", ""))
        self.firmware_not = lines_of(e.get("firmware_not", ""))
        agents = e.get("firmware_agents", "").split()
        self.firmware_agents = set(int(a) for a in agents) if agents else None
        self.done = lines_of(e.get("done", ""))
        if not self.done:
            raise ScenarioError("%s: [expect] done = ... (regexes that end the run) is required" % name)
        sm = cp["summary"] if cp.has_section("summary") else {}
        self.summary_show = lines_of(sm.get("show", ""))
        self.summary_lines = int(sm.get("lines", "12"))    # at most, of show's
        ck = cp["check"] if cp.has_section("check") else {}
        self.hooks = ck.get("hooks", "").split()
        self.check_opts = {k: " ".join(v.split()) for k, v in ck.items()}
        for h in self.hooks:
            if h not in HOOKS:
                raise ScenarioError("%s: unknown check hook %s (have: %s)" % (name, h, " ".join(sorted(HOOKS))))
