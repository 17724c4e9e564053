#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Guest images from the pinned, verified Debian .debs (tools/fetch/inputs.lock):
#   $BUILD/linux/Image                 arm64 kernel (the .deb's vmlinuz is a raw Image)
#   $BUILD/initramfs/<name>.cpio.gz    busybox + tools/initramfs/<name>.init as /init
#                                      + tools/initramfs/lib.sh as /lib/vscmi.sh
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tools/initramfs
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

for init in "$HERE"/*.init; do
    name=$(basename "$init" .init)
    out=$BUILD/initramfs/$name.cpio.gz
    if [ -f "$out" ] && [ "$out" -nt "$init" ] && [ "$out" -nt "$HERE/lib.sh" ] && \
       [ "$out" -nt "$L/busybox" ] && [ "$out" -nt "$HERE/mkcpio.py" ]; then
        continue
    fi
    python3 "$HERE/mkcpio.py" "$out" \
        dir:/bin dir:/sbin dir:/usr dir:/usr/bin dir:/usr/sbin dir:/lib dir:/etc \
        dir:/dev dir:/proc dir:/sys dir:/tmp dir:/root \
        char:/dev/console=5,1:600 char:/dev/null=1,3:666 \
        "file:/bin/busybox=$L/busybox:755" link:/bin/sh=busybox \
        "file:/lib/vscmi.sh=$HERE/lib.sh:644" "file:/init=$init:755"
    echo "initramfs: $out ($(stat -c %s "$out") bytes)"
done
