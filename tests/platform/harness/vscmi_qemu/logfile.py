# SPDX-License-Identifier: MIT
"""The run log, build/logs/<scenario>.log: one "[   s.mmm] con| text" line
per console line (streams "con", "fw " and "qemu"), "#" lines around them.
tests/bench/qemu-report.py reads these logs too.  In memory a run is a list
of (seconds, stream without padding, text)."""

import re

from .paths import log_path

LINE_RE = re.compile(r"^\[\s*([\d.]+)\] (con|fw |qemu)\| (.*)$")


def format_line(t, stream, text):
    return "[%8.3f] %s| %s\n" % (t, stream, text)


def read_log(name):
    """The lines of the scenario's last log."""
    lines = []
    with open(log_path(name), errors="replace") as f:
        for raw in f:
            m = LINE_RE.match(raw.rstrip("\n"))
            if m:
                lines.append((float(m.group(1)), m.group(2).strip(), m.group(3)))
    return lines


# ---- excerpts for failure messages

def fmt(lines):
    return "\n".join("    [%8.3f] %-4s| %s" % l for l in lines)


def excerpt(lines, idx, before, after):
    """The lines around lines[idx]."""
    return fmt(lines[max(0, idx - before):idx + after])


def tail(lines, n, stream=None):
    """The last n lines, of one stream if given."""
    return fmt([l for l in lines if stream is None or l[1] == stream][-n:])
