# SPDX-License-Identifier: MIT
"""The machine a scenario boots: QEMU virt (secure=on, virtualization=on,
GICv3, 2x Cortex-A57, 2 GiB) with TF-A + the vscmi SCMI server in flash,
BL33 (Xen or Linux) preloaded at 0x60000000, boot modules packed below it,
and a device tree made from QEMU's own (dumpdtb with the identical command
line) plus the scenario's fragments from tests/platform/dts/."""

import os
import subprocess
import sys

from .paths import BUILD, DTS_DIR, SCENARIO_DIR, TOP
from .scenario import ScenarioError

QEMU = os.environ.get("QEMU", "qemu-system-aarch64")
MACHINE = "virt,secure=on,virtualization=on,gic-version=3"
BL33_ADDR = 0x60000000
MOD_BASE = 0x48000000          # boot modules are packed from here ...
MOD_LIMIT = BL33_ADDR          # ... up to BL33
MOD_ALIGN = 0x200000


def hx(v):
    return "0x%x" % v


def align(v, a=MOD_ALIGN):
    return (v + a - 1) & ~(a - 1)


def dt_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cells64(v):
    return "0x%x 0x%x" % (v >> 32, v & 0xffffffff)


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


MKCPIO = os.path.join(TOP, "tests", "platform", "initramfs", "mkcpio.py")


def with_script(initrd, script, work):
    """The dom0 initramfs with the scenario's script appended as a second
    cpio archive (/etc/vscmi/dom0-script): Linux unpacks both, so the image
    is built once for every scenario."""
    extra = os.path.join(work, "dom0-script.cpio.gz")
    run_checked([sys.executable, MKCPIO, extra, "dir:/etc", "dir:/etc/vscmi",
                 "file:/etc/vscmi/dom0-script=%s:644" % os.path.join(SCENARIO_DIR, script)],
                "mkcpio (dom0 script)")
    out = os.path.join(work, "dom0-initrd.cpio.gz")
    with open(out, "wb") as f:
        for part in (initrd, extra):
            with open(part, "rb") as g:
                f.write(g.read())
    return out


def run_checked(cmd, what, **kw):
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60, **kw)
    if r.returncode != 0:
        raise ScenarioError("%s failed:\n  %s\n%s" % (what, " ".join(cmd), r.stdout.decode(errors="replace")[-3000:]))
    return r.stdout


def loader(path, addr):
    return ["-device", "loader,file=%s,addr=%s,force-raw=on" % (path, hx(addr))]


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
    """(QEMU argv without -dtb and devices, the -device arguments, generated DTS)."""
    base = [QEMU, "-M", MACHINE, "-cpu", "cortex-a57", "-smp", "2", "-m", "2048",
            "-display", "none", "-monitor", "none", "-nic", "none", "-no-reboot",
            "-bios", need(os.path.join(BUILD, "firmware", "flash.bin"), "firmware")]
    lay = Layout()
    if scn.xen == "none":
        dev, gen = bare_linux(scn.linux, lay)
    else:
        dev, gen = xen_and_domains(scn, lay, work)
    return base, dev, gen


def bare_linux(g, lay):
    """Linux as BL33 with its initramfs."""
    dev = loader(kernel_path(g.kernel), BL33_ADDR)
    a, n = lay.place(initrd_path(g.initramfs))
    dev += loader(initrd_path(g.initramfs), a)
    gen = ("/ { chosen { bootargs = %s; linux,initrd-start = <%s>; linux,initrd-end = <%s>; }; };"
           % (dt_str(g.bootargs), cells64(a), cells64(a + n)))
    return dev, gen


def xen_and_domains(scn, lay, work):
    """Xen as BL33, dom0 through QEMU's guest-loader, each domU as a
    /chosen/domUn node (dom0less) with its modules."""
    xen = need(os.path.join(BUILD, "xen", scn.xen, "xen"), "Xen (%s)" % scn.xen)
    dev = loader(xen, BL33_ADDR)
    chosen = ["xen,xen-bootargs = %s;" % dt_str(scn.xen_bootargs)]
    if scn.dom0:
        g = scn.dom0
        # dom0 modules through QEMU's guest-loader (they appear as /chosen/module@...)
        k = kernel_path(g.kernel)
        a, n = lay.place(k)
        dev += ["-device", "guest-loader,addr=%s,kernel=%s,bootargs=%s" % (hx(a), k, g.bootargs.replace(",", ",,"))]
        r = initrd_path(g.initramfs)
        if g.script:
            r = with_script(r, g.script, work)
        a, n = lay.place(r, share=False)
        dev += ["-device", "guest-loader,addr=%s,initrd=%s" % (hx(a), r)]
    for g in scn.domus:
        mods = []
        k = kernel_path(g.kernel)
        a, n = lay.place(k)
        if not (scn.dom0 and k == kernel_path(scn.dom0.kernel)):
            dev += loader(k, a)
        mods.append(("multiboot,kernel", a, n, g.bootargs))
        r = initrd_path(g.initramfs)
        a, n = lay.place(r, share=False)
        dev += loader(r, a)
        mods.append(("multiboot,ramdisk", a, n, None))
        if g.passthrough:
            src = os.path.join(DTS_DIR, g.passthrough)
            need(src, "passthrough DT")
            out = os.path.join(work, "%s-passthrough.dtb" % g.name)
            run_checked(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", DTS_DIR, "-o", out, src],
                        "dtc %s" % g.passthrough)
            a, n = lay.place(out, share=False)
            dev += loader(out, a)
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
    return dev, "/ { chosen {\n%s\n}; };" % "\n".join(chosen)


def make_dtb(scn, work, base, dev, gen):
    """QEMU's own DT (dumpdtb) + the scenario's fragments + the generated
    nodes, compiled to <work>/<scenario>.dtb."""
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
