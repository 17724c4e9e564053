#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Guest images from the pinned, verified Debian .debs (tests/platform/fetch/inputs.lock):
#   $BUILD/linux/Image                 arm64 kernel (the .deb's vmlinuz is a raw Image)
#   $BUILD/initramfs/<name>.cpio.gz    busybox + <name>.init as /init + lib.sh as
#                                      /lib/vscmi.sh (+ arm-smc-mbox.ko if the
#                                      init loads it; + the toolstack if it
#                                      runs xl: see toolstack_entries)
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

# The toolstack payload of an xl-capable dom0 image, as mkcpio.py entries in
# $L/toolstack.entries: the cross-built tools (tests/platform/xen/tools.sh)
# without headers and static libraries; the shared libraries they need
# (ELF NEEDED, closed over the tools, the sysroot and the cross toolchain's
# libc, plus libgcc_s, which glibc dlopens for pthread_cancel); the Xen
# modules of the booted kernel, decompressed; xl's directories and an empty
# xl.conf; the dom0 helpers as /lib/vscmi-dom0.sh; and what xl creates
# guests from (/guests: the Linux Image, the other initramfs images, the
# bare-metal agent, and the partial device trees of tests/platform/dts/
# compiled into /guests/dt/<name>.dtb for device_tree=), with the example
# guest configurations of tests/platform/xl/ in /etc/xen/vscmi/.
TOOLS=$BUILD/xen/tools
CROSSLIB=/usr/aarch64-linux-gnu/lib
XEN_MODULES="xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc"
# the partial device trees: those with their own /dts-v1/ header
mapfile -t PARTIAL_DTS < <(grep -l '^/dts-v1/;' "$TOP"/tests/platform/dts/*.dts | sort)
XL_CONFIGS=("$TOP"/tests/platform/xl/*.cfg)
toolstack_entries() {
    local out=$L/toolstack.entries dist=$TOOLS/dist sys=$TOOLS/sysroot f n d
    local libdirs=("$dist/usr/lib" "$sys/lib/aarch64-linux-gnu" "$sys/usr/lib/aarch64-linux-gnu" "$CROSSLIB")
    [ -x "$dist/usr/sbin/xl" ] || { echo "initramfs: the toolstack is not built ($TOOLS; make platform-tools)" >&2; exit 1; }
    local fresh=1
    for f in "$TOOLS/built.stamp" "$L/Image.src" "$BUILD/guest/agent.Image" "$HERE/dom0.sh" "$0" \
             "${GUEST_IMAGES[@]}" "${PARTIAL_DTS[@]}" "${XL_CONFIGS[@]}"; do
        [ -f "$out" ] && [ "$out" -nt "$f" ] || fresh=0
    done
    [ $fresh = 1 ] && return 0
    rm -rf "$L/dt" && mkdir -p "$L/dt"
    for f in "${PARTIAL_DTS[@]}"; do
        dtc -q -I dts -O dtb -i "$TOP/tests/platform/dts" -o "$L/dt/$(basename "$f" .dts).dtb" "$f" \
            || { echo "initramfs: $f does not compile" >&2; exit 1; }
    done
    rm -rf "$L/xenmod" && mkdir -p "$L/xenmod"
    dpkg-deb --fsys-tarfile "$BUILD/dl/$IN_KERNEL_IMAGE" |
        tar -C "$L/xenmod" -x --wildcards --no-anchored --transform='s|.*/||' \
            $(for n in $XEN_MODULES; do echo "*/drivers/xen/$n.ko.xz" "*/drivers/xen/*/$n.ko.xz"; done) 2>/dev/null || true
    for n in $XEN_MODULES; do
        [ -f "$L/xenmod/$n.ko.xz" ] || { echo "initramfs: $n.ko.xz not in $IN_KERNEL_IMAGE" >&2; exit 1; }
        xz -d "$L/xenmod/$n.ko.xz"
    done
    {
        for d in /usr/lib/xen /usr/lib/xen/bin /lib/aarch64-linux-gnu /lib/modules /lib/modules/xen \
                 /etc/xen /var /var/lock /var/run /var/run/xen /var/lib /var/lib/xen /var/log /var/log/xen \
                 /var/log/xen/console /etc/xen/vscmi /guests /guests/dt; do
            echo "dir:$d"
        done
        echo "file:/lib/vscmi-dom0.sh=$HERE/dom0.sh:644"
        echo "file:/etc/xen/xl.conf=/dev/null:644"
        for f in "${XL_CONFIGS[@]}"; do echo "file:/etc/xen/vscmi/$(basename "$f")=$f:644"; done
        for n in $XEN_MODULES; do echo "file:/lib/modules/xen/$n.ko=$L/xenmod/$n.ko:644"; done
        echo "file:/guests/Image=$L/Image:644"
        for f in "${GUEST_IMAGES[@]}"; do echo "file:/guests/$(basename "$f")=$f:644"; done
        for f in "$L"/dt/*.dtb; do echo "file:/guests/dt/$(basename "$f")=$f:644"; done
        echo "file:/guests/agent.Image=$BUILD/guest/agent.Image:644"
        (cd "$dist" && find . -mindepth 1 \( -path ./usr/include -o -path ./etc/bash_completion.d \
                -o -path ./usr/share -o -path '*/pkgconfig' \) -prune -o -print | sed 's|^\.||' | sort) |
        while read -r f; do
            case "$f" in *.a) continue ;; esac
            if [ -L "$dist$f" ]; then echo "link:$f=$(readlink "$dist$f")"
            elif [ -d "$dist$f" ]; then echo "dir:$f"
            else echo "file:$f=$dist$f:$(stat -c %a "$dist$f")"; fi
        done
        # the shared libraries the tools need, by their NEEDED names
        local want have=" " lib dir found
        want=$(find "$dist" -type f -perm -u+x -o -type f -name '*.so*' | xargs aarch64-linux-gnu-readelf -d 2>/dev/null |
               sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
        want="$want libgcc_s.so.1"
        while [ -n "$want" ]; do
            set -- $want; lib=$1; shift; want="$*"
            case "$have" in *" $lib "*) continue ;; esac
            have="$have$lib "
            [ -e "$dist/usr/lib/$lib" ] && continue          # a Xen library, already there
            [ "$lib" != ld-linux-aarch64.so.1 ] || continue    # the interpreter, below
            found=""
            for dir in "${libdirs[@]:1}"; do
                [ -e "$dir/$lib" ] && { found=$(readlink -f "$dir/$lib"); break; }
            done
            [ -n "$found" ] || { echo "initramfs: $lib (needed by the tools) not found in ${libdirs[*]:1}" >&2; exit 1; }
            echo "file:/lib/aarch64-linux-gnu/$lib=$found:755"
            want="$want $(aarch64-linux-gnu-readelf -d "$found" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
        done
        echo "file:/lib/ld-linux-aarch64.so.1=$(readlink -f "$CROSSLIB/ld-linux-aarch64.so.1"):755"
    } > "$out.new"
    mv "$out.new" "$out"
}

# One image per *.init.  An init that loads the guest driver
# (/lib/modules/arm-smc-mbox.ko, tools/linux/) gets the module too; an init
# that runs xl (/usr/sbin/xl) gets the toolstack.
KO=$BUILD/guest/linux/arm-smc-mbox.ko
# the toolstack images last: they carry the others
inits=()
for init in "$HERE"/*.init; do grep -q '/usr/sbin/xl' "$init" || inits+=("$init"); done
for init in "$HERE"/*.init; do grep -q '/usr/sbin/xl' "$init" && inits+=("$init"); done
for init in "${inits[@]}"; do
    name=$(basename "$init" .init)
    out=$BUILD/initramfs/$name.cpio.gz
    extra=()
    deps=("$init" "$HERE/lib.sh" "$HERE/mkcpio.py" "$L/busybox" "$0")
    if grep -q '/lib/modules/arm-smc-mbox.ko' "$init"; then
        [ -f "$KO" ] || { echo "initramfs: $name needs $KO (make linux-module)" >&2; exit 1; }
        extra=(dir:/lib/modules "file:/lib/modules/arm-smc-mbox.ko=$KO:644")
        deps+=("$KO")
    fi
    if grep -q '/usr/sbin/xl' "$init"; then
        # every other image, built above, goes inside
        GUEST_IMAGES=()
        for f in "$HERE"/*.init; do
            grep -q '/usr/sbin/xl' "$f" || GUEST_IMAGES+=("$BUILD/initramfs/$(basename "$f" .init).cpio.gz")
        done
        toolstack_entries
        mapfile -t -O ${#extra[@]} extra < "$L/toolstack.entries"
        deps+=("$L/toolstack.entries")
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
        link:/sbin/poweroff=/bin/busybox link:/sbin/reboot=/bin/busybox \
        "file:/lib/vscmi.sh=$HERE/lib.sh:644" "file:/init=$init:755" "${extra[@]}"
    echo "initramfs: $out ($(stat -c %s "$out") bytes)"
done
