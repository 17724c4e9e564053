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
SERIES=$TOP/xen-patches/series
mkdir -p "$W"

series_files() {   # patch file names listed in the series, in order
    [ -f "$SERIES" ] || return 0
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$SERIES" | grep -v '^[[:space:]]*$' || true
}

want=$IN_XEN
if [ "$NAME" = vscmi ]; then
    want="$want $( { cat "$SERIES" 2>/dev/null; for p in $(series_files); do cat "$TOP/xen-patches/$p"; done; } | sha256sum | cut -c1-16)"
fi
if [ ! -f "$W/extracted.stamp" ] || [ "$(cat "$W/extracted.stamp")" != "$want" ]; then
    echo "xen[$NAME]: extracting $IN_XEN"
    rm -rf "$TREE" "$W/x" "$W/extracted.stamp" "$W/config.stamp" "$W"/overlay.*.list
    mkdir -p "$W/x"
    tar -C "$W/x" -xf "$BUILD/dl/$IN_XEN"
    mv "$W/x"/* "$TREE" && rmdir "$W/x"
    if [ "$NAME" = vscmi ]; then
        for p in $(series_files); do
            echo "xen[$NAME]: applying xen-patches/$p"
            [ -f "$TOP/xen-patches/$p" ] || { echo "xen: xen-patches/$p listed in series but missing" >&2; exit 1; }
            (cd "$TREE" && GIT_CEILING_DIRECTORIES="$W" git apply --whitespace=nowarn "$TOP/xen-patches/$p") \
                || { echo "xen: xen-patches/$p does not apply to $IN_XEN" >&2; exit 1; }
        done
    fi
    echo "$want" > "$W/extracted.stamp"
fi

# overlay: mirror <repo>/<src> into <tree>/<dst>, touching only changed files;
# files this script copied earlier and that left the repository are removed
# (files created by patches are never touched)
overlay() {
    local src=$TOP/$1 dst=$TREE/$2 man=$W/overlay.${1//\//_}.list f
    mkdir -p "$dst"
    if [ -d "$src" ]; then
        (cd "$src" && find . -type f ! -name '*.o' ! -name '*.d' ! -name '.*' | sed 's|^\./||' | sort) > "$man.new"
    else
        : > "$man.new"
    fi
    while read -r f; do
        mkdir -p "$dst/$(dirname "$f")"
        cmp -s "$src/$f" "$dst/$f" || cp "$src/$f" "$dst/$f"
    done < "$man.new"
    [ -f "$man" ] && comm -23 "$man" "$man.new" | while read -r f; do rm -f "$dst/$f"; done
    mv "$man.new" "$man"
}
if [ "$NAME" = vscmi ]; then
    if [ -n "$(find "$TOP/arch/arm" -type f 2>/dev/null | head -n1)" ] || \
       [ -n "$(find "$TOP/common" -type f 2>/dev/null | head -n1)" ]; then
        overlay arch/arm xen/arch/arm/vscmi
        overlay common xen/arch/arm/vscmi/common
    fi
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
            if [ "$NAME" = vscmi ]; then
                (cd "$TOP" && find arch/arm common -type f ! -name '*.o' ! -name '*.d' ! -name '.*' 2>/dev/null \
                    | LC_ALL=C sort | xargs -r sha256sum)
            fi; } | sha256sum | cut -c1-16)
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
