#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Fetch the platform's third-party inputs from Debian trixie through a
# private apt configuration under $BUILD/apt (the machine's own apt state is
# never touched):
#   - source package orig tarballs: xen, arm-trusted-firmware
#   - arm64 binary packages: linux-image-6.12.*-arm64-unsigned, busybox-static
#
# The mirror URI is read at run time from the machine's own apt sources
# (/etc/apt/sources.list.d/*.sources deb822 or /etc/apt/sources.list);
# VSCMI_MIRROR=<uri> overrides it.  The trixie InRelease is verified by apt
# against /usr/share/keyrings/debian-archive-keyring.gpg (bookworm's
# debian-archive-keyring already carries the trixie keys).  Every file is
# downloaded into a temporary directory, its SHA256 checked against the
# (signed) Sources/Packages index, and only then renamed into $BUILD/dl.
#
# Output: $BUILD/dl/fetched.env (shell variables naming the verified files).
# A second run with everything present and intact downloads nothing.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
SUITE=${VSCMI_SUITE:-trixie}
KEYRING=${VSCMI_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
APTDIR=$BUILD/apt
DL=$BUILD/dl
ENV=$DL/fetched.env

SRC_PKGS=(xen arm-trusted-firmware)
KERNEL_PATTERN='^linux-image-6\.12\.[0-9]+\+deb13-arm64-unsigned$'
BIN_PKGS=(busybox-static)

say() { echo "fetch: $*"; }
die() { echo "fetch: ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- cache check
cache_ok() {
    [ -f "$ENV" ] || return 1
    local f sum
    while read -r sum f; do
        [ -f "$DL/$f" ] || return 1
        [ "$(stat -c %s "$DL/$f")" -gt 0 ] || return 1
    done < "$DL/SHA256SUMS"
    # full hash check is cheap next to any download
    (cd "$DL" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1) || return 1
}
if [ "${1:-}" != "--force" ] && cache_ok; then
    exit 0
fi

# ------------------------------------------------------------- mirror lookup
find_mirror() {
    if [ -n "${VSCMI_MIRROR:-}" ]; then echo "$VSCMI_MIRROR"; return; fi
    local f uri
    # deb822: first stanza of Types deb whose URIs is not a security archive
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk '
            BEGIN { IGNORECASE=1 }
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
MIRROR=$(find_mirror) || die "no Debian mirror found in /etc/apt/sources.list{,.d}; set VSCMI_MIRROR=<uri of a Debian archive>"
MIRROR=${MIRROR%/}
[ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"

# ------------------------------------------------------- private apt config
mkdir -p "$APTDIR"/{etc,lists/partial,cache/archives/partial} "$DL"
cat > "$APTDIR/etc/sources.list" <<SL
deb [arch=arm64 signed-by=$KEYRING] $MIRROR $SUITE main
deb-src [signed-by=$KEYRING] $MIRROR $SUITE main
SL
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
    -o APT::Architecture=arm64
    -o APT::Architectures::=arm64
    -o Acquire::Languages=none
    -o Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false
    -o Acquire::IndexTargets::deb-src::Contents-dsc::DefaultEnabled=false
    -o APT::Sandbox::User=root
    -o Debug::NoLocking=true
    -q
)
apt_() { apt-get "${APT_OPTS[@]}" "$@"; }

say "updating private $SUITE index from $MIRROR (InRelease verified with $(basename "$KEYRING"))"
if ! apt_ update >"$APTDIR/update.log" 2>&1; then
    cat "$APTDIR/update.log" >&2
    die "apt-get update of $SUITE from $MIRROR failed (network, proxy or signature); see above"
fi
if grep -qE '^(W|E): .*(NO_PUBKEY|not signed|GPG error|Failed to fetch)' "$APTDIR/update.log"; then
    cat "$APTDIR/update.log" >&2
    die "the $SUITE InRelease/index from $MIRROR could not be fetched or verified (see above): check network and proxy, or set VSCMI_MIRROR=<Debian mirror URI>"
fi

# fetch_uris <label> <print-uris output>: download needed files to a temp dir,
# verify sha256 from the index, rename into $DL.  $2: lines 'URI' name size SHA256:x
# $3: command (array name) that downloads into cwd; $4: regex of wanted file names
declare -A SUMS=()
fetch_files() {
    local label=$1 uris=$2 want=$3; shift 3
    local tmp name size hash need=()
    while read -r _ name size hash; do
        [[ "$name" =~ $want ]] || continue
        hash=${hash#SHA256:}
        [ ${#hash} -eq 64 ] || die "$label: no SHA256 for $name in the index"
        SUMS[$name]=$hash
        if [ -f "$DL/$name" ] && echo "$hash  $DL/$name" | sha256sum --quiet -c >/dev/null 2>&1; then
            continue
        fi
        need+=("$name")
    done <<< "$uris"
    [ ${#need[@]} -gt 0 ] || { say "$label: cached"; return 0; }
    tmp=$(mktemp -d "$DL/.tmp.XXXXXX")
    say "$label: downloading ${need[*]}"
    (cd "$tmp" && "$@") >"$tmp/.log" 2>&1 || true   # a missing .dsc (404) is tolerated
    for name in "${need[@]}"; do
        if [ ! -f "$tmp/$name" ]; then
            cat "$tmp/.log" >&2; rm -rf "$tmp"
            die "$label: $name was not downloaded from $MIRROR"
        fi
        if ! echo "${SUMS[$name]}  $tmp/$name" | sha256sum --quiet -c >/dev/null 2>&1; then
            rm -rf "$tmp"
            die "$label: $name does not match the SHA256 of the signed $SUITE index; not used"
        fi
        mv -f "$tmp/$name" "$DL/$name"
    done
    rm -rf "$tmp"
}

declare -A OUT=()
for src in "${SRC_PKGS[@]}"; do
    uris=$(apt_ source --print-uris "$src" 2>/dev/null | grep "^'") \
        || die "source package $src not found in $SUITE"
    # only the upstream tarball(s) are needed; the .dsc may 404 on some mirrors
    fetch_files "$src (source)" "$uris" '\.orig\.tar\.[a-z0-9]+$' \
        apt_ source --download-only "$src"
    orig=$(awk '{print $2}' <<< "$uris" | grep -E '\.orig\.tar\.[a-z0-9]+$' | head -n1)
    OUT[$src]=$orig
done

kpkg=$(apt-cache "${APT_OPTS[@]}" search --names-only "$KERNEL_PATTERN" | awk '{print $1}' | sort -V | tail -n1)
[ -n "$kpkg" ] || die "no package matching $KERNEL_PATTERN in $SUITE (arm64)"
for pkg in "$kpkg" "${BIN_PKGS[@]}"; do
    uris=$(apt_ download --print-uris "$pkg" 2>/dev/null | grep "^'") \
        || die "binary package $pkg:arm64 not found in $SUITE"
    fetch_files "$pkg (arm64)" "$uris" '\.deb$' apt_ download "$pkg"
    OUT[$pkg]=$(awk '{print $2}' <<< "$uris" | head -n1)
done

{
    echo "# generated by tools/fetch/fetch.sh from $SUITE"
    echo "XEN_ORIG=${OUT[xen]}"
    echo "TFA_ORIG=${OUT[arm-trusted-firmware]}"
    echo "KERNEL_PKG=$kpkg"
    echo "KERNEL_DEB=${OUT[$kpkg]}"
    echo "BUSYBOX_DEB=${OUT[busybox-static]}"
} > "$ENV.tmp"
(cd "$DL" && for f in "${OUT[@]}"; do echo "${SUMS[$f]}  $f"; done) > "$DL/SHA256SUMS"
mv "$ENV.tmp" "$ENV"
say "all inputs verified in $DL"
