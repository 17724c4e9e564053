#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Cross-build a Xen 4.20 hypervisor (arm64) from the pinned Debian orig tarball (tests/platform/fetch/inputs.lock).
#   tests/platform/xen/build.sh upstream   pristine Xen            -> $BUILD/xen/upstream/xen
#   tests/platform/xen/build.sh vscmi      pristine + xen-patches/series + overlay of
#                                 arch/ -> xen/arch/arm/vscmi/ and
#                                 common/ -> xen/arch/arm/vscmi/common/
#                                                         -> $BUILD/xen/vscmi/xen
# Kconfig: defconfig + tests/platform/xen/<tree>.config, merged with olddefconfig.
# The tree is re-extracted whenever the tarball, the series or a patch changes
# (so a patch never applies twice); overlay and fragment edits rebuild
# incrementally; with no input changed, make is skipped (XEN_FORCE=1 forces it).
# XEN_DEBUG=1 adds CONFIG_DEBUG=y.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
NAME=${1:?usage: build.sh upstream|vscmi}
case "$NAME" in upstream|vscmi) ;; *) echo "xen: unknown tree $NAME" >&2; exit 2 ;; esac
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"

JOBS=${JOBS:-$(nproc)}
W=$BUILD/xen/$NAME
TREE=$W/src
FRAG=$TOP/tests/platform/xen/$NAME.config
mkdir -p "$W"
# shellcheck source=tree.sh
. "$TOP/tests/platform/xen/tree.sh"

xen_tree_extract "xen[$NAME]" "$([ "$NAME" = vscmi ] && echo 1 || echo 0)"
if [ "$NAME" = vscmi ]; then
    xen_tree_overlay arch/arm xen/arch/arm/vscmi
    xen_tree_overlay common xen/arch/arm/vscmi/common
fi

MK=(make -C "$TREE/xen" XEN_TARGET_ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
if command -v ccache >/dev/null 2>&1; then
    export CCACHE_DIR=$BUILD/ccache CCACHE_BASEDIR=$BUILD
    MK+=("CC=ccache aarch64-linux-gnu-gcc")
fi
cfg="$(cat "$FRAG" 2>/dev/null) debug=${XEN_DEBUG:-0}"
cfgsum=$(echo "$cfg" | sha256sum | cut -c1-16)
if [ ! -f "$TREE/xen/.config" ] || [ "$(cat "$W/config.stamp" 2>/dev/null)" != "$cfgsum" ]; then
    echo "xen[$NAME]: configuring (defconfig + tests/platform/xen/$NAME.config)"
    "${MK[@]}" defconfig >"$W/config.log" 2>&1 || { tail -n 20 "$W/config.log" >&2; exit 1; }
    { [ -f "$FRAG" ] && grep -E '^(CONFIG_|# CONFIG_)' "$FRAG"; [ "${XEN_DEBUG:-0}" = 1 ] && echo CONFIG_DEBUG=y; } \
        >> "$TREE/xen/.config" || true
    "${MK[@]}" olddefconfig >>"$W/config.log" 2>&1 || { tail -n 20 "$W/config.log" >&2; exit 1; }
    if [ -f "$FRAG" ]; then
        grep -E '^CONFIG_[A-Za-z0-9_]+=' "$FRAG" | while read -r l; do
            grep -qx "$l" "$TREE/xen/.config" || echo "xen[$NAME]: warning: '$l' from $NAME.config did not stick (dependency missing?)" >&2
        done
    fi
    echo "$cfgsum" > "$W/config.stamp"
fi

# skip make (Xen always relinks for its build timestamp) when no input changed
inputs=$( { cat "$W/extracted.stamp" "$W/config.stamp"; echo "debug=${XEN_DEBUG:-0}";
            [ "$NAME" != vscmi ] || xen_tree_sources arch/arm common; } | sha256sum | cut -c1-16)
if [ -z "${XEN_FORCE:-}" ] && [ -f "$W/xen" ] && [ "$(cat "$W/built.stamp" 2>/dev/null)" = "$inputs" ]; then
    echo "xen[$NAME]: up to date ($W/xen)"
    exit 0
fi
rm -f "$W/built.stamp"
echo "xen[$NAME]: building hypervisor"
if ! "${MK[@]}" -j"$JOBS" >"$W/build.log" 2>&1; then
    grep -E 'error:|Error [0-9]|undefined reference' "$W/build.log" | head -n 30 >&2 || tail -n 30 "$W/build.log" >&2
    echo "xen[$NAME]: build failed; full log: $W/build.log" >&2
    exit 1
fi
cmp -s "$TREE/xen/xen" "$W/xen" || cp "$TREE/xen/xen" "$W/xen"
echo "$inputs" > "$W/built.stamp"
echo "xen[$NAME]: $W/xen ($(stat -c %s "$W/xen") bytes, $(grep -o 'Xen [0-9.a-z+-]*' "$TREE/xen/include/xen/compile.h" 2>/dev/null | head -n1 || true))"
