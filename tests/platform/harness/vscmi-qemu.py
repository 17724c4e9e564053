#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vscmi QEMU boot harness (python3 standard library only).

  vscmi-qemu.py test [SCENARIO...]     boot every scenario (default: all in
                                       tests/qemu/), one PASS/FAIL line each,
                                       then "N passed, M failed"
  vscmi-qemu.py run SCENARIO [--summary]
                                       boot one scenario, check it, optionally
                                       print a readable summary
  vscmi-qemu.py list                   list scenarios
  vscmi-qemu.py summary SCENARIO       summarise the last log of a scenario

A scenario is an INI file tests/qemu/<name>.scenario (see docs/qemu.md).
The machine is QEMU virt (secure=on, virtualization=on, GICv3, 2x Cortex-A57,
2 GiB) with TF-A + the vscmi SCMI server in flash, BL33 (Xen or Linux)
preloaded at 0x60000000 and a device tree made from QEMU's own (dumpdtb with
the identical command line) plus the scenario's fragments from tests/platform/dts/.

Console (PL011 0x09000000) and secure console (PL011 0x09040000: the
firmware's SCMI-FW lines) are captured with per-line timestamps into
build/logs/<scenario>.log as "[   s.mmm] con| ..." and "[   s.mmm] fw | ...".
"""

import configparser
import os
import re
import selectors
import shlex
import signal
import subprocess
import sys
import time

TOP = os.environ.get("TOP") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.environ.get("BUILD") or os.path.join(TOP, "build")
SCEN_DIR = os.path.join(TOP, "tests", "qemu")
DTS_DIR = os.path.join(TOP, "tests", "platform", "dts")
LOG_DIR = os.path.join(BUILD, "logs")

QEMU = os.environ.get("QEMU", "qemu-system-aarch64")
MACHINE = "virt,secure=on,virtualization=on,gic-version=3"
BL33_ADDR = 0x60000000
MOD_BASE = 0x48000000          # boot modules are packed from here ...
MOD_LIMIT = BL33_ADDR          # ... up to BL33
MOD_ALIGN = 0x200000

# one parseable line per SCMI command that reached the firmware
FW_RE = re.compile(r"^SCMI-FW: seq=(\d+) agent=(\d+) proto=0x([0-9a-f]{2}) msg=0x([0-9a-f]{2}) "
                   r"id=(\d+|-) status=(-?\d+|smt-error)(?: fault=(\S+))?$")

# anything here anywhere in the run fails the scenario
FATAL = [
    r"Kernel panic - not syncing",
    r"Internal error: Oops",
    r"Unable to handle kernel",
    r"\bBUG: ",
    r"Panic on CPU \d+",
    r"Xen BUG at",
    r"FATAL (PAGE FAULT|TRAP)",
    r"Assertion '.*' failed",
    r"PANIC at PC",
    r"^ASSERT: ",
    r"Unhandled Exception (in|at) EL3",
    r"BL31: .*[Pp]anic",
]


class ScenarioError(Exception):
    pass


def hx(v):
    return "0x%x" % v


def align(v, a=MOD_ALIGN):
    return (v + a - 1) & ~(a - 1)


def dt_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cells64(v):
    return "0x%x 0x%x" % (v >> 32, v & 0xffffffff)


def lines_of(value):
    return [l.strip() for l in (value or "").splitlines() if l.strip() and not l.strip().startswith("#")]


# ----------------------------------------------------------------- scenario

class Guest:
    def __init__(self, name, sec):
        self.name = name
        self.kernel = sec.get("kernel", "linux")
        self.initramfs = sec.get("initramfs", "guest")
        self.bootargs = " ".join(sec.get("bootargs", "").split())
        self.memory = int(sec.get("memory", "256"))        # MiB (domUs)
        self.cpus = int(sec.get("cpus", "1"))
        self.passthrough = sec.get("passthrough", "").strip()
        self.dt_props = lines_of(sec.get("dt_props", ""))


class Scenario:
    def __init__(self, name):
        path = os.path.join(SCEN_DIR, name + ".scenario")
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
        self.xen_bootargs = " ".join(cp.get("xen", "bootargs", fallback=
                                            "dom0_mem=512M console=dtuart dtuart=/pl011@9000000 "
                                            "loglvl=all guest_loglvl=all").split())
        self.linux = Guest("linux", cp["linux"]) if cp.has_section("linux") else None
        self.dom0 = Guest("dom0", cp["dom0"]) if cp.has_section("dom0") else None
        self.domus = [Guest(sec, cp[sec]) for sec in sorted(cp.sections()) if re.fullmatch(r"domU\d+", sec)]
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
        ck = cp["check"] if cp.has_section("check") else {}
        self.hooks = ck.get("hooks", "").split()
        self.check_opts = {k: " ".join(v.split()) for k, v in ck.items()}
        for h in self.hooks:
            if h not in HOOKS:
                raise ScenarioError("%s: unknown check hook %s (have: %s)" % (name, h, " ".join(sorted(HOOKS))))


# ------------------------------------------------------------------ helpers

def need(path, what):
    if not os.path.isfile(path):
        raise ScenarioError("%s missing: %s (run `make platform`)" % (what, path))
    return path


def repo_path(p):
    """Scenario paths: "build/..." lives under $BUILD, other relative paths under the repository."""
    if os.path.isabs(p):
        return p
    if p == "build" or p.startswith("build/"):
        return os.path.join(BUILD, p[6:])
    return os.path.join(TOP, p)


def kernel_path(k):
    return need(os.path.join(BUILD, "linux", "Image") if k == "linux" else repo_path(k), "kernel")


def initrd_path(n):
    return need(os.path.join(BUILD, "initramfs", n + ".cpio.gz"), "initramfs")


def run_checked(cmd, what, **kw):
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60, **kw)
    if r.returncode != 0:
        raise ScenarioError("%s failed:\n  %s\n%s" % (what, " ".join(cmd), r.stdout.decode(errors="replace")[-3000:]))
    return r.stdout


class Layout:
    """Packs boot modules below BL33 and remembers where each file went."""

    def __init__(self):
        self.cursor = MOD_BASE
        self.placed = {}

    def place(self, path, share=True):
        if share and path in self.placed:
            return self.placed[path]
        addr, size = self.cursor, os.path.getsize(path)
        self.cursor = align(addr + size)
        if self.cursor > MOD_LIMIT:
            raise ScenarioError("boot modules do not fit below 0x%x" % MOD_LIMIT)
        self.placed[path] = (addr, size)
        return addr, size


def build_machine(scn, work):
    """Return (qemu argv without -dtb, generated dts text)."""
    base = [QEMU, "-M", MACHINE, "-cpu", "cortex-a57", "-smp", "2", "-m", "2048",
            "-display", "none", "-monitor", "none", "-nic", "none", "-no-reboot",
            "-bios", need(os.path.join(BUILD, "firmware", "flash.bin"), "firmware")]
    dev = []
    gen = []
    lay = Layout()
    if scn.xen == "none":
        g = scn.linux
        dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (kernel_path(g.kernel), hx(BL33_ADDR))]
        a, n = lay.place(initrd_path(g.initramfs))
        dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (initrd_path(g.initramfs), hx(a))]
        gen.append("/ { chosen { bootargs = %s; linux,initrd-start = <%s>; linux,initrd-end = <%s>; }; };"
                   % (dt_str(g.bootargs), cells64(a), cells64(a + n)))
    else:
        xen = need(os.path.join(BUILD, "xen", scn.xen, "xen"), "Xen (%s)" % scn.xen)
        dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (xen, hx(BL33_ADDR))]
        chosen = ["xen,xen-bootargs = %s;" % dt_str(scn.xen_bootargs)]
        if scn.dom0:
            g = scn.dom0
            # dom0 modules through QEMU's guest-loader (they appear as /chosen/module@...)
            k = kernel_path(g.kernel)
            a, n = lay.place(k)
            dev += ["-device", "guest-loader,addr=%s,kernel=%s,bootargs=%s" % (hx(a), k, g.bootargs.replace(",", ",,"))]
            r = initrd_path(g.initramfs)
            a, n = lay.place(r, share=False)
            dev += ["-device", "guest-loader,addr=%s,initrd=%s" % (hx(a), r)]
        for g in scn.domus:
            mods = []
            k = kernel_path(g.kernel)
            a, n = lay.place(k)
            if not (scn.dom0 and k == kernel_path(scn.dom0.kernel)):
                dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (k, hx(a))]
            mods.append(("multiboot,kernel", a, n, g.bootargs))
            r = initrd_path(g.initramfs)
            a, n = lay.place(r, share=False)
            dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (r, hx(a))]
            mods.append(("multiboot,ramdisk", a, n, None))
            if g.passthrough:
                src = os.path.join(DTS_DIR, g.passthrough)
                need(src, "passthrough DT")
                out = os.path.join(work, "%s-passthrough.dtb" % g.name)
                run_checked(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", DTS_DIR, "-o", out, src],
                            "dtc %s" % g.passthrough)
                a, n = lay.place(out, share=False)
                dev += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (out, hx(a))]
                mods.append(("multiboot,device-tree", a, n, None))
            node = ["%s {" % g.name, 'compatible = "xen,domain";', "#address-cells = <2>;",
                    "#size-cells = <2>;", "memory = <%s>;" % cells64(g.memory * 1024),
                    "cpus = <%d>;" % g.cpus, "vpl011;"] + g.dt_props
            for compat, a, n, args in mods:
                node.append("module@%x {" % a)
                node.append('compatible = "%s", "multiboot,module";' % compat)
                node.append("reg = <%s %s>;" % (cells64(a), cells64(n)))
                if args:
                    node.append("bootargs = %s;" % dt_str(args))
                node.append("};")
            node.append("};")
            chosen += node
        gen.append("/ { chosen {\n%s\n}; };" % "\n".join(chosen))
    return base, dev, "\n".join(gen)


def make_dtb(scn, work, base, dev, gen):
    dump = os.path.join(work, "qemu-virt.dtb")
    argv = list(base)
    argv[argv.index("-M") + 1] = MACHINE + ",dumpdtb=" + dump
    run_checked(argv + dev, "QEMU dumpdtb")
    dts = run_checked(["dtc", "-q", "-I", "dtb", "-O", "dts", dump], "dtc (decompile)").decode()
    parts = [dts, "/* ---- vscmi fragments (tests/platform/dts/) ---- */"]
    for f in scn.dt:
        need(os.path.join(DTS_DIR, f), "DT fragment")
        parts.append('/include/ "%s"' % f)
    parts.append("/* ---- generated for scenario %s ---- */" % scn.name)
    parts.append(gen)
    if scn.dt_extra.strip():
        parts.append(scn.dt_extra)
    src = os.path.join(work, scn.name + ".dts")
    with open(src, "w") as f:
        f.write("\n".join(parts) + "\n")
    out = os.path.join(work, scn.name + ".dtb")
    run_checked(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", DTS_DIR, "-o", out, src], "dtc (scenario DT)")
    return out


# --------------------------------------------------------------------- boot

class Run:
    def __init__(self, scn):
        self.scn = scn
        self.lines = []          # (t, stream, text)
        self.reason = None       # why the run stopped
        self.elapsed = 0.0
        self.rc = None


def boot(scn, verbose=False):
    work = os.path.join(BUILD, "qemu", scn.name)
    os.makedirs(work, exist_ok=True)
    os.makedirs(LOG_DIR, exist_ok=True)
    base, dev, gen = build_machine(scn, work)
    dtb = make_dtb(scn, work, base, dev, gen)

    fw_r, fw_w = os.pipe()
    argv = base + ["-dtb", dtb, "-serial", "stdio", "-serial", "file:/dev/fd/%d" % fw_w] + dev + scn.qemu_extra
    with open(os.path.join(work, "qemu.cmd"), "w") as f:
        f.write(" ".join(shlex.quote(a) for a in argv) + "\n")

    run = Run(scn)
    logf = open(os.path.join(LOG_DIR, scn.name + ".log"), "w")
    logf.write("# scenario %s: %s\n# %s\n" % (scn.name, scn.description, " ".join(shlex.quote(a) for a in argv)))
    done_res = [re.compile(r) for r in scn.done]
    done_seen = [False] * len(done_res)
    fatal_res = [re.compile(r) for r in FATAL]

    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, pass_fds=(fw_w,), start_new_session=True)
    os.close(fw_w)
    sel = selectors.DefaultSelector()
    streams = {proc.stdout.fileno(): "con", fw_r: "fw ", proc.stderr.fileno(): "qemu"}
    bufs = {k: b"" for k in streams}
    for fd in streams:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    open_fds = set(streams)
    stop_at = None

    def emit(stream, raw):
        t = time.monotonic() - t0
        text = raw.decode(errors="replace").rstrip("\r\n").replace("\r", "")
        run.lines.append((t, stream.strip(), text))
        logf.write("[%8.3f] %s| %s\n" % (t, stream, text))
        if verbose:
            sys.stdout.write("[%8.3f] %s| %s\n" % (t, stream, text))
        return text

    try:
        while open_fds:
            now = time.monotonic()
            if stop_at is None and now - t0 > scn.timeout:
                run.reason = "timeout after %.0f s" % scn.timeout
                break
            if stop_at is not None and now >= stop_at:
                break
            for key, _ in sel.select(timeout=0.2):
                fd = key.fd
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    sel.unregister(fd)
                    open_fds.discard(fd)
                    if bufs[fd]:
                        emit(streams[fd], bufs[fd])
                        bufs[fd] = b""
                    continue
                bufs[fd] += chunk
                while b"\n" in bufs[fd]:
                    line, bufs[fd] = bufs[fd].split(b"\n", 1)
                    text = emit(streams[fd], line)
                    if run.reason is None and any(r.search(text) for r in fatal_res):
                        run.reason = "fatal: " + text.strip()
                        stop_at = time.monotonic() + scn.grace
                    if streams[fd] == "con":
                        for i, r in enumerate(done_res):
                            if not done_seen[i] and r.search(text):
                                done_seen[i] = True
                        if stop_at is None and all(done_seen):
                            stop_at = time.monotonic() + scn.grace
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for fd, b in bufs.items():
            if b:
                emit(streams[fd], b)
        os.close(fw_r)
        proc.stdout.close()
        proc.stderr.close()
        run.elapsed = time.monotonic() - t0
        run.rc = proc.returncode
        logf.write("# end: %.3f s, qemu rc %s, %s\n" % (run.elapsed, run.rc, run.reason or "ok"))
        logf.close()
    if run.reason is None and not all(done_seen):
        run.reason = "QEMU exited (rc %s) before: %s" % (
            run.rc, ", ".join(scn.done[i] for i, s in enumerate(done_seen) if not s))
    return run


# ------------------------------------------------------------------- checks

def fmt(lines):
    return "\n".join("    [%8.3f] %-4s| %s" % l for l in lines)


def excerpt_around(run, idx, before=12, after=6):
    return fmt(run.lines[max(0, idx - before):idx + after])


def tail(run, n=40, stream=None):
    ls = [l for l in run.lines if stream is None or l[1] == stream]
    return fmt(ls[-n:])


def check(run):
    """Return a list of (problem, excerpt)."""
    scn = run.scn
    probs = []
    con = [(i, l) for i, l in enumerate(run.lines) if l[1] == "con"]
    fw = [(i, l) for i, l in enumerate(run.lines) if l[1] == "fw"]
    if run.reason:
        idx = None
        if run.reason.startswith("fatal: "):
            idx = next((i for i, l in enumerate(run.lines) if l[2].strip() == run.reason[7:]), None)
        if idx is not None:
            probs.append((run.reason, excerpt_around(run, idx)))
        else:
            ex = tail(run, 30, "con") + "\n    ...\n" + tail(run, 4, "fw")
            if any(l[1] == "qemu" for l in run.lines):
                ex += "\n    ...\n" + tail(run, 6, "qemu")
            probs.append((run.reason, ex))
    for pat in scn.console:
        need_n, r = parse_count(pat)
        n = sum(1 for _, l in con if r.search(l[2]))
        if n < need_n:
            probs.append(("console never showed /%s/%s" % (r.pattern, "" if need_n == 1 else " %d times (saw %d)" % (need_n, n)),
                          tail(run, 25, "con")))
    for pat in scn.console_not:
        r = re.compile(pat)
        hit = next((i for i, l in con if r.search(l[2])), None)
        if hit is not None:
            probs.append(("console showed forbidden /%s/" % pat, excerpt_around(run, hit)))
    fw_cmds = []
    for i, l in fw:
        if l[2].startswith("SCMI-FW:"):
            m = FW_RE.match(l[2])
            if not m:
                probs.append(("malformed firmware log line", excerpt_around(run, i, 3, 2)))
            else:
                fw_cmds.append((i, m))
    for pat in scn.firmware:
        need_n, r = parse_count(pat)
        n = sum(1 for _, l in fw if r.search(l[2]))
        if n < need_n:
            probs.append(("firmware log never showed /%s/%s" % (r.pattern, "" if need_n == 1 else " %d times (saw %d)" % (need_n, n)),
                          tail(run, 15, "fw")))
    for pat in scn.firmware_not:
        r = re.compile(pat)
        hit = next((i for i, l in fw if r.search(l[2])), None)
        if hit is not None:
            probs.append(("firmware log showed forbidden /%s/" % pat, excerpt_around(run, hit)))
    if scn.firmware_agents is not None:
        bad = [(i, m) for i, m in fw_cmds if int(m.group(2)) not in scn.firmware_agents]
        if bad:
            probs.append(("%d firmware command(s) from agents outside %s" % (len(bad), sorted(scn.firmware_agents)),
                          excerpt_around(run, bad[0][0], 6, 4)))
    for h in scn.hooks:
        probs += HOOKS[h][0](run.lines, scn)
    return probs


def parse_count(pat):
    m = re.match(r"^>=(\d+)\s+(.*)$", pat)
    if m:
        return int(m.group(1)), re.compile(m.group(2))
    return 1, re.compile(pat)


# ------------------------------------------------------------------ summary

PROTO = {0x10: "base", 0x11: "power", 0x13: "perf", 0x14: "clock", 0x15: "sensor", 0x16: "reset"}


def summary(scn, lines, elapsed=None):
    out = []
    out.append("== %s: %s" % (scn.name, scn.description))
    hv = "Xen (%s tree)" % scn.xen if scn.xen != "none" else "none (Linux is BL33)"
    xv = next((re.search(r"Xen version (\S+)", l[2]) for l in lines if re.search(r"Xen version \d", l[2])), None)
    if xv:
        hv += ", Xen " + xv.group(1)
    out.append("hypervisor : " + hv)
    guests = {}
    order = []
    for t, s, text in lines:
        m = re.search(r"VSCMI-(GUEST-UP|SCMI|CLK|PD|GUEST-DONE|SCMI-ERR) name=(\S+)\s*(.*)", text)
        if not m:
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
        if m.group(5) != "-" and p in (0x11, 0x16) and int(m.group(4), 16) == 4:
            a["ids"].setdefault(p, set()).add(int(m.group(5)))
    out.append("firmware   : %d SCMI commands reached TF-A" % len(fw))
    for a in sorted(agents):
        d = agents[a]
        per = ", ".join("%s %d" % (PROTO.get(p, hx(p)), n) for p, n in sorted(d["proto"].items()))
        extra = ""
        if 0x11 in d["ids"]:
            extra += "; power set on ids %s" % sorted(d["ids"][0x11])
        if 0x16 in d["ids"]:
            extra += "; reset on ids %s" % sorted(d["ids"][0x16])
        out.append("             agent%d: %d (%s); non-zero status %d, faults %d%s" % (a, d["n"], per, d["err"], d["fault"], extra))
    quiet = [a for a in range(4) if a not in agents]
    if quiet:
        out.append("             %s: no command" % ", ".join("agent%d" % a for a in quiet))
    shown = []
    for pat in scn.summary_show:
        r = re.compile(pat)
        for t, s, text in lines:
            if r.search(text) and text not in shown:
                shown.append(text)
    for text in shown[:12]:
        out.append("  > " + text.strip()[:120])
    for h in scn.hooks:
        if HOOKS[h][1]:
            out += HOOKS[h][1](lines, scn)
    if elapsed is not None:
        out.append("run time   : %.1f s" % elapsed)
    return "\n".join(out)


def read_log(name):
    lines = []
    with open(os.path.join(LOG_DIR, name + ".log"), errors="replace") as f:
        for raw in f:
            m = re.match(r"^\[\s*([\d.]+)\] (con|fw |qemu)\| (.*)$", raw.rstrip("\n"))
            if m:
                lines.append((float(m.group(1)), m.group(2).strip(), m.group(3)))
    return lines


# ------------------------------------------------------------ check hooks
#
# [check] hooks = <name> ... runs extra checks the INI expectations cannot
# express.  HOOKS[name] = (check(lines, scn) -> [(problem, excerpt)],
# summary(lines, scn) -> [summary lines] or None).

# Xen's vscmi-trace (arch/arm/vscmi-fw.c): one line per message forwarded
# to firmware, in firmware order, naming the domain it is for
TRACE_RE = re.compile(r"vscmi-trace: (xen|d\d+) 0x([0-9a-f]{2})/0x([0-9a-f]{2}) id (\d+|-)(?: arg 0x([0-9a-f]+))?\s*$")
GRANT_PROPS = {"clocks": 0x14, "power-domains": 0x11, "resets": 0x16, "sensors": 0x15,
               "perf-domains": 0x13, "voltage-domains": 0x17}
DOM0_KINDS = {"clock": 0x14, "pd": 0x11, "reset": 0x16, "sensor": 0x15, "perf": 0x13, "voltage": 0x17}
SET_STATE = {(0x14, 0x07), (0x11, 0x04), (0x16, 0x04)}     # clock on/off, power state, reset
SET_RATE = {(0x14, 0x05)}


def scenario_domains(scn):
    """'d0', 'd1', ... -> name, binding, grants {proto: {id: mode}}, all.
    dom0less domains get ids in the order the harness writes them (sorted domUn)."""
    doms = {}
    if scn.dom0:
        m = re.search(r"(?:^|\s)vscmi-dom0=(\S+)", scn.xen_bootargs)
        spec = m.group(1) if m else "all"
        d = {"section": "dom0", "binding": "arm,scmi-smc", "all": spec == "all", "grants": {}}
        if spec not in ("all", "none"):
            for item in spec.split(","):
                m = re.fullmatch(r"(\w+):(\d+)(?:-(\d+))?(?:/([\w-]+))?", item)
                if m and m.group(1) in DOM0_KINDS:
                    for i in range(int(m.group(2)), int(m.group(3) or m.group(2)) + 1):
                        d["grants"].setdefault(DOM0_KINDS[m.group(1)], {})[i] = m.group(4) or "full"
        if spec == "none":
            d["binding"] = None
        doms["d0"] = d
    for n, g in enumerate(scn.domus, 1):
        props = " ".join(g.dt_props)
        m = re.search(r'xen,scmi\s*=\s*"(\w+)"', props)
        d = {"section": g.name, "all": False, "grants": {},
             "binding": {"smc": "arm,scmi-smc", "mbox": "arm,smc-mbox"}.get(m.group(1)) if m else None}
        for prop, proto in GRANT_PROPS.items():
            m = re.search(r"xen,scmi-%s\s*=\s*<([^>]*)>" % prop, props)
            if not m:
                continue
            ids = [int(t, 0) for t in m.group(1).split() if not t.startswith("&")]
            m = re.search(r"xen,scmi-%s-mode\s*=\s*([^;]*);" % prop, props)
            modes = re.findall(r'"([^"]*)"', m.group(1)) if m else ["full"]
            for k, i in enumerate(ids):
                d["grants"].setdefault(proto, {})[i] = modes[k] if len(modes) > 1 else modes[0]
        doms["d%d" % n] = d
    for key, d in doms.items():
        g = scn.dom0 if key == "d0" else scn.domus[int(key[1:]) - 1]
        m = re.search(r"(?:^|\s)vscmi_name=(\S+)", g.bootargs)
        d["name"] = m.group(1) if m else d["section"]
    return doms


def grant_problem(doms, who, proto, msg, rid):
    """None if a firmware command for domain `who` is within its grants, else why not."""
    write = (proto, msg) in SET_STATE or (proto, msg) in SET_RATE
    if who == "xen":
        return "Xen's own discovery changed firmware state" if write else None
    d = doms.get(who)
    if d is None:
        return "for %s, a domain the scenario does not have" % who
    if rid is None:
        return None
    if d["all"]:
        for other, od in doms.items():
            if other != who and od["grants"].get(proto, {}).get(rid) == "full":
                return "%s id %d is exclusive to %s" % (PROTO.get(proto, hx(proto)), rid, other)
        return None
    mode = d["grants"].get(proto, {}).get(rid)
    if mode is None:
        return "%s id %d is not granted to %s" % (PROTO.get(proto, hx(proto)), rid, who)
    if write and mode == "ro":
        return "%s id %d is read-only for %s" % (PROTO.get(proto, hx(proto)), rid, who)
    if (proto, msg) in SET_RATE and mode == "shared":
        return "rate of shared %s id %d set by %s, not its owner" % (PROTO.get(proto, hx(proto)), rid, who)
    return None


def trace_and_fw(lines):
    """([(index, who, proto, msg, id|None, arg|None)], [(index, agent, proto, msg, id|None, status)])"""
    tr, fw = [], []
    for i, (t, s, text) in enumerate(lines):
        if s == "con":
            m = TRACE_RE.search(text)
            if m:
                tr.append((i, m.group(1), int(m.group(2), 16), int(m.group(3), 16),
                           None if m.group(4) == "-" else int(m.group(4)),
                           None if m.group(5) is None else int(m.group(5), 16)))
        elif s == "fw":
            m = FW_RE.match(text)
            if m:
                fw.append((i, int(m.group(2)), int(m.group(3), 16), int(m.group(4), 16),
                           None if m.group(5) == "-" else int(m.group(5)), m.group(6)))
    return tr, fw


def around(lines, idx, before=4, after=3):
    return fmt(lines[max(0, idx - before):idx + after])


def check_grants_oracle(lines, scn):
    """Pair Xen's vscmi-trace lines with the firmware log, in order: the same
    protocol, message and id each time, and every id within the grants of the
    domain the trace names."""
    probs = []
    doms = scenario_domains(scn)
    for key, d in doms.items():
        if d["binding"] and not any(re.search(r"\b%s: vscmi: channel at \S+, function id \S+, %s$" % (key, re.escape(d["binding"])), l[2])
                                    for l in lines if l[1] == "con"):
            probs.append(("%s (%s) has no %s channel line: domain ids do not follow the scenario's order"
                          % (key, d["section"], d["binding"]), ""))
    tr, fw = trace_and_fw(lines)
    if not tr:
        return probs + [("no vscmi-trace lines (vscmi-trace on the Xen command line?)", "")]
    for k, (a, b) in enumerate(zip(tr, fw)):
        if a[2:5] != b[2:5]:
            probs.append(("firmware command %d differs from Xen's trace (trace %s 0x%02x/0x%02x id %s, firmware 0x%02x/0x%02x id %s)"
                          % (k + 1, a[1], a[2], a[3], a[4], b[2], b[3], b[4]),
                          around(lines, a[0]) + "\n    ...\n" + around(lines, b[0])))
            break
    if len(tr) != len(fw):
        last = tr[-1][0] if len(tr) > len(fw) else fw[-1][0]
        probs.append(("%d vscmi-trace lines but %d firmware commands" % (len(tr), len(fw)), around(lines, last)))
    bad = [(a, b, grant_problem(doms, a[1], a[2], a[3], a[4])) for a, b in zip(tr, fw)]
    bad = [x for x in bad if x[2]]
    if bad:
        a, b, why = bad[0]
        probs.append(("%d firmware command(s) outside the caller's grants; first: %s" % (len(bad), why),
                      around(lines, a[0]) + "\n    ...\n" + around(lines, b[0])))
    return probs


def grants_text(d):
    if d["all"]:
        return "all"
    if d["binding"] is None:
        return "no SCMI"
    return "; ".join("%s %s" % (PROTO.get(p, hx(p)), " ".join("%d/%s" % (i, m) for i, m in sorted(g.items())))
                     for p, g in sorted(d["grants"].items()))


def summary_grants_oracle(lines, scn):
    doms = scenario_domains(scn)
    tr, fw = trace_and_fw(lines)
    paired = list(zip(tr, fw))
    out = ["firmware's view beside each guest's (Xen's vscmi-trace paired with the firmware log):"]
    boot = [a for a, b in paired if a[1] == "xen"]
    if boot:
        out.append("  xen     : %d discovery commands at boot" % len(boot))
    for key in sorted(doms, key=lambda k: int(k[1:])):
        d = doms[key]
        mine = [(a, b) for a, b in paired if a[1] == key]
        per = {}
        for a, b in mine:
            per[a[2]] = per.get(a[2], 0) + 1
        bad = sum(1 for a, b in mine if grant_problem(doms, key, a[2], a[3], a[4]))
        errs = sum(1 for a, b in mine if b[5] != "0")
        out.append("  %-3s %-6s %s, grants: %s" % (key, d["name"], d["binding"] or "no channel", grants_text(d)))
        clks = [re.search(r"clk=(\S+) enable=(\d+)", l[2]) for l in lines
                if re.search(r"VSCMI-CLK name=%s " % re.escape(d["name"]), l[2])]
        clks = [c for c in clks if c]
        scmi = next((re.search(r"state=(\S+)", l[2]).group(1) for l in lines
                     if re.search(r"VSCMI-SCMI name=%s state=" % re.escape(d["name"]), l[2])), "?")
        gv = "SCMI %s" % scmi
        if clks and len(clks) <= 6:
            gv += ", clocks: " + " ".join("%s%s" % (c.group(1), "(on)" if c.group(2) != "0" else "") for c in clks)
        elif clks:
            gv += ", %d clocks, on: %s" % (len(clks), " ".join(c.group(1) for c in clks if c.group(2) != "0") or "none")
        out.append("      guest sees   : " + gv)
        out.append("      firmware got : %d commands (%s), %s, non-zero status %d"
                   % (len(mine), ", ".join("%s %d" % (PROTO.get(p, hx(p)), n) for p, n in sorted(per.items())) or "none",
                      "all within its grants" if not bad else "%d OUTSIDE its grants" % bad, errs))
        sets = []
        for a, b in mine:
            if (a[2], a[3]) in SET_STATE and a[4] is not None:
                if a[2] == 0x14:
                    verb = "%s clock" % ("enable" if a[5] == 1 else "disable")
                elif a[2] == 0x11:
                    verb = "power %s pd" % ("on" if a[5] == 0 else "off")
                else:
                    verb = "reset"
                sets.append("%s %d @%.1fs" % (verb, a[4], lines[a[0]][0]))
        if sets:
            shown = sets if len(sets) <= 4 else sets[:2] + ["... %d more" % (len(sets) - 3), sets[-1]]
            out.append("      state changes: " + "; ".join(shown))
    return out


def check_shared_clock(lines, scn):
    """[check] shared_clock = <firmware clock> <domain> <domain>...: the domains
    leave in that order; the clock is enabled once (for one of them), not
    disabled while any of them stays, and disabled once at the last one's
    release; no leaving domain's exclusive clock is left on after its release."""
    spec = scn.check_opts.get("shared_clock", "").split()
    if len(spec) < 3:
        return [("[check] shared_clock = <clock id> <first to leave> ... <last>: missing", "")]
    cid, order = int(spec[0]), spec[1:]
    probs = []
    doms = scenario_domains(scn)
    tr, fw = trace_and_fw(lines)
    status = {a[0]: b[5] for a, b in zip(tr, fw)}
    rel = {}
    for i, (t, s, text) in enumerate(lines):
        m = re.search(r"\b(d\d+): vscmi: SCMI votes released at shutdown", text)
        if s == "con" and m and m.group(1) not in rel:
            rel[m.group(1)] = i
    missing = [d for d in order if d not in rel]
    if missing:
        return [("no 'votes released at shutdown' line for %s" % " ".join(missing), tail_lines(lines, "con"))]
    if [rel[d] for d in order] != sorted(rel[d] for d in order):
        return [("domains left in the order %s, not %s" % (" ".join(sorted(order, key=lambda d: rel[d])), " ".join(order)), "")]
    cfg = [a for a in tr if a[2] == 0x14 and a[3] == 0x07 and a[4] == cid]
    on = [a for a in cfg if a[5] == 1]
    off = [a for a in cfg if a[5] == 0]
    ctx = "\n".join(fmt([lines[a[0]]]) for a in cfg)
    if len(on) != 1 or len(off) != 1:
        probs.append(("shared clock %d: %d enable(s) and %d disable(s) reached firmware, want 1 and 1" % (cid, len(on), len(off)), ctx))
    else:
        if on[0][1] not in order or on[0][0] > rel[order[0]] or status.get(on[0][0]) != "0":
            probs.append(("shared clock %d: enable for %s (status %s), want one for a sharer before %s leaves"
                          % (cid, on[0][1], status.get(on[0][0]), order[0]), ctx))
        last, prev = order[-1], order[-2]
        if off[0][1] != last or not rel[prev] < off[0][0] < rel[last] or status.get(off[0][0]) != "0":
            probs.append(("shared clock %d: disable for %s (status %s), want it at %s's release, after %s left"
                          % (cid, off[0][1], status.get(off[0][0]), last, prev), ctx))
    for d in order:
        on = {}
        for a in tr:
            if a[0] < rel[d] and a[1] == d and a[2] == 0x14 and a[3] == 0x07 and a[5] is not None:
                on[a[4]] = a[5] == 1
        excl = [c for c, m in doms.get(d, {}).get("grants", {}).get(0x14, {}).items() if m == "full"]
        for c in excl:
            if on.get(c):
                probs.append(("%s's exclusive clock %d is still on after its release" % (d, c), around(lines, rel[d], 8, 1)))
    return probs


def tail_lines(lines, stream, n=20):
    return fmt([l for l in lines if l[1] == stream][-n:])


def summary_shared_clock(lines, scn):
    spec = scn.check_opts.get("shared_clock", "").split()
    if len(spec) < 3:
        return []
    cid, order = int(spec[0]), spec[1:]
    tr, fw = trace_and_fw(lines)
    ev = []
    for a in tr:
        if a[2] == 0x14 and a[3] == 0x07 and a[4] == cid:
            ev.append((a[0], "%s for %s" % ("enabled" if a[5] else "disabled", a[1])))
    for i, (t, s, text) in enumerate(lines):
        m = re.search(r"\b(d\d+): vscmi: SCMI votes released at shutdown", text)
        if s == "con" and m and m.group(1) in order:
            ev.append((i, "%s left" % m.group(1)))
    ev.sort()
    return ["shared clock %d at firmware: %s" % (cid, "; ".join("%s @%.1fs" % (w, lines[i][0]) for i, w in ev))]


# the bare-metal agent's attack phases (tests/agent/suite.c) and a Linux
# guest's runtime-PM toggles (lib.sh vscmi_toggle)
PHASE_RE = re.compile(r"VSCMI-AGENT-PHASE: name=(\S+) phase=(\w+) (begin|end)\b")
TOGGLE_RE = re.compile(r"VSCMI-RPM-TOGGLE name=(\S+) n=(\d+) control=(\w+) status=(\S+) ok=([01])\s*$")
TOGGLE_BEGIN_RE = re.compile(r"VSCMI-RPM-TOGGLE-BEGIN name=(\S+) ")


def concurrent_spec(scn):
    kv = dict(w.split("=", 1) for w in scn.check_opts.get("concurrent", "").split() if "=" in w)
    need = ("agent", "guest", "phases", "min", "clocks")
    if any(k not in kv for k in need):
        return None
    return {"agent": kv["agent"], "guest": kv["guest"], "phases": kv["phases"].split(","),
            "min": int(kv["min"]), "clocks": [int(c) for c in kv["clocks"].split(",")]}


def concurrent_windows(lines, spec):
    """{phase: (begin index, end index)}, the guest's toggles [(index, n, ok)]
    with the index of the toggle-begin line as n=0, and the firmware clock
    CONFIG_SETs on its clocks [(index, status)]."""
    win, tog, fw = {}, [], []
    for i, (t, s, text) in enumerate(lines):
        if s == "con":
            m = PHASE_RE.search(text)
            if m and m.group(1) == spec["agent"]:
                b, e = win.get(m.group(2), (None, None))
                win[m.group(2)] = (i, e) if m.group(3) == "begin" else (b, i)
                continue
            m = TOGGLE_RE.search(text)
            if m and m.group(1) == spec["guest"]:
                tog.append((i, int(m.group(2)), m.group(5) == "1"))
                continue
            m = TOGGLE_BEGIN_RE.search(text)
            if m and m.group(1) == spec["guest"]:
                tog.append((i, 0, True))
        elif s == "fw":
            m = FW_RE.match(text)
            if m and m.group(3) == "14" and m.group(4) == "07" and m.group(5) != "-" and int(m.group(5)) in spec["clocks"]:
                fw.append((i, m.group(6)))
    return win, tog, fw


def phase_counts(lines, spec, b, e, tog, fw):
    """Toggles made wholly inside the window (this line and the previous one
    between the markers), and the firmware CONFIG_SETs with status 0 whose
    timestamps fall inside it."""
    inside = sum(1 for k in range(1, len(tog)) if tog[k][1] > 0 and tog[k][2]
                 and b < tog[k - 1][0] and tog[k][0] < e)
    tb, te = lines[b][0], lines[e][0]
    fw_ok = sum(1 for i, st in fw if st == "0" and tb <= lines[i][0] <= te)
    return inside, fw_ok


def check_concurrent(lines, scn):
    """[check] concurrent = agent=<n> guest=<n> phases=<p,..> min=<N> clocks=<fw ids>:
    while each of the agent's attack phases runs (between its begin and end
    markers), the Linux guest completes at least N runtime-PM toggles of its
    SCMI clock consumer, each reaching the wanted state, and the firmware log
    shows their clock enables/disables on its clocks with status 0 in the same
    window; no toggle of the guest fails anywhere and no CONFIG_SET on its
    clocks is refused by firmware."""
    spec = concurrent_spec(scn)
    if spec is None:
        return [("[check] concurrent = agent=<name> guest=<name> phases=<p,...> min=<N> clocks=<id,...>: missing or incomplete", "")]
    win, tog, fw = concurrent_windows(lines, spec)
    probs = []
    if not [t for t in tog if t[1] > 0]:
        return [("no VSCMI-RPM-TOGGLE lines from %s (vscmi_toggle= on its command line?)" % spec["guest"], tail_lines(lines, "con"))]
    bad = [t for t in tog if not t[2]]
    if bad:
        probs.append(("%d runtime-PM toggle(s) of %s failed" % (len(bad), spec["guest"]), around(lines, bad[0][0])))
    refused = [(i, st) for i, st in fw if st != "0"]
    if refused:
        probs.append(("%d clock CONFIG_SET(s) on %s's clocks %s did not succeed at firmware" % (len(refused), spec["guest"], spec["clocks"]),
                      around(lines, refused[0][0])))
    per_toggle = len(spec["clocks"])
    for ph in spec["phases"]:
        b, e = win.get(ph, (None, None))
        if b is None or e is None or e < b:
            probs.append(("agent %s: no begin/end markers for phase %s" % (spec["agent"], ph), tail_lines(lines, "con")))
            continue
        inside, fw_ok = phase_counts(lines, spec, b, e, tog, fw)
        if inside < spec["min"]:
            probs.append(("phase %s (%.3f-%.3f s): %s completed %d toggle(s) inside it, want >= %d"
                          % (ph, lines[b][0], lines[e][0], spec["guest"], inside, spec["min"]), around(lines, b, 2, 6)))
        elif fw_ok < max(spec["min"], (inside - 1) * per_toggle):
            probs.append(("phase %s (%.3f-%.3f s): firmware saw %d successful CONFIG_SET(s) on clocks %s, want >= %d (%d toggles x %d clocks, one toggle of slack)"
                          % (ph, lines[b][0], lines[e][0], fw_ok, spec["clocks"], max(spec["min"], (inside - 1) * per_toggle),
                             inside, per_toggle), around(lines, b, 2, 6)))
    return probs


def summary_concurrent(lines, scn):
    spec = concurrent_spec(scn)
    if spec is None:
        return []
    win, tog, fw = concurrent_windows(lines, spec)
    out = []
    for ph in spec["phases"]:
        b, e = win.get(ph, (None, None))
        if b is None or e is None or e < b:
            continue
        inside, fw_ok = phase_counts(lines, spec, b, e, tog, fw)
        out.append("%s's %s phase %.3f-%.3f s: %s made %d toggles inside it, firmware %d CONFIG_SET status 0 on clocks %s"
                   % (spec["agent"], ph, lines[b][0], lines[e][0], spec["guest"], inside, fw_ok,
                      ",".join(map(str, spec["clocks"]))))
    return out


HOOKS = {
    "grants_oracle": (check_grants_oracle, summary_grants_oracle),
    "shared_clock": (check_shared_clock, summary_shared_clock),
    "concurrent": (check_concurrent, summary_concurrent),
}


# --------------------------------------------------------------------- main

def all_scenarios():
    return sorted(f[:-9] for f in os.listdir(SCEN_DIR) if f.endswith(".scenario"))


def run_one(name, show_summary=False, verbose=False):
    try:
        scn = Scenario(name)
        sys.stderr.write("qemu: booting %s (xen=%s, timeout %.0f s) ...\n" % (name, scn.xen, scn.timeout))
        sys.stderr.flush()
        run = boot(scn, verbose=verbose)
    except (ScenarioError, subprocess.TimeoutExpired) as e:
        print("FAIL %-18s setup: %s" % (name, e))
        return False
    probs = check(run)
    log = os.path.relpath(os.path.join(LOG_DIR, name + ".log"), os.getcwd())
    if show_summary:
        print(summary(scn, run.lines, run.elapsed))
    if probs:
        print("FAIL %-18s %5.1f s  (%s)" % (name, run.elapsed, log))
        for p, ex in probs[:6]:
            print("  - " + p)
            if ex:
                print(ex)
        return False
    print("PASS %-18s %5.1f s  (%s)" % (name, run.elapsed, log))
    return True


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    cmd, args = argv[1], argv[2:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if cmd == "list":
        for n in all_scenarios():
            try:
                print("%-18s %s" % (n, Scenario(n).description))
            except ScenarioError as e:
                print("%-18s (broken: %s)" % (n, e))
        return 0
    if cmd == "run":
        names = [a for a in args if not a.startswith("--")]
        if len(names) != 1:
            print("usage: vscmi-qemu.py run SCENARIO [--summary] [-v]", file=sys.stderr)
            return 2
        return 0 if run_one(names[0], "--summary" in args, verbose) else 1
    if cmd == "summary":
        scn = Scenario(args[0])
        print(summary(scn, read_log(args[0])))
        return 0
    if cmd == "test":
        names = args or all_scenarios()
        ok = [run_one(n, verbose=verbose) for n in names]
        print("%d passed, %d failed" % (sum(ok), len(ok) - sum(ok)))
        return 0 if all(ok) else 1
    print("unknown command %s" % cmd, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
