#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a gzip'd cpio (newc) initramfs without needing root for device nodes.

usage: mkcpio.py OUT.cpio.gz ENTRY...
  ENTRY is one of
    dir:/path                        directory (0755)
    file:/path=HOSTFILE[:MODE]       regular file (MODE octal, default 0644)
    link:/path=TARGET                symlink
    char:/path=MAJOR,MINOR[:MODE]    character device (default 0600)
Output is reproducible (mtime 0, fixed inode numbers) and written to a
temporary name first.
"""
import gzip
import os
import sys


def header(ino, mode, nlink, size, rmaj, rmin, name):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rmaj, rmin, len(name) + 1, 0]
    return b"070701" + b"".join(b"%08X" % f for f in fields)


def pad4(n):
    return b"\0" * ((4 - n % 4) % 4)


def main(argv):
    out, entries = argv[1], argv[2:]
    buf = bytearray()
    ino = 1
    for e in entries:
        kind, spec = e.split(":", 1)
        rmaj = rmin = 0
        data = b""
        if kind == "dir":
            path, mode = spec, 0o040755
        elif kind == "file":
            path, src = spec.split("=", 1)
            perm = 0o644
            if ":" in src:
                src, p = src.rsplit(":", 1)
                perm = int(p, 8)
            with open(src, "rb") as f:
                data = f.read()
            mode = 0o100000 | perm
        elif kind == "link":
            path, target = spec.split("=", 1)
            data, mode = target.encode(), 0o120777
        elif kind == "char":
            path, dev = spec.split("=", 1)
            perm = 0o600
            if ":" in dev:
                dev, p = dev.split(":", 1)
                perm = int(p, 8)
            rmaj, rmin = (int(x) for x in dev.split(","))
            mode = 0o020000 | perm
        else:
            raise SystemExit("mkcpio: bad entry " + e)
        name = path.lstrip("/").encode()
        hdr = header(ino, mode, 2 if kind == "dir" else 1, len(data), rmaj, rmin, name)
        buf += hdr + name + b"\0"
        buf += pad4(len(hdr) + len(name) + 1)
        buf += data + pad4(len(data))
        ino += 1
    trailer = b"TRAILER!!!"
    hdr = header(0, 0, 1, 0, 0, 0, trailer)
    buf += hdr + trailer + b"\0" + pad4(len(hdr) + len(trailer) + 1)
    tmp = out + ".tmp"
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
            gz.write(bytes(buf))
    os.replace(tmp, out)


if __name__ == "__main__":
    main(sys.argv)
