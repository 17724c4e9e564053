# SPDX-License-Identifier: MIT
"""Boot a scenario's machine and capture its output.

Console (PL011 0x09000000) and secure console (PL011 0x09040000: the
firmware's SCMI-FW lines) are captured with per-line timestamps into
build/logs/<scenario>.log (logfile.py).  The run ends once every `done`
regex has shown on the console (plus the scenario's grace), at the first
fatal line (plus grace), at the timeout, or when QEMU exits."""

import os
import re
import selectors
import shlex
import signal
import subprocess
import sys
import time

from .logfile import format_line
from .machine import build_machine, make_dtb
from .paths import BUILD, LOG_DIR, log_path
from .scenario import ScenarioError

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


class Run:
    def __init__(self, scn):
        self.scn = scn
        self.lines = []          # (t, stream, text)
        self.reason = None       # why the run stopped
        self.elapsed = 0.0
        self.rc = None


def interactive(scn):
    """The scenario's machine on this terminal (console and QEMU monitor
    multiplexed: Ctrl-A X quits, Ctrl-A C the monitor), the secure console
    to build/qemu/<scenario>/firmware.log; dom0 opens a shell when its
    script is done (vscmi_shell=1)."""
    if not scn.dom0 and not scn.linux:
        raise ScenarioError("%s has no dom0 or Linux to open a shell in" % scn.name)
    g = scn.dom0 or scn.linux
    g.bootargs += " vscmi_shell=1"
    work = os.path.join(BUILD, "qemu", scn.name)
    os.makedirs(work, exist_ok=True)
    base, dev, gen = build_machine(scn, work)
    dtb = make_dtb(scn, work, base, dev, gen)
    i = base.index("-monitor")
    base = base[:i] + base[i + 2:]              # mon:stdio has the monitor
    argv = base + ["-dtb", dtb, "-serial", "mon:stdio",
                   "-serial", "file:" + os.path.join(work, "firmware.log")] + dev + scn.qemu_extra
    sys.stderr.write("qemu: %s on this terminal; Ctrl-A X quits (firmware log: %s)\n"
                     % (scn.name, os.path.join(work, "firmware.log")))
    return subprocess.call(argv)


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
    logf = open(log_path(scn.name), "w")
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
        logf.write(format_line(t, stream, text))
        if verbose:
            sys.stdout.write(format_line(t, stream, text))
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
