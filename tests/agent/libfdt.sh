#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# libfdt for the bare-metal guest agent: the .c/.h files of libfdt/ from the
# pinned device-tree-compiler orig tarball (input `dtc` of
# tests/platform/fetch/inputs.lock, fetched and verified by tests/platform/fetch/fetch.sh).
# Output: $BUILD/guest/libfdt/ and its .stamp, rewritten only when the
# tarball changes.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
W=$BUILD/guest
OUT=$W/libfdt
[ -f "$BUILD/dl/fetched.env" ] || { echo "guest: run tests/platform/fetch/fetch.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"

if [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$IN_DTC" ] && [ -f "$OUT/fdt.c" ]; then
    exit 0
fi
rm -rf "$OUT" "$W/x"
mkdir -p "$W/x" "$OUT"
tar -C "$W/x" -xf "$BUILD/dl/$IN_DTC" --wildcards '*/libfdt/*'
src=$(find "$W/x" -type d -name libfdt | head -n1)
[ -n "$src" ] && [ -f "$src/fdt.c" ] || { echo "guest: $IN_DTC has no libfdt/" >&2; exit 1; }
cp "$src"/*.c "$src"/*.h "$OUT"/
rm -rf "$W/x"
echo "$IN_DTC" > "$OUT/.stamp"
echo "guest: libfdt from $IN_DTC in ${OUT#"$TOP"/}"
