#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest initramfs variants that carry arm-smc-mbox.ko and load it first:
#   $BUILD/initramfs/<name>.cpio.gz  for every tools/guest/linux/<name>.init
# Same busybox and /lib/vscmi.sh as tools/initramfs/build.sh, plus
# /lib/modules/arm-smc-mbox.ko.  Run tools/initramfs/build.sh and
# tools/guest/linux/build.sh first.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tools/guest/linux
IR=$TOP/tools/initramfs
BB=$BUILD/linux/busybox
KO=$BUILD/guest/linux/arm-smc-mbox.ko
[ -f "$BB" ] || { echo "initramfs: $BB missing (run tools/initramfs/build.sh)" >&2; exit 1; }
[ -f "$KO" ] || { echo "initramfs: $KO missing (run tools/guest/linux/build.sh)" >&2; exit 1; }

mkdir -p "$BUILD/initramfs"
for init in "$HERE"/*.init; do
    name=$(basename "$init" .init)
    out=$BUILD/initramfs/$name.cpio.gz
    fresh=1
    for dep in "$init" "$IR/lib.sh" "$IR/mkcpio.py" "$BB" "$KO" "$0"; do
        [ -f "$out" ] && [ "$out" -nt "$dep" ] || fresh=0
    done
    [ $fresh = 1 ] && continue
    python3 "$IR/mkcpio.py" "$out" \
        dir:/bin dir:/sbin dir:/usr dir:/usr/bin dir:/usr/sbin dir:/lib dir:/lib/modules dir:/etc \
        dir:/dev dir:/proc dir:/sys dir:/tmp dir:/root \
        char:/dev/console=5,1:600 char:/dev/null=1,3:666 \
        "file:/bin/busybox=$BB:755" link:/bin/sh=busybox \
        "file:/lib/vscmi.sh=$IR/lib.sh:644" "file:/init=$init:755" \
        "file:/lib/modules/arm-smc-mbox.ko=$KO:644"
    echo "initramfs: $out ($(stat -c %s "$out") bytes)"
done
