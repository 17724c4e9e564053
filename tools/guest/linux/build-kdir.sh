#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Assemble a kbuild tree for external modules of the Debian arm64 kernel the
# platform boots, usable on this x86-64 host:
#   $KDIR/common   linux-headers-<abi>-common (arch/, include/, Makefile)
#   $KDIR/arm64    linux-headers-<rel> (.config, Module.symvers, generated
#                  headers); its Makefile includes ../common/Makefile, so
#                  srctree = common, objtree = arm64 (Debian's own layout)
#   $KDIR/kbuild   linux-kbuild-<abi>'s scripts/ (kbuild makefiles), with
#                  the arm64 host programs replaced by x86-64 builds of the
#                  same version's sources (fixdep, modpost, genksyms) from
#                  linux_<ver>.orig.tar.xz
# Build modules with: make -C $KDIR/arm64 M=<dir> $(cat $KDIR/make-args)
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tools/guest/linux
OUT=$BUILD/guest/linux
DL=$OUT/dl
KDIR=$OUT/kdir
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
HOSTCC=${HOSTCC:-gcc}

"$HERE/fetch-kbuild.sh"
# shellcheck disable=SC1091
. "$DL/kbuild.env"

stamp=$(cat "$DL/SHA256SUMS" "$0" | sha256sum | cut -c1-16)
if [ -f "$KDIR/.stamp" ] && [ "$(cat "$KDIR/.stamp")" = "$stamp" ]; then
    exit 0
fi
echo "linux-module: assembling the kbuild tree for $KREL in $KDIR"
rm -rf "$KDIR" "$KDIR.tmp"
T=$KDIR.tmp
mkdir -p "$T/x" "$T/common" "$T/arm64" "$T/src"
for d in "$HDR_DEB" "$HDRC_DEB" "$KBUILD_DEB"; do
    dpkg-deb -x "$DL/$d" "$T/x"
done
cp -a "$T/x/usr/src/linux-headers-$KABI-common/." "$T/common/"
cp -a "$T/x/usr/src/linux-headers-$KREL/." "$T/arm64/"
cp -a "$T/x/usr/lib/linux-kbuild-$KABI" "$T/kbuild"
rm -rf "$T/x"
for d in common arm64; do
    rm -f "$T/$d/scripts" "$T/$d/tools"
    ln -s ../kbuild/scripts "$T/$d/scripts"
done
# Debian's Makefile names /usr/src/...-common absolutely; point it at ours
# (relative to the arm64 dir, so the tree can move).
sed -i "s|^include /usr/src/linux-headers-$KABI-common/Makefile\$|include \$(dir \$(lastword \$(MAKEFILE_LIST)))../common/Makefile|" "$T/arm64/Makefile"
grep -q '^include $(dir' "$T/arm64/Makefile" || { cat "$T/arm64/Makefile" >&2; echo "unexpected headers Makefile" >&2; exit 1; }

# ---- x86-64 host programs from the same version's sources
P=linux-$UPVER
members=(scripts/basic/fixdep.c scripts/mod scripts/include scripts/genksyms
         include/linux/license.h include/linux/module_symbol.h include/linux/mod_devicetable.h)
tar -C "$T/src" -xJf "$DL/$ORIG" "${members[@]/#/$P/}"
S=$T/src/$P
K=$T/kbuild/scripts
HCFLAGS=(-O2 -Wall -I"$S/scripts/include")
$HOSTCC "${HCFLAGS[@]}" -o "$K/basic/fixdep" "$S/scripts/basic/fixdep.c"

# modpost: elfconfig.h from an arm64 object, devicetable-offsets.h from the
# arm64 compiler's view of mod_devicetable.h (as scripts/mod/Makefile does)
$HOSTCC "${HCFLAGS[@]}" -o "$S/scripts/mod/mk_elfconfig" "$S/scripts/mod/mk_elfconfig.c"
${CROSS_COMPILE}gcc -c -o "$S/scripts/mod/empty.o" "$S/scripts/mod/empty.c"
"$S/scripts/mod/mk_elfconfig" < "$S/scripts/mod/empty.o" > "$S/scripts/mod/elfconfig.h"
KINC=(-nostdinc -D__KERNEL__
      -I"$T/common/arch/arm64/include" -I"$T/arm64/arch/arm64/include/generated"
      -I"$T/common/include" -I"$T/arm64/include"
      -I"$T/common/arch/arm64/include/uapi" -I"$T/arm64/arch/arm64/include/generated/uapi"
      -I"$T/common/include/uapi" -I"$T/arm64/include/generated/uapi"
      -include "$T/common/include/linux/compiler-version.h"
      -include "$T/common/include/linux/kconfig.h")
${CROSS_COMPILE}gcc "${KINC[@]}" -O2 -S -o "$S/scripts/mod/devicetable-offsets.s" "$S/scripts/mod/devicetable-offsets.c"
{
    echo "#ifndef __DEVICETABLE_OFFSETS_H__"
    echo "#define __DEVICETABLE_OFFSETS_H__"
    sed -ne 's:^[[:space:]]*\.ascii[[:space:]]*"\(.*\)".*:\1:; /^->/{s:->#\(.*\):/* \1 */:; s:^->\([^ ]*\) [\$#]*\([^ ]*\) \(.*\):#define \1 \2 /* \3 */:; s:->::; p;}' \
        "$S/scripts/mod/devicetable-offsets.s"
    echo "#endif"
} > "$S/scripts/mod/devicetable-offsets.h"
grep -q '#define SIZE_of_device_id' "$S/scripts/mod/devicetable-offsets.h"
rm -f "$K"/mod/modpost "$K"/mod/modpost.real-*
$HOSTCC "${HCFLAGS[@]}" -o "$K/mod/modpost" \
    "$S/scripts/mod/modpost.c" "$S/scripts/mod/file2alias.c" \
    "$S/scripts/mod/sumversion.c" "$S/scripts/mod/symsearch.c"

# genksyms (only run for objects that export symbols; built for completeness)
G=$S/scripts/genksyms
flex -o "$G/lex.lex.c" "$G/lex.l"
bison -t -l -o "$G/parse.tab.c" --defines="$G/parse.tab.h" "$G/parse.y" 2>/dev/null
$HOSTCC -O2 -I"$G" -o "$K/genksyms/genksyms" "$G/genksyms.c" "$G/parse.tab.c" "$G/lex.lex.c"

# the remaining arm64 binaries (kconfig, recordmcount, objtool, sign-file, ...)
# are not used to build an external module; remove them so nothing runs them
is_arm64_elf() {   # ELF magic and e_machine EM_AARCH64 (183, little endian)
    [ "$(head -c4 "$1" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
        [ "$(od -An -tu2 -j18 -N2 "$1" | tr -d ' ')" = 183 ]
}
while IFS= read -r -d '' f; do
    if is_arm64_elf "$f"; then rm -f "$f"; fi
done < <(find "$T/kbuild" -type f -print0)
rm -rf "$T/src"

# Compiler: Debian built the kernel with gcc-14; bookworm's cross gcc is 12.
# Drop the capability that only gcc-14 has (-fmin-function-alignment; kbuild
# then uses -falign-functions), and skip BTF (needs pahole + resolve_btfids).
cat > "$T/make-args" <<ARGS
ARCH=arm64 CROSS_COMPILE=$CROSS_COMPILE CC=${CROSS_COMPILE}gcc HOSTCC=$HOSTCC CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT= CONFIG_DEBUG_INFO_BTF_MODULES=
ARGS
echo "$KREL" > "$T/kernelrelease"
echo "$stamp" > "$T/.stamp"
mv "$T" "$KDIR"
echo "linux-module: kbuild tree ready: $KDIR/arm64"
