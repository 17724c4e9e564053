#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Assemble a kbuild tree for external modules of the Debian arm64 kernel the
# platform boots, from Debian's packages only (pinned in
# tests/platform/fetch/inputs.lock; no kernel source):
#   $KDIR/common   linux-headers-<abi>-common (arch/, include/, Makefile)
#   $KDIR/arm64    linux-headers-<abi>-arm64 (.config, Module.symvers,
#                  generated headers); its Makefile includes ../common/Makefile,
#                  so srctree = common, objtree = arm64 (Debian's own layout)
#   $KDIR/kbuild   linux-kbuild-<abi> for amd64: kbuild's makefiles and its
#                  host programs (fixdep, modpost, genksyms) built for this
#                  host's architecture, which is how Debian supports
#                  cross-building modules.  They are linked against trixie's
#                  glibc, so each runs through the loader of
#   $KDIR/libc     trixie's libc6 (input kbuild-libc), not the host's
# Build modules with: make -C $KDIR/arm64 M=<dir> $(cat $KDIR/make-args)
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
OUT=$BUILD/guest/linux
KDIR=$OUT/kdir
DL=$BUILD/dl
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
[ -f "$DL/fetched.env" ] || { echo "linux-module: run tests/platform/fetch/fetch.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$DL/fetched.env"

stamp=$(echo "$IN_KERNEL_HEADERS $IN_KERNEL_HEADERS_COMMON $IN_KERNEL_KBUILD $IN_KBUILD_LIBC" |
        cat - "$0" | sha256sum | cut -c1-16)
if [ -f "$KDIR/.stamp" ] && [ "$(cat "$KDIR/.stamp")" = "$stamp" ]; then
    exit 0
fi
KREL=$KERNEL_ABI-arm64
echo "linux-module: assembling the kbuild tree for $KREL in ${KDIR#"$TOP"/}"
rm -rf "$KDIR" "$KDIR.tmp"
T=$KDIR.tmp
mkdir -p "$T/x" "$T/libc"
for d in "$IN_KERNEL_HEADERS" "$IN_KERNEL_HEADERS_COMMON" "$IN_KERNEL_KBUILD"; do
    dpkg-deb -x "$DL/$d" "$T/x"
done
mv "$T/x/usr/src/linux-headers-$KERNEL_ABI-common" "$T/common"
mv "$T/x/usr/src/linux-headers-$KREL" "$T/arm64"
mv "$T/x/usr/lib/linux-kbuild-$KERNEL_ABI" "$T/kbuild"
rm -rf "$T/x"
dpkg-deb -x "$DL/$IN_KBUILD_LIBC" "$T/x"
for f in "$T"/x/usr/lib/x86_64-linux-gnu/{ld-linux-x86-64.so.2,libc.so.6}; do
    [ -f "$f" ] || { echo "linux-module: $IN_KBUILD_LIBC has no ${f##*/}" >&2; exit 1; }
    cp -L "$f" "$T/libc/"
done
rm -rf "$T/x"
for d in common arm64; do
    rm -f "$T/$d/scripts" "$T/$d/tools"
    ln -s ../kbuild/scripts "$T/$d/scripts"
    ln -s ../kbuild/tools "$T/$d/tools"
done
# Debian's Makefile names /usr/src/...-common absolutely; point it at ours
# (relative to the arm64 dir, so the tree can move).
sed -i "s|^include /usr/src/linux-headers-$KERNEL_ABI-common/Makefile\$|include \$(dir \$(lastword \$(MAKEFILE_LIST)))../common/Makefile|" "$T/arm64/Makefile"
grep -q '^include $(dir' "$T/arm64/Makefile" || { cat "$T/arm64/Makefile" >&2; echo "linux-module: unexpected headers Makefile" >&2; exit 1; }

# Every x86-64 program of kbuild runs as <prog> -> trixie's loader with
# trixie's libc -> <prog>.elf.  --argv0 keeps the program's own name, which
# Debian's modpost dispatcher uses to find modpost.real-<lsb|msb>-<32|64>.
is_x86_64_elf() {   # ELF magic and e_machine EM_X86_64 (62, little endian)
    [ "$(head -c4 "$1" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
        [ "$(od -An -tu2 -j18 -N2 "$1" | tr -d ' ')" = 62 ]
}
n=0
while IFS= read -r -d '' f; do
    is_x86_64_elf "$f" || continue
    libc=$(realpath --relative-to="$(dirname "$f")" "$T/libc")
    mv "$f" "$f.elf"
    cat > "$f" <<WRAP
#!/bin/sh
# kbuild host program from Debian's linux-kbuild (amd64), run with trixie's libc
d=\${0%/*}
exec "\$d/$libc/ld-linux-x86-64.so.2" --library-path "\$d/$libc" --argv0 "\$0" "\$0.elf" "\$@"
WRAP
    chmod 755 "$f"
    n=$((n + 1))
done < <(find "$T/kbuild" -type f -perm -u+x -print0)
for p in basic/fixdep mod/modpost genksyms/genksyms; do
    [ -f "$T/kbuild/scripts/$p.elf" ] || { echo "linux-module: $IN_KERNEL_KBUILD has no scripts/$p" >&2; exit 1; }
done
out=$("$T/kbuild/scripts/basic/fixdep" 2>&1 || true)
[[ "$out" == Usage:\ fixdep* ]] ||
    { echo "linux-module: kbuild's fixdep does not run with $IN_KBUILD_LIBC" >&2; exit 1; }

# Compiler: Debian built the kernel with gcc-14; bookworm's cross gcc is 12.
# Drop the capability that only gcc-14 has (-fmin-function-alignment; kbuild
# then uses -falign-functions), and skip BTF (needs pahole + resolve_btfids).
cat > "$T/make-args" <<ARGS
ARCH=arm64 CROSS_COMPILE=$CROSS_COMPILE CC=${CROSS_COMPILE}gcc CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT= CONFIG_DEBUG_INFO_BTF_MODULES=
ARGS
echo "$KREL" > "$T/kernelrelease"
echo "$stamp" > "$T/.stamp"
mv "$T" "$KDIR"
echo "linux-module: kbuild tree ready ($n host programs from $IN_KERNEL_KBUILD): ${KDIR#"$TOP"/}/arm64"
