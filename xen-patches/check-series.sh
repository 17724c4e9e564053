#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Build the hypervisor at every step of the exported series
# (export-series.sh's scratch repository, $BUILD/xen-series-work/src), with
# the vscmi platform's configuration (defconfig + CONFIG_VSCMI and
# tests/platform/xen/vscmi.config), and the last step once more with XSM
# FLASK (0006 adds a flask permission).  One line per step; stops at the
# first step that does not build.  The toolstack steps are built by the
# platform (tests/platform/xen/tools.sh), which builds the whole series.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
JOBS=${JOBS:-$(nproc)}
SRC=$BUILD/xen-series-work/src
[ -d "$SRC/.git" ] || { echo "check-series: no exported series (make xen-series first)" >&2; exit 1; }
MK=(make -C "$SRC/xen" XEN_TARGET_ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
if command -v ccache >/dev/null 2>&1; then
    export CCACHE_DIR=$BUILD/ccache CCACHE_BASEDIR=$BUILD
    MK+=("CC=ccache aarch64-linux-gnu-gcc")
fi
LOG=$BUILD/xen-series-work/check.log

build() {   # build <label> [extra config lines...]
    local label=$1 l
    shift
    {
        "${MK[@]}" defconfig
        { grep -E '^(CONFIG_|# CONFIG_)' "$TOP/tests/platform/xen/vscmi.config"; echo CONFIG_VSCMI=y
          for l in "$@"; do echo "$l"; done; } >> "$SRC/xen/.config"
        "${MK[@]}" olddefconfig
        "${MK[@]}" -j"$JOBS"
    } > "$LOG" 2>&1 || {
        grep -E 'error:|Error [0-9]|undefined reference' "$LOG" | head -n 20 >&2 || tail -n 20 "$LOG" >&2
        echo "check-series: $label does not build (log: $LOG)" >&2
        exit 1
    }
    grep -qx CONFIG_VSCMI=y "$SRC/xen/.config" || { echo "check-series: $label: CONFIG_VSCMI did not stick" >&2; exit 1; }
}

cd "$SRC"
head=$(git symbolic-ref --short HEAD)
trap 'git -C "$SRC" checkout -q "$head"' EXIT
base=$(git rev-list --max-parents=0 HEAD)
n=0
for c in $(git rev-list --reverse "$base..HEAD"); do
    n=$((n + 1))
    git checkout -q "$c"
    subject=$(git log -1 --format=%s)
    t0=$(date +%s)
    build "step $n ($subject)"
    echo "check-series: step $n builds ($(($(date +%s) - t0)) s): $subject"
done
build "step $n with FLASK" CONFIG_XSM=y CONFIG_XSM_FLASK=y
echo "check-series: step $n builds with XSM FLASK too"
echo "check-series: all $n steps build"
