#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Cross-build Xen 4.20's toolstack for arm64 (xl, libxl and the libraries
# under it, xenstored, xenconsoled, xen-init-dom0, xenstore clients) from
# the same source as the vscmi hypervisor: the pinned orig tarball with
# xen-patches/series applied (tree.sh), in its own tree, with the
# repository's tools/libs and tools/xl overlaid (vscmi in libxl and xl).
#
#   $BUILD/xen/tools/sysroot   arm64 headers and libraries: the pinned
#                              bookworm sysroot-* .debs of the inputs lock,
#                              unpacked (bookworm: the cross toolchain's
#                              glibc 2.36)
#   $BUILD/xen/tools/dist      the installed tools (DESTDIR), with the
#                              platform's own dom0 test tools
#                              (tests/platform/dom0/*.c), what the dom0
#                              image takes (tests/platform/initramfs/)
#
# Only the tool directories dom0 needs are built: a full `make -C tools`
# also builds the Python bindings against the host's interpreter, wrongly.
# Nothing outside $BUILD is touched; the machine needs iasl (acpica-tools,
# mk/deps.sh), which configure insists on for arm64.  With no input
# changed, make is skipped.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"

JOBS=${JOBS:-$(nproc)}
W=$BUILD/xen/tools
TREE=$W/src
SYS=$W/sysroot
DIST=$W/dist
CROSS=aarch64-linux-gnu
SUBDIRS=(include libs xenstored console helpers xl xs-clients)
mkdir -p "$W"
# shellcheck source=tree.sh
. "$TOP/tests/platform/xen/tree.sh"

# the one test-only patch: QEMU's virt has no IOMMU for a dtdev to need
xen_tree_extract "tools" 1 tests/platform/xen/qemu-dtdev-no-iommu.patch
# the repository's toolstack files (tools/libs, tools/xl: vscmi in libxl
# and xl), where Xen keeps them
xen_tree_overlay tools/libs tools/libs
xen_tree_overlay tools/xl tools/xl

# ------------------------------------------------------------ the sysroot
debs=()
for v in $(compgen -v IN_SYSROOT_); do
    case "$v" in *_VERSION) ;; *) debs+=("${!v}") ;; esac
done
[ ${#debs[@]} -gt 0 ] || { echo "tools: no sysroot-* input in the lock" >&2; exit 1; }
if [ "$(cat "$W/sysroot.stamp" 2>/dev/null)" != "${debs[*]}" ]; then
    echo "tools: sysroot from ${#debs[@]} bookworm arm64 packages"
    rm -rf "$SYS" "$W/sysroot.stamp"
    mkdir -p "$SYS"
    for d in "${debs[@]}"; do
        dpkg-deb -x "$BUILD/dl/$d" "$SYS"
    done
    # absolute symlinks (libz.so -> /lib/...) must point inside the sysroot
    find "$SYS" -type l | while read -r l; do
        t=$(readlink "$l")
        if [ "${t:0:1}" = / ]; then ln -sfr "$SYS$t" "$l"; fi
    done
    echo "${debs[*]}" > "$W/sysroot.stamp"
fi

# bookworm has no cross pkg-config: a wrapper confined to the sysroot
mkdir -p "$W/bin"
cat > "$W/bin/$CROSS-pkg-config.new" <<EOT
#!/bin/sh
PKG_CONFIG_LIBDIR=$SYS/usr/lib/$CROSS/pkgconfig:$SYS/usr/share/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$SYS
export PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
unset PKG_CONFIG_PATH
exec pkg-config "\$@"
EOT
chmod +x "$W/bin/$CROSS-pkg-config.new"
cmp -s "$W/bin/$CROSS-pkg-config.new" "$W/bin/$CROSS-pkg-config" \
    && rm "$W/bin/$CROSS-pkg-config.new" || mv "$W/bin/$CROSS-pkg-config.new" "$W/bin/$CROSS-pkg-config"
export PATH=$W/bin:$PATH

# -------------------------------------------------------------- configure
LIBDIRS="$SYS/usr/lib/$CROSS $SYS/lib/$CROSS"
CONFIGURE=(./configure --host=$CROSS --build=x86_64-linux-gnu
    --prefix=/usr --sysconfdir=/etc --localstatedir=/var
    --disable-xen --disable-docs --disable-stubdom --disable-ocamltools
    --disable-golang --disable-pygrub --disable-qemu-traditional
    --disable-seabios --disable-pvshim --disable-monitors --disable-xsmpolicy
    --disable-rombios --disable-ipxe --disable-libfsimage --disable-werror
    --with-system-qemu=/usr/bin/qemu-system-aarch64 --with-xenstored=xenstored
    "APPEND_INCLUDES=$SYS/usr/include $SYS/usr/include/$CROSS"
    "APPEND_LIB=$LIBDIRS")
# configure's LDFLAGS never reach make: the link flags go in the tree's .config
DOTCONFIG="XEN_TARGET_ARCH := arm64
CROSS_COMPILE := $CROSS-
APPEND_LDFLAGS += -Wl,-rpath-link=${LIBDIRS// /:}"
cfgsum=$( { cat "$W/extracted.stamp" "$W/sysroot.stamp"; echo "${CONFIGURE[*]}"; echo "$DOTCONFIG"; } | sha256sum | cut -c1-16)
if [ "$(cat "$W/config.stamp" 2>/dev/null)" != "$cfgsum" ]; then
    echo "tools: configuring for arm64"
    rm -f "$W/built.stamp"
    echo "$DOTCONFIG" > "$TREE/.config"
    if ! (cd "$TREE" && "${CONFIGURE[@]}") > "$W/configure.log" 2>&1; then
        tail -n 20 "$W/configure.log" >&2
        echo "tools: configure failed; full log: $W/configure.log" >&2
        exit 1
    fi
    echo "$cfgsum" > "$W/config.stamp"
fi

# ------------------------------------------------------------------ build
inputs=$( { cat "$W/config.stamp"; xen_tree_sources tests/platform/dom0 tools/libs tools/xl; } | sha256sum | cut -c1-16)
if [ -z "${XEN_FORCE:-}" ] && [ -x "$DIST/usr/sbin/xl" ] && [ "$(cat "$W/built.stamp" 2>/dev/null)" = "$inputs" ]; then
    echo "tools: up to date ($DIST)"
    exit 0
fi
rm -f "$W/built.stamp"
t0=$(date +%s)
: > "$W/build.log"
for d in "${SUBDIRS[@]}"; do
    echo "tools: building tools/$d"
    if ! make -C "$TREE/tools/$d" -j"$JOBS" >>"$W/build.log" 2>&1; then
        grep -E 'error:|Error [0-9]|undefined reference' "$W/build.log" | head -n 30 >&2 || tail -n 30 "$W/build.log" >&2
        echo "tools: build of tools/$d failed; full log: $W/build.log" >&2
        exit 1
    fi
done
rm -rf "$DIST.new"
for d in "${SUBDIRS[@]}"; do
    make -C "$TREE/tools/$d" install DESTDIR="$DIST.new" >>"$W/build.log" 2>&1 \
        || { tail -n 30 "$W/build.log" >&2; echo "tools: install of tools/$d failed" >&2; exit 1; }
done
# the platform's own dom0 test tools (tests/platform/dom0/), against the
# libraries just built
for c in "$TOP"/tests/platform/dom0/*.c; do
    $CROSS-gcc -O2 -Wall -Werror -I"$DIST.new/usr/include" -L"$DIST.new/usr/lib" \
        -Wl,-rpath-link="$DIST.new/usr/lib:${LIBDIRS// /:}" \
        -o "$DIST.new/usr/bin/$(basename "$c" .c)" "$c" -lxenctrl >>"$W/build.log" 2>&1 \
        || { tail -n 20 "$W/build.log" >&2; echo "tools: $c does not build" >&2; exit 1; }
done
rm -rf "$DIST" && mv "$DIST.new" "$DIST"
echo "$inputs" > "$W/built.stamp"
echo "tools: $DIST ($(du -sh "$DIST" | cut -f1), $(($(date +%s) - t0)) s): $(cd "$DIST" && ls usr/sbin | tr '\n' ' ')"
