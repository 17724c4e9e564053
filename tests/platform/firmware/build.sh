#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Build TF-A (the pinned Debian source, tests/platform/fetch/inputs.lock; PLAT=qemu)
# with the vscmi SCMI server and assemble the QEMU flash image
# $BUILD/firmware/flash.bin (bl1 at 0, fip at 256 KiB).  BL33 (Xen or Linux)
# is not in the FIP: it is preloaded at 0x60000000 by the boot harness
# (PRELOADED_BL33_BASE), so one firmware image serves every scenario.  The
# tree is re-extracted when the build patch or the orig tarball changes; glue
# edits rebuild incrementally.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
FW=$TOP/tests/platform/firmware
OUT=$BUILD/firmware
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"

JOBS=${JOBS:-$(nproc)}
TREE=$BUILD/tfa/src
STAMP=$BUILD/tfa/extracted.stamp
want="$IN_TFA $(sha256sum "$FW/tfa-vscmi.patch" | cut -c1-16)"

mkdir -p "$BUILD/tfa" "$OUT"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
    echo "firmware: extracting $IN_TFA and applying tfa-vscmi.patch"
    rm -rf "$TREE" "$BUILD/tfa/x" "$STAMP"
    mkdir -p "$BUILD/tfa/x"
    tar -C "$BUILD/tfa/x" -xf "$BUILD/dl/$IN_TFA"
    mv "$BUILD/tfa/x"/* "$TREE" && rmdir "$BUILD/tfa/x"
    patch -d "$TREE" -p1 --quiet --forward < "$FW/tfa-vscmi.patch"
    echo "$want" > "$STAMP"
fi
mkdir -p "$TREE/plat/qemu/vscmi"
for f in vscmi_qemu_scmi.c vscmi.mk; do
    cmp -s "$FW/$f" "$TREE/plat/qemu/vscmi/$f" || cp "$FW/$f" "$TREE/plat/qemu/vscmi/$f"
done

echo "firmware: building TF-A (PLAT=qemu, SCMI server, BL33 preloaded at 0x60000000)"
log=$BUILD/tfa/build.log
if ! make -C "$TREE" -j"$JOBS" \
        CROSS_COMPILE=aarch64-linux-gnu- PLAT=qemu QEMU_USE_GIC_DRIVER=QEMU_GICV3 \
        ARM_LINUX_KERNEL_AS_BL33=1 PRELOADED_BL33_BASE=0x60000000 \
        LDFLAGS=-Wl,--no-warn-rwx-segments CFLAGS=--param=min-pagesize=0 \
        all fip >"$log" 2>&1; then
    grep -E 'error:|Error [0-9]|undefined' "$log" | head -n 30 >&2 || tail -n 30 "$log" >&2
    echo "firmware: TF-A build failed; full log: $log" >&2
    exit 1
fi
rel=$TREE/build/qemu/release
tmp=$OUT/flash.bin.tmp
rm -f "$tmp"
dd if="$rel/bl1.bin" of="$tmp" bs=4096 conv=notrunc status=none
dd if="$rel/fip.bin" of="$tmp" seek=64 bs=4096 conv=notrunc status=none
if cmp -s "$tmp" "$OUT/flash.bin"; then rm -f "$tmp"; else mv "$tmp" "$OUT/flash.bin"; fi
echo "firmware: $OUT/flash.bin ($(stat -c %s "$OUT/flash.bin") bytes)"
