#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Export the complete vscmi Xen series in `git format-patch` form, for users
# who carry their own Xen tree:  $BUILD/xen-series/000N-*.patch (+ series).
#   1..k   each patch of xen-patches/series (hooks into Makefile/Kconfig/...)
#   k+1    the repository's arch/ and common/ as new files under
#          xen/arch/arm/vscmi/ (the overlay the vscmi build tree gets)
#   k+2    the repository's tools/libs and tools/xl files (the toolstack
#          tree's overlay)
# Base: pristine Xen from the pinned Debian orig tarball (fetched.env).
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"
W=$BUILD/xen-series-work
OUT=$BUILD/xen-series
# The series is the user's: authored and signed off with their git identity.
NAME=$(git -C "$TOP" config user.name || true)
EMAIL=$(git -C "$TOP" config user.email || true)
if [ -z "$NAME" ] || [ -z "$EMAIL" ]; then
    echo "xen-series: set git user.name and user.email: the patches carry them as author and Signed-off-by" >&2
    exit 1
fi
G=(git -c "user.name=$NAME" -c "user.email=$EMAIL" -c commit.gpgsign=false -c core.autocrlf=false)

echo "xen-series: preparing pristine $IN_XEN"
rm -rf "$W" && mkdir -p "$W/x"
tar -C "$W/x" -xf "$BUILD/dl/$IN_XEN"
mv "$W/x"/* "$W/src" && rmdir "$W/x"
cd "$W/src"
"${G[@]}" init -q
"${G[@]}" add -A -f
"${G[@]}" commit -q -m "Xen ${IN_XEN%.orig.tar.*} (pristine, Debian orig tarball)"
base=$(git rev-parse HEAD)

n=0
if [ -f "$TOP/xen-patches/series" ]; then
    for p in $(sed -e 's/#.*//' "$TOP/xen-patches/series" | grep -v '^[[:space:]]*$' || true); do
        f=$TOP/xen-patches/$p
        [ -f "$f" ] || { echo "xen-series: $p listed in series but missing" >&2; exit 1; }
        if grep -q '^Subject: ' "$f" && grep -q '^From: ' "$f"; then
            "${G[@]}" am -q -s --keep-cr "$f" || { echo "xen-series: git am $p failed" >&2; exit 1; }
        else
            "${G[@]}" apply --index --whitespace=nowarn "$f" || { echo "xen-series: $p does not apply" >&2; exit 1; }
            # commit message: the patch's leading description, else its file name
            msg=$(awk '/^(diff --git |--- |Index: )/ {exit} {print}' "$f" | grep -v '^# SPDX' || true)
            if [ -z "$(echo "$msg" | tr -d '[:space:]')" ]; then
                msg="vscmi: ${p%.patch}"
            fi
            printf '%s\n\nFrom xen-patches/%s of the vscmi repository.\n' "$msg" "$p" > "$W/msg"
            "${G[@]}" commit -q -s --cleanup=strip -F "$W/msg"
        fi
        n=$((n + 1))
    done
fi

copy() {   # copy <repo dir> <tree dir>
    [ -d "$TOP/$1" ] || return 0
    (cd "$TOP/$1" && find . -type f ! -name '*.o' ! -name '*.d' ! -name '.*' ! -path './common/*') | while read -r f; do
        mkdir -p "$(dirname "$2/$f")" && cp "$TOP/$1/$f" "$2/$f"
    done
}
copy arch/arm xen/arch/arm/vscmi
copy common xen/arch/arm/vscmi/common
"${G[@]}" add -A -f
if ! git diff --cached --quiet; then
    "${G[@]}" commit -q -s -m "xen/arm: vscmi: add the virtual SCMI mailbox sources" \
        -m "Adds the repository's arch/ and common/ as xen/arch/arm/vscmi/ and xen/arch/arm/vscmi/common/."
    n=$((n + 1))
fi
copy tools/libs tools/libs
copy tools/xl tools/xl
"${G[@]}" add -A -f
if ! git diff --cached --quiet; then
    "${G[@]}" commit -q -s -m "tools: vscmi: add the toolstack sources" \
        -m "Adds the repository's tools/libs and tools/xl files: xc_vscmi.c, libxl_vscmi.c, xl_vscmi.c."
    n=$((n + 1))
fi

rm -rf "$OUT" && mkdir -p "$OUT"
if [ "$n" -gt 0 ]; then
    git format-patch -q -o "$OUT" "$base"..HEAD
fi
(cd "$OUT" && ls -1 ./*.patch 2>/dev/null | sed 's|^\./||' > series) || true
echo "xen-series: $n patch(es) against ${IN_XEN%.orig.tar.*} in $OUT"
sed 's/^/  /' "$OUT/series"
