#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the fuzz seed corpus (tests/fuzz/corpus/) in the input format of
tests/fuzz/fuzz_mediator.c.  Deterministic: the same files on every run.

  config byte, then ops:  0 call  | 4 raw  | 5 stale doorbell | 6 recreate
                          7 fault | 8 time | 9 call with a mid-call rewrite
"""
import os
import struct
import sys

BASE, POWER, SYSTEM, PERF, CLOCK, SENSOR, RESET, VOLTAGE = range(0x10, 0x18)
ALL_TWO, TWO, ALL_RO = 0, 1, 2


def word(v):
    v &= 0xffffffff
    return bytes([v]) if v < 0x80 else b"\xff" + struct.pack("<I", v)


class Seed:
    def __init__(self, config):
        self.b = bytearray([config])

    def call(self, slot, proto, msg, *words, op=0):
        self.b += bytes([op, slot, proto - BASE, msg, len(words)])
        for w in words:
            self.b += word(w)
        return self

    def raw(self, slot, status, length, hdr, payload=b""):
        self.b += bytes([4, slot]) + struct.pack("<III", status, length, hdr)
        self.b += bytes([len(payload)]) + payload
        return self

    def stale(self, slot):
        self.b += bytes([5, slot])
        return self

    def recreate(self, slot):
        self.b += bytes([6, slot])
        return self

    def fault(self, kind, count):
        self.b += bytes([7, kind, count])
        return self

    def time(self, tens_of_ms):
        self.b += bytes([8, tens_of_ms])
        return self

    def rewrite(self, slot, seed, proto, msg, *words):
        self.b += bytes([9, slot]) + struct.pack("<I", seed)
        self.b += bytes([slot, proto - BASE, msg, len(words)])
        for w in words:
            self.b += word(w)
        return self


def hdr(proto, msg, token=0, mtype=0):
    return (token << 18) | (proto << 10) | (mtype << 8) | msg


def seeds():
    out = {}
    for cfg, slots in ((ALL_TWO, 3), (TWO, 2), (ALL_RO, 2)):
        for slot in range(slots):
            tag = f"c{cfg}s{slot}"
            s = Seed(cfg)
            for msg in (0, 1, 3, 4, 5):
                s.call(slot, BASE, msg)
            s.call(slot, BASE, 2, 6).call(slot, BASE, 6, 0).call(slot, BASE, 6, 2)
            s.call(slot, BASE, 7, 0xffffffff).call(slot, BASE, 8, 1)
            s.call(slot, BASE, 9, 1, 0, 0).call(slot, BASE, 0xa, 1, 0, 0x14, 0)
            s.call(slot, BASE, 0xb, 1, 0).call(slot, BASE, 0x10, 0x20000)
            out[f"{tag}_base"] = s

            s = Seed(cfg)
            for v in range(4):
                s.call(slot, CLOCK, 3, v).call(slot, CLOCK, 4, v, 0)
                s.call(slot, CLOCK, 4, v, 11).call(slot, CLOCK, 6, v)
            s.call(slot, CLOCK, 0).call(slot, CLOCK, 1).call(slot, CLOCK, 2, 5)
            s.call(slot, CLOCK, 5, 0, 0, 24000000, 0).call(slot, CLOCK, 5, 4, 1, 48000000, 0)
            s.call(slot, CLOCK, 5, 1, 0, 24000000, 0).call(slot, CLOCK, 8, 3)
            s.call(slot, CLOCK, 0xb, 1, 0).call(slot, CLOCK, 9, 0, 1)
            s.call(slot, CLOCK, 0xc, 0, 0).call(slot, CLOCK, 0xf, 0)
            s.call(slot, CLOCK, 0x10, 0x20000)
            out[f"{tag}_clock"] = s

            s = Seed(cfg)
            for v in range(3):
                s.call(slot, CLOCK, 7, v, 1).call(slot, CLOCK, 3, v)
            s.recreate(slot)
            for v in range(3):
                s.call(slot, CLOCK, 7, v, 1).call(slot, CLOCK, 7, v, 0)
            out[f"{tag}_clock_votes"] = s

            s = Seed(cfg)
            s.call(slot, POWER, 0).call(slot, POWER, 1).call(slot, POWER, 2, 4)
            for v in range(3):
                s.call(slot, POWER, 3, v).call(slot, POWER, 4, 0, v, 0)
                s.call(slot, POWER, 5, v).call(slot, POWER, 8, v)
            s.call(slot, POWER, 4, 0, 1, 0x40000000).call(slot, POWER, 4, 1, 0, 0)
            s.call(slot, POWER, 6, 0, 1)
            out[f"{tag}_power"] = s

            s = Seed(cfg)
            s.call(slot, PERF, 1).call(slot, PERF, 3, 0).call(slot, PERF, 4, 0, 0)
            s.call(slot, PERF, 4, 0, 7).call(slot, PERF, 6, 0).call(slot, PERF, 8, 0)
            s.call(slot, PERF, 5, 0, 900000, 500000).call(slot, PERF, 7, 0, 700000)
            s.call(slot, PERF, 0xb, 0, 7).call(slot, PERF, 9, 0, 1)
            s.call(slot, PERF, 0xc, 0).call(slot, PERF, 2, 7)
            out[f"{tag}_perf"] = s

            s = Seed(cfg)
            s.call(slot, SENSOR, 1).call(slot, SENSOR, 3, 0).call(slot, SENSOR, 3, 1)
            for v in range(2):
                s.call(slot, SENSOR, 6, v, 0).call(slot, SENSOR, 6, v, 1)
                s.call(slot, SENSOR, 9, v).call(slot, SENSOR, 0xa, v, 0)
                s.call(slot, SENSOR, 0xa, v, 1).call(slot, SENSOR, 4, v, 1)
                s.call(slot, SENSOR, 5, v, 0, 50000, 0).call(slot, SENSOR, 7, v, 0)
                s.call(slot, SENSOR, 8, v, 0).call(slot, SENSOR, 0xc, v)
            out[f"{tag}_sensor"] = s

            s = Seed(cfg)
            s.call(slot, RESET, 1).call(slot, RESET, 3, 0).call(slot, RESET, 3, 1)
            s.call(slot, RESET, 4, 0, 1, 0).call(slot, RESET, 4, 0, 2, 0)
            s.call(slot, RESET, 4, 0, 0, 0).call(slot, RESET, 4, 0, 4, 0)
            s.call(slot, RESET, 5, 0, 1).call(slot, RESET, 6, 0)
            out[f"{tag}_reset"] = s

            s = Seed(cfg)
            s.call(slot, VOLTAGE, 1).call(slot, VOLTAGE, 3, 0).call(slot, VOLTAGE, 4, 0, 0)
            s.call(slot, VOLTAGE, 4, 0, 23).call(slot, VOLTAGE, 5, 0, 7)
            s.call(slot, VOLTAGE, 6, 0).call(slot, VOLTAGE, 7, 0, 0, 612500)
            s.call(slot, VOLTAGE, 8, 0).call(slot, VOLTAGE, 9, 0)
            s.call(slot, SYSTEM, 0).call(slot, SYSTEM, 1).call(slot, SYSTEM, 4)
            s.call(slot, SYSTEM, 3, 0, 2)
            out[f"{tag}_volt_sys"] = s

    # shared votes across domains, teardown releasing them
    s = Seed(ALL_TWO)
    s.call(1, CLOCK, 7, 1, 1).call(2, CLOCK, 7, 1, 1).call(0, CLOCK, 7, 12, 1)
    s.call(1, CLOCK, 7, 1, 0).recreate(2).call(0, CLOCK, 7, 12, 0)
    s.call(1, POWER, 4, 0, 1, 0).call(2, POWER, 4, 0, 0, 0).recreate(1)
    s.call(2, POWER, 4, 0, 0, 0x40000000).recreate(0)
    out["shared_votes"] = s

    s = Seed(ALL_RO)
    s.call(1, CLOCK, 7, 0, 1).recreate(1).call(0, CLOCK, 7, 12, 1)
    s.recreate(1).call(1, CLOCK, 7, 0, 1).call(0, CLOCK, 7, 12, 0)
    s.call(0, CLOCK, 7, 2, 1).call(0, POWER, 4, 0, 4, 0).recreate(1)
    out["all_domain_votes"] = s

    # malformed channels
    s = Seed(ALL_TWO)
    for length in range(0, 9):
        s.raw(1, 0, length, hdr(CLOCK, 6, 5), b"\x01\0\0\0")
    for length in (4096, 4073, 0xfffffffc, 72, 68, 6):
        s.raw(2, 0, length, hdr(BASE, 0, 1))
    s.raw(1, 0, 8, hdr(CLOCK, 6, 1) | 0x10000000, b"\0\0\0\0")
    s.raw(1, 0, 8, hdr(CLOCK, 6, 1, mtype=2), b"\0\0\0\0")
    s.raw(1, 0, 8, hdr(CLOCK, 6, 1, mtype=3), b"\0\0\0\0")
    s.raw(1, 1, 8, hdr(CLOCK, 6, 1), b"\0\0\0\0")
    s.raw(0, 0, 8, hdr(0x19, 0, 1), b"\0\0\0\0")
    s.stale(1).stale(0)
    out["malformed"] = s

    # firmware faults
    s = Seed(ALL_TWO)
    for kind in range(1, 6):
        s.fault(kind, 1).call(1, CLOCK, 7, 1, 1).call(1, CLOCK, 6, 0)
        s.fault(kind, 2).call(2, POWER, 4, 0, 0, 0).call(2, SENSOR, 6, 1, 0)
        s.call(1, CLOCK, 7, 1, 0).call(2, POWER, 4, 0, 0, 0x40000000)
    s.fault(1, 0).call(0, BASE, 1).call(0, CLOCK, 7, 13, 1).recreate(0)
    out["faults"] = s

    # rate limiting
    s = Seed(ALL_TWO)
    for _ in range(8):
        s.call(2, CLOCK, 6, 0)
    s.time(1)
    for _ in range(4):
        s.call(2, CLOCK, 6, 0)
    s.time(100).call(2, CLOCK, 6, 0)
    out["rate_limit"] = s

    # a guest rewriting its channel after the snapshot
    s = Seed(ALL_TWO)
    s.rewrite(2, 0x1234, CLOCK, 7, 1, 1).rewrite(2, 0x9999, CLOCK, 5, 0, 2, 48000000, 0)
    s.rewrite(2, 0x4242, POWER, 4, 0, 0, 0).rewrite(2, 7, CLOCK, 7, 1, 0)
    out["rewrite"] = s

    s = Seed(ALL_RO)
    s.rewrite(0, 0xabcdef, CLOCK, 7, 12, 1).rewrite(0, 3, CLOCK, 7, 12, 0)
    out["rewrite_all"] = s
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    os.makedirs(d, exist_ok=True)
    for name, s in sorted(seeds().items()):
        with open(os.path.join(d, name + ".bin"), "wb") as f:
            f.write(bytes(s.b))
    print(f"gen_corpus: {len(seeds())} seeds in {d}")


if __name__ == "__main__":
    main()
