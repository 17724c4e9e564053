#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Export the vscmi Xen series in `git format-patch` form, for users who
# carry their own Xen tree and for review:  $BUILD/xen-series/000N-*.patch
# (+ series), against pristine Xen from the pinned Debian orig tarball.
# Each step is one reviewable concern, and each builds (check-series.sh):
#
#   1  the mediator core: common/ without the protocol files, as
#      xen/arch/arm/vscmi/common/, and its Xen OS shim (vscmi-os.c), with
#      0001 (Kconfig, Makefile, the hooks' header with stubs); compiled
#      with CONFIG_VSCMI, unused
#   2  the SCMI protocols: common/proto_<name>.c and their lines in
#      protocols.h
#   3  the Xen glue: arch/arm/ (firmware channel, channels, policies from
#      the command line and dom0less, guest DT), not yet called
#   4.. the hooks that call it, one patch of xen-patches/series each
#      (SMCCC dispatch, life cycle, dom0 DT, dom0less)
#   .  the toolstack domctls: 0006 with vscmi-domctl.c
#   .  the toolstack: 0007 with tools/libs and tools/xl's files
#   .  the Xen-format docs: 0008 (xen-command-line.pandoc, booting.txt)
#
# A step's vscmi/Makefile and common/protocols.h list only the sources the
# tree has by then (prune below); the last step's are the repository's.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
# shellcheck disable=SC1091
. "$BUILD/dl/fetched.env"
W=$BUILD/xen-series-work
OUT=$BUILD/xen-series
V=xen/arch/arm/vscmi
PROTOCOL_FILES="proto_power.c proto_system.c proto_perf.c proto_clock.c proto_sensor.c proto_reset.c proto_voltage.c"
# The series this script knows how to place; a new patch needs a place here.
WANT_SERIES="vscmi-0001-build-hooks-header.patch vscmi-0002-vsmc-sip-dispatch.patch
vscmi-0003-domain-lifecycle.patch vscmi-0004-dom0-device-tree.patch vscmi-0005-dom0less.patch
vscmi-0006-domctl.patch vscmi-0007-toolstack.patch vscmi-0008-docs.patch"

# The series is the user's: authored and signed off with their git identity.
NAME=$(git -C "$TOP" config user.name || true)
EMAIL=$(git -C "$TOP" config user.email || true)
if [ -z "$NAME" ] || [ -z "$EMAIL" ]; then
    echo "xen-series: set git user.name and user.email: the patches carry them as author and Signed-off-by" >&2
    exit 1
fi
G=(git -c "user.name=$NAME" -c "user.email=$EMAIL" -c commit.gpgsign=false -c core.autocrlf=false)

have=$(sed -e 's/#.*//' "$TOP/xen-patches/series" | grep -v '^[[:space:]]*$' | xargs)
if [ "$have" != "$(echo $WANT_SERIES)" ]; then
    echo "xen-series: xen-patches/series is not the one export-series.sh places: give each patch its step" >&2
    exit 1
fi

echo "xen-series: preparing pristine $IN_XEN"
rm -rf "$W" && mkdir -p "$W/x"
tar -C "$W/x" -xf "$BUILD/dl/$IN_XEN"
mv "$W/x"/* "$W/src" && rmdir "$W/x"
cd "$W/src"
"${G[@]}" init -q
"${G[@]}" add -A -f
"${G[@]}" commit -q -m "Xen ${IN_XEN%.orig.tar.*} (pristine, Debian orig tarball)"
base=$(git rev-parse HEAD)

apply() {      # apply <patch>: into the index
    "${G[@]}" apply --index --whitespace=nowarn "$TOP/xen-patches/$1" \
        || { echo "xen-series: $1 does not apply" >&2; exit 1; }
}
describe() {   # describe <patch>: its leading description
    awk '/^(diff --git |--- |Index: )/ {exit} {print}' "$TOP/xen-patches/$1" | grep -v '^# SPDX' || true
}
put() {        # put <repo file> <tree file>
    mkdir -p "$(dirname "$2")" && cp "$TOP/$1" "$2"
}
prune() {      # the step's Makefile and protocol list: only sources it has
    local f
    [ -f "$V/Makefile" ] && awk -v d="$V" '
        /^obj-y \+= vscmi[-a-z]*\.o$/ { f = $3; sub(/\.o$/, ".c", f); if (system("test -f " d "/" f)) next }
        { print }' "$V/Makefile" > "$W/Makefile" && mv "$W/Makefile" "$V/Makefile"
    f=$V/common/protocols.h
    [ -f "$f" ] && awk -v d="$V/common" '
        /^VSCMI_PROTOCOL\(/ { n = tolower($2); sub(/\).*/, "", n); if (system("test -f " d "/proto_" n ".c")) next }
        { print }' "$f" > "$W/protocols.h" && mv "$W/protocols.h" "$f"
    return 0
}
commit() {     # commit <message file>
    prune
    "${G[@]}" add -A -f
    "${G[@]}" commit -q -s --cleanup=strip -F "$1"
}

# 1: the core, with the build hooks and the hooks' header
apply vscmi-0001-build-hooks-header.patch
put arch/arm/Kconfig "$V/Kconfig"
put arch/arm/Makefile "$V/Makefile"
put arch/arm/vscmi-os.c "$V/vscmi-os.c"
(cd "$TOP/common" && find . -type f ! -name '*.o' ! -name '*.d' ! -name '.*' | sed 's|^\./||') |
while read -r f; do
    case " $PROTOCOL_FILES " in *" $f "*) continue ;; esac
    put "common/$f" "$V/common/$f"
done
{
    echo "xen/arm: vscmi: the SCMI mediator core"
    echo
    echo "The hypervisor-agnostic core of the virtual SCMI mailboxes: one"
    echo "doorbell's data path (snapshot, validate, policy, forward, translate,"
    echo "respond), per-domain policy with shared votes, firmware discovery and"
    echo "the firmware transaction, over the OS shim vscmi/os.h (on Xen:"
    echo "macros, and vscmi-os.c for the vscmi-trace switch); BASE is its only"
    echo "protocol yet.  Freestanding C, the same files the vscmi project tests"
    echo "on the host."
    echo
    describe vscmi-0001-build-hooks-header.patch
    echo
    echo "Nothing calls the core yet."
} > "$W/msg"
commit "$W/msg"

# 2: the protocols
for f in $PROTOCOL_FILES; do put "common/$f" "$V/common/$f"; done
put common/protocols.h "$V/common/protocols.h"
cat > "$W/msg" <<'EOT'
xen/arm: vscmi: the SCMI protocols

Power domain, system power, performance, clock, sensor, reset domain and
voltage domain: one file each, a table of commands indexed by message id
(the shape of TF-A's scmi-msg), each command checking the domain's grant
and translating guest ids to firmware ids before forwarding.
EOT
commit "$W/msg"

# 3: the Xen glue, not called yet
for f in "$TOP"/arch/arm/*; do
    f=$(basename "$f")
    case "$f" in vscmi-domctl.c|vscmi-os.c|Kconfig|Makefile) continue ;; esac
    put "arch/arm/$f" "$V/$f"
done
put arch/arm/Makefile "$V/Makefile"
cat > "$W/msg" <<'EOT'
xen/arm: vscmi: the Xen glue

The firmware channel Xen takes from the host DT, the guests' channel
pages, the SiP doorbell, policies from the command line (dom0) and from
dom0less nodes, and the SCMI nodes of the guests' device trees.  The
hooks that call it follow, one concern each.
EOT
commit "$W/msg"

# 4..7: the hooks
for p in vscmi-0002-vsmc-sip-dispatch.patch vscmi-0003-domain-lifecycle.patch \
         vscmi-0004-dom0-device-tree.patch vscmi-0005-dom0less.patch; do
    apply "$p"
    describe "$p" > "$W/msg"
    commit "$W/msg"
done

# the toolstack's domctls
apply vscmi-0006-domctl.patch
put arch/arm/vscmi-domctl.c "$V/vscmi-domctl.c"
put arch/arm/Makefile "$V/Makefile"
describe vscmi-0006-domctl.patch > "$W/msg"
commit "$W/msg"

# the toolstack
apply vscmi-0007-toolstack.patch
for d in tools/libs tools/xl; do
    (cd "$TOP/$d" && find . -type f ! -name '*.o' ! -name '*.d' ! -name '.*' | sed 's|^\./||') |
    while read -r f; do put "$d/$f" "$d/$f"; done
done
{ describe vscmi-0007-toolstack.patch; echo; echo "New files: xc_vscmi.c, libxl_vscmi.c (libxl_novscmi.c off Arm), xl_vscmi.c."; } > "$W/msg"
commit "$W/msg"

# the docs
apply vscmi-0008-docs.patch
describe vscmi-0008-docs.patch > "$W/msg"
commit "$W/msg"

# the last step's tree is the repository's
for f in Makefile common/protocols.h; do
    cmp -s "$TOP/$([ "$f" = Makefile ] && echo arch/arm/Makefile || echo common/protocols.h)" "$V/$f" \
        || { echo "xen-series: $V/$f of the last step is not the repository's" >&2; exit 1; }
done

rm -rf "$OUT" && mkdir -p "$OUT"
git format-patch -q -o "$OUT" "$base"..HEAD
(cd "$OUT" && ls -1 ./*.patch | sed 's|^\./||' > series)
echo "xen-series: $(wc -l < "$OUT/series") patches against ${IN_XEN%.orig.tar.*} in $OUT (check each builds: make xen-series-check)"
sed 's/^/  /' "$OUT/series"
