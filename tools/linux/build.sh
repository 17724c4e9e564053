#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build arm-smc-mbox.ko for the Debian arm64 kernel the platform boots:
#   $BUILD/guest/linux/arm-smc-mbox.ko
# KDIR=<kernel build dir> builds it for another kernel instead (see
# docs/linux-module.md); KMAKE_ARGS then replaces the cross-build arguments.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tools/linux
OUT=$BUILD/guest/linux
SRCS=(arm-smc-mbox.c Kbuild)

if [ -z "${KDIR:-}" ]; then
    "$HERE/build-kdir.sh"
    KDIR=$OUT/kdir/arm64
    KMAKE_ARGS=${KMAKE_ARGS:-$(cat "$OUT/kdir/make-args")}
fi
W=$OUT/mod
mkdir -p "$W"
for f in "${SRCS[@]}"; do
    cmp -s "$HERE/$f" "$W/$f" || cp "$HERE/$f" "$W/$f"
done
# shellcheck disable=SC2086
make -s -C "$KDIR" M="$W" $KMAKE_ARGS modules
ko=$W/arm-smc-mbox.ko
if ! cmp -s "$ko" "$OUT/arm-smc-mbox.ko"; then
    cp "$ko" "$OUT/arm-smc-mbox.ko.tmp" && mv "$OUT/arm-smc-mbox.ko.tmp" "$OUT/arm-smc-mbox.ko"
    vm=$(${CROSS_COMPILE:-aarch64-linux-gnu-}objcopy -O binary --only-section=.modinfo "$ko" /dev/stdout | tr '\0' '\n' | grep '^vermagic=')
    echo "linux-module: $OUT/arm-smc-mbox.ko ($vm)"
fi
