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

find_mirror() {
    if [ -n "${VSCMI_MIRROR:-}" ]; then echo "$VSCMI_MIRROR"; return; fi
    local f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk 'BEGIN { IGNORECASE=1 }
            /^[[:space:]]*$/ { if (t ~ /deb/ && u != "" && u !~ /security/) { print u; exit } t=""; u=""; next }
            /^Types:/ { t=$0 }
            /^URIs:/ { u=$2 }
            END { if (t ~ /deb/ && u != "" && u !~ /security/) print u }' "$f" | head -n1)
        [ -n "$uri" ] && { echo "$uri"; return; }
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        uri=$(sed -e 's/#.*//' "$f" | awk '$1=="deb"||$1=="deb-src" {
                i=2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($i !~ /security/) { print $i; exit } }' | head -n1)
        [ -n "$uri" ] && { echo "$uri"; return; }
    done
    return 1
}
MIRROR=$(find_mirror) || die "no Debian mirror in /etc/apt/sources.list{,.d}; set VSCMI_MIRROR=<uri of a Debian archive>"
MIRROR=${MIRROR%/}
[ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"

mkdir -p "$APTDIR"/{etc,lists/partial,cache/archives/partial} "$DL"
echo "deb-src [signed-by=$KEYRING] $MIRROR $SUITE main" > "$APTDIR/etc/sources.list"
: > "$APTDIR/status"
APT_OPTS=(
    -o Dir::Etc::SourceList="$APTDIR/etc/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o Dir::Etc::Preferences=/dev/null
    -o Dir::Etc::PreferencesParts=/dev/null
    -o Dir::State::Lists="$APTDIR/lists"
    -o Dir::State::status="$APTDIR/status"
    -o Dir::Cache="$APTDIR/cache"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o Acquire::Languages=none
    -o Acquire::IndexTargets::deb-src::Contents-dsc::DefaultEnabled=false
    -o APT::Sandbox::User=root
    -o Debug::NoLocking=true
    -q
)
apt_() { apt-get "${APT_OPTS[@]}" "$@"; }

say "updating private $SUITE source index from $MIRROR"
apt_ update >"$APTDIR/update.log" 2>&1 || { cat "$APTDIR/update.log" >&2; die "apt-get update ($SUITE) failed"; }
if grep -qE '^(W|E): .*(NO_PUBKEY|not signed|GPG error|Failed to fetch)' "$APTDIR/update.log"; then
    cat "$APTDIR/update.log" >&2; die "the $SUITE source index could not be fetched or verified"
fi

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
