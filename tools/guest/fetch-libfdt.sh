#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Fetch libfdt for the bare-metal guest agent: the upstream tarball of
# Debian's device-tree-compiler source package (trixie, like the rest of the
# platform: bookworm's 1.6.1 tarball is missing on some mirrors), through a
# private apt configuration under $BUILD/guest/apt (the machine's own apt
# state is never touched).  The mirror URI is read at run time from the
# machine's apt sources (VSCMI_MIRROR=<uri> overrides it); apt verifies the
# InRelease signature, and the tarball's SHA256 is checked against the signed
# Sources index before it is used.
#
# Output: $BUILD/guest/libfdt/ (libfdt's .c/.h files) and its stamp.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
SUITE=${VSCMI_GUEST_SUITE:-trixie}
KEYRING=${VSCMI_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
PKG=device-tree-compiler
W=$BUILD/guest
APTDIR=$W/apt
DL=$W/dl
OUT=$W/libfdt

say() { echo "guest-fetch: $*"; }
die() { echo "guest-fetch: ERROR: $*" >&2; exit 1; }

if [ -f "$OUT/.stamp" ] && [ -f "$OUT/fdt.c" ] && [ "${1:-}" != "--force" ]; then
    exit 0
fi

# shellcheck source=../fetch/lib.sh
. "$TOP/tools/fetch/lib.sh"
mirror_and_keyring

mkdir -p "$APTDIR"/{etc,lists/partial,cache/archives/partial} "$DL"
echo "deb-src [signed-by=$KEYRING] $MIRROR $SUITE main" > "$APTDIR/etc/sources.list"
: > "$APTDIR/status"
apt_private "$APTDIR"

apt_private_update "$SUITE source"

uris=$(apt_ source --print-uris "$PKG" 2>/dev/null | grep "^'") || die "source package $PKG not found in $SUITE"
read -r _ name _ hash < <(grep -E "\.orig\.tar\.[a-z0-9]+ " <<< "$uris" | head -n1) \
    || die "$PKG: no orig tarball in the $SUITE index"
hash=${hash#SHA256:}
[ ${#hash} -eq 64 ] || die "$PKG: no SHA256 for $name in the index"

if ! { [ -f "$DL/$name" ] && echo "$hash  $DL/$name" | sha256sum --quiet -c >/dev/null 2>&1; }; then
    tmp=$(mktemp -d "$DL/.tmp.XXXXXX")
    say "downloading $name"
    (cd "$tmp" && apt_ source --download-only "$PKG") >"$tmp/.log" 2>&1 || true   # a missing .dsc is tolerated
    [ -f "$tmp/$name" ] || { cat "$tmp/.log" >&2; rm -rf "$tmp"; die "$name was not downloaded from $MIRROR"; }
    echo "$hash  $tmp/$name" | sha256sum --quiet -c >/dev/null 2>&1 \
        || { rm -rf "$tmp"; die "$name does not match the SHA256 of the signed $SUITE index; not used"; }
    mv -f "$tmp/$name" "$DL/$name"
    rm -rf "$tmp"
fi

rm -rf "$OUT" "$W/x"
mkdir -p "$W/x" "$OUT"
tar -C "$W/x" -xf "$DL/$name" --wildcards '*/libfdt/*'
src=$(find "$W/x" -type d -name libfdt | head -n1)
[ -n "$src" ] && [ -f "$src/fdt.c" ] || die "$name has no libfdt/"
cp "$src"/*.c "$src"/*.h "$OUT"/
rm -rf "$W/x"
echo "$name $hash" > "$OUT/.stamp"
say "libfdt from $name (sha256 verified) in ${OUT#"$TOP"/}"
