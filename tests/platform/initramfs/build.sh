#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Guest images from the pinned, verified Debian .debs (tests/platform/fetch/inputs.lock):
#   $BUILD/linux/Image                 arm64 kernel (the .deb's vmlinuz is a raw Image)
#   $BUILD/initramfs/<name>.cpio.gz    busybox + <name>.init as /init + lib.sh as
#                                      /lib/vscmi.sh (+ arm-smc-mbox.ko if the
#                                      init loads it)
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tests/platform/initramfs
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"

mkdir -p "$BUILD/linux" "$BUILD/initramfs"
L=$BUILD/linux
if [ ! -f "$L/Image" ] || [ "$(cat "$L/Image.src" 2>/dev/null)" != "$IN_KERNEL_IMAGE" ]; then
    echo "linux: extracting the kernel Image from $IN_KERNEL_IMAGE"
    rm -rf "$L/x" && mkdir -p "$L/x"
    dpkg-deb --fsys-tarfile "$BUILD/dl/$IN_KERNEL_IMAGE" | tar -C "$L/x" -x --wildcards './boot/vmlinuz-*' './boot/config-*'
    cp "$L"/x/boot/vmlinuz-* "$L/Image.tmp"
    cp "$L"/x/boot/config-* "$L/config"
    rm -rf "$L/x"
    mv "$L/Image.tmp" "$L/Image"
    echo "$IN_KERNEL_IMAGE" > "$L/Image.src"
fi
if [ ! -f "$L/busybox" ] || [ "$(cat "$L/busybox.src" 2>/dev/null)" != "$IN_BUSYBOX" ]; then
    rm -rf "$L/bx" && mkdir -p "$L/bx"
    dpkg-deb --fsys-tarfile "$BUILD/dl/$IN_BUSYBOX" | tar -C "$L/bx" -x ./usr/bin/busybox
    mv "$L/bx/usr/bin/busybox" "$L/busybox" && rm -rf "$L/bx"
    echo "$IN_BUSYBOX" > "$L/busybox.src"
fi

# One image per *.init.  An init that loads the guest driver
# (/lib/modules/arm-smc-mbox.ko, tools/linux/) gets the module too.
KO=$BUILD/guest/linux/arm-smc-mbox.ko
for init in "$HERE"/*.init; do
    name=$(basename "$init" .init)
    out=$BUILD/initramfs/$name.cpio.gz
    extra=()
    deps=("$init" "$HERE/lib.sh" "$HERE/mkcpio.py" "$L/busybox" "$0")
    if grep -q '/lib/modules/arm-smc-mbox.ko' "$init"; then
        [ -f "$KO" ] || { echo "initramfs: $name needs $KO (make linux-module)" >&2; exit 1; }
        extra=(dir:/lib/modules "file:/lib/modules/arm-smc-mbox.ko=$KO:644")
        deps+=("$KO")
    fi
    fresh=1
    for dep in "${deps[@]}"; do
        [ -f "$out" ] && [ "$out" -nt "$dep" ] || fresh=0
    done
    [ $fresh = 1 ] && continue
    python3 "$HERE/mkcpio.py" "$out" \
        dir:/bin dir:/sbin dir:/usr dir:/usr/bin dir:/usr/sbin dir:/lib dir:/etc \
        dir:/dev dir:/proc dir:/sys dir:/tmp dir:/root \
        char:/dev/console=5,1:600 char:/dev/null=1,3:666 \
        "file:/bin/busybox=$L/busybox:755" link:/bin/sh=busybox \
        "file:/lib/vscmi.sh=$HERE/lib.sh:644" "file:/init=$init:755" "${extra[@]}"
    echo "initramfs: $out ($(stat -c %s "$out") bytes)"
done
