#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Fetch the platform's third-party inputs exactly as tests/platform/fetch/inputs.lock
# pins them (docs/qemu.md, "Inputs"):
#
#   fetch.sh            every input of the lock into $BUILD/dl, then
#                       $BUILD/dl/fetched.env naming the files used
#   fetch.sh --current  resolve every input's current version in the signed
#                       index, fetch and verify it, and print a lock naming
#                       it (make update-inputs); an input whose current
#                       files do not download keeps its pin
#
# Sources of a file, in order: $BUILD/dl when it is intact; $VSCMI_INPUTS
# (a directory of files the user already has: nothing else is tried); the
# pinned pool path on the mirror read from the machine's apt sources
# (VSCMI_MIRROR overrides it).  Whatever the source, a file is checked for
# the lock's size and SHA256 in a temporary directory and only then renamed
# into $BUILD/dl.
#
# Fallback: when the mirror no longer has a pinned file (404), the suite's
# signed index (InRelease checked against $VSCMI_KEYRING) names the current
# version; it is fetched, checked against the index, used, and one warning
# line names the input and both versions.  Inputs whose `follows` column
# shares {abi} fall back together.  A corrupt download, an index that is not
# signed by the keyring, or a network failure stops the build.
set -euo pipefail

TOP=${TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
LOCK=${VSCMI_LOCK:-$TOP/tests/platform/fetch/inputs.lock}
KEYRING=${VSCMI_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
INPUTS=${VSCMI_INPUTS:-}
APTDIR=$BUILD/apt
DL=$BUILD/dl
ENV=$DL/fetched.env
FALLBACK=$DL/fallback.lock
HELPER=/usr/lib/apt/apt-helper

MODE=pinned
case "${1:-}" in
    "") ;;
    --current) MODE=current ;;
    *) echo "usage: fetch.sh [--current]" >&2; exit 2 ;;
esac

say() { echo "fetch: $*" >&2; }
warn() { echo "fetch: WARNING: $*" >&2; }
die() { echo "fetch: ERROR: $*" >&2; exit 1; }

# shellcheck source=lib.sh
. "$TOP/tests/platform/fetch/lib.sh"

# ------------------------------------------------------------------ the lock
# Fields of input $n: SUITE ARCH FOLLOWS VER SIZE SHA POOL (associative).
NAMES=()
declare -A SUITE ARCH FOLLOWS VER SIZE SHA POOL
read_lock() {   # read_lock <file>: every line checked; one bad line stops
    local f=$1 n s a fo v z h p extra line=0
    [ -r "$f" ] || die "no lock file $f"
    while read -r n s a fo v z h p extra; do
        line=$((line + 1))
        [ -z "$n" ] || [ "${n:0:1}" = "#" ] && continue
        [ -n "$p" ] && [ -z "$extra" ] || die "$f:$line: want 8 columns (input suite arch follows version size sha256 path)"
        [[ "$a" =~ ^(source|all|arm64|amd64)$ ]] || die "$f:$line: $n: arch '$a' is not source, all, arm64 or amd64"
        [[ "$z" =~ ^[0-9]+$ ]] || die "$f:$line: $n: size '$z' is not a number"
        [[ "$h" =~ ^[0-9a-f]{64}$ ]] || die "$f:$line: $n: sha256 '$h' is not 64 hex digits"
        [[ "$p" =~ ^pool/[A-Za-z0-9.+~:_/-]+$ && "$p" != *..* ]] || die "$f:$line: $n: path '$p' is not below pool/"
        [ -z "${SHA[$n]:-}" ] || die "$f:$line: input $n is listed twice"
        NAMES+=("$n")
        SUITE[$n]=$s ARCH[$n]=$a FOLLOWS[$n]=$fo VER[$n]=$v SIZE[$n]=$z SHA[$n]=$h POOL[$n]=$p
    done < "$f"
    [ ${#NAMES[@]} -gt 0 ] || die "$f names no input"
}

# group of input $1: "abi" for the inputs that follow one ABI, else itself
group_of() { case "${FOLLOWS[$1]}" in *"{abi}"*) echo abi ;; *) echo "$1" ;; esac; }

# ----------------------------------------------------------------- one file
intact() {   # intact <file> <size> <sha256>
    [ -f "$1" ] && [ "$(stat -c %s "$1")" = "$2" ] &&
        echo "$3  $1" | sha256sum --quiet --status -c 2>/dev/null
}

human() { numfmt --to=iec --suffix=B "$1" 2>/dev/null || echo "$1 bytes"; }

TMPDIRS=()
cleanup() { [ ${#TMPDIRS[@]} -eq 0 ] || rm -rf "${TMPDIRS[@]}"; }
trap cleanup EXIT

# get <label> <pool path> <size> <sha256>: the file into $DL, verified.
# Returns 0 when it is there, 3 when the source does not have it (404);
# stops on anything else.
get() {
    local label=$1 path=$2 size=$3 sha=$4 name=${2##*/} tmp log url
    intact "$DL/$name" "$size" "$sha" && return 0
    mkdir -p "$DL"
    tmp=$(mktemp -d "$DL/.tmp.XXXXXX")
    TMPDIRS+=("$tmp")
    if [ -n "$INPUTS" ]; then
        [ -f "$INPUTS/$name" ] || { rm -rf "$tmp"; return 3; }
        cp "$INPUTS/$name" "$tmp/$name"
    else
        say "$label: downloading $name ($(human "$size"))"
        log=$tmp/.log
        # apt's own transport: the machine's proxy settings, and the hash
        # is checked before the file is written out (apt's file: method
        # reads in place, copy: writes the file)
        url=$MIRROR/${path//+/%2b}
        if ! "$HELPER" -o APT::Sandbox::User=root -o Acquire::Retries=2 \
                download-file "${url/#file:/copy:}" "$tmp/$name" "SHA256:$sha" >"$log" 2>&1; then
            if grep -qE 'Hash Sum mismatch|Size mismatch' "$log"; then
                rm -rf "$tmp"
                die "$label: $name from $MIRROR does not match its SHA256 ($sha); refused, nothing kept"
            fi
            if grep -qE ' 404 |File not found|Failed to stat' "$log"; then
                rm -rf "$tmp"
                return 3
            fi
            sed 's/^/    /' "$log" >&2
            rm -rf "$tmp"
            die "$label: downloading $name from $MIRROR failed (network or proxy; see above)"
        fi
    fi
    if ! intact "$tmp/$name" "$size" "$sha"; then
        rm -rf "$tmp"
        die "$label: $name${INPUTS:+ in $INPUTS} does not match its size $size and SHA256 $sha; refused, nothing kept"
    fi
    mv -f "$tmp/$name" "$DL/$name"
    rm -rf "$tmp"
}

# --------------------------------------------------------- the signed index
INDEX_READY=0
index() {   # the private apt index of every suite and arch in the lock, verified
    [ $INDEX_READY = 1 ] && return 0
    [ -z "$INPUTS" ] || die "VSCMI_INPUTS=$INPUTS: $1 needs the archive's index, which an offline build does not read"
    [ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"
    local n suites=() archs=() src=0 s log=$APTDIR/update.log
    for n in "${NAMES[@]}"; do
        [[ " ${suites[*]} " == *" ${SUITE[$n]} "* ]] || suites+=("${SUITE[$n]}")
        case "${ARCH[$n]}" in
            source) src=1 ;;
            all) ;;
            *) [[ " ${archs[*]} " == *" ${ARCH[$n]} "* ]] || archs+=("${ARCH[$n]}") ;;
        esac
    done
    [ ${#archs[@]} -gt 0 ] || archs=(arm64)
    mkdir -p "$APTDIR"/{etc,lists/partial,cache/archives/partial}
    for s in "${suites[@]}"; do
        echo "deb [arch=$(IFS=,; echo "${archs[*]}") signed-by=$KEYRING] $MIRROR $s main"
        [ $src = 0 ] || echo "deb-src [signed-by=$KEYRING] $MIRROR $s main"
    done > "$APTDIR/etc/sources.list"
    : > "$APTDIR/status"
    apt_private "$APTDIR"
    APT_OPTS+=(-o APT::Architecture="${archs[0]}")
    for s in "${archs[@]:1}"; do APT_OPTS+=(-o APT::Architectures::="$s"); done
    say "reading the signed ${suites[*]} index from $MIRROR ($1)"
    if ! apt_ update >"$log" 2>&1 ||
       grep -qE '^(W|E): .*(NO_PUBKEY|not signed|GPG error|Failed to fetch|is no longer signed|invalid signature)' "$log"; then
        local why
        why=$(grep -m1 -oE 'NO_PUBKEY [0-9A-F]+|is not signed|BADSIG [0-9A-F]+|EXPKEYSIG [0-9A-F]+|invalid signature|Failed to fetch [^ ]+ +[^ ].*' "$log" || true)
        rm -rf "$APTDIR/lists"
        die "the ${suites[*]} index from $MIRROR is refused: ${why:-apt-get update failed} (keyring $KEYRING; log $log)"
    fi
    INDEX_READY=1
}

# current <input> [abi]: "version size sha256 path" of the index's candidate
current() {
    local n=$1 abi=${2:-} pkg=${FOLLOWS[$1]} uri name size hash
    pkg=${pkg//\{abi\}/$abi}
    if [ "${ARCH[$n]}" = source ]; then
        read -r uri name size hash < <(apt_ source --print-uris "$pkg" 2>/dev/null |
            grep -E "^'[^']*\\.orig\\.tar\\.[a-z0-9]+' " | head -n1) || return 1
        uri=${uri//\'/}
        uri=$(printf '%b' "${uri//%/\\x}")   # apt prints URIs %-encoded
        local ver=${name#"${pkg}_"}
        echo "${ver%.orig.tar.*} $size ${hash#SHA256:} pool/${uri#*/pool/}"
    else
        local q=$pkg
        [ "${ARCH[$n]}" = all ] || q=$pkg:${ARCH[$n]}
        apt-cache "${APT_OPTS[@]}" show --no-all-versions "$q" 2>/dev/null | awk '
            /^Version:/ { v = $2 } /^Size:/ { s = $2 } /^SHA256:/ { h = $2 } /^Filename:/ { f = $2 }
            END { if (v == "" || h == "") exit 1; print v, s, h, f }'
    fi
}

# the index's newest ABI of the {abi} group's series (6.12.107+deb13 -> 6.12.*+deb13)
current_abi() {
    local n=$1 pinned=$2 re pat
    re=$(sed -E 's/[0-9]+(\+[^+]*)?$/@@\1/' <<< "$pinned" | sed -E 's/[.+]/\\&/g; s/@@/[0-9]+/')
    pat=${FOLLOWS[$n]//./\\.}
    pat="^${pat//\{abi\}/($re)}\$"
    apt-cache "${APT_OPTS[@]}" search --names-only "$pat" 2>/dev/null | awk '{print $1}' |
        sed -E "s/$pat/\\1/" | sort -V | tail -n1
}

# the ABI a pinned {abi} input names (from its pool file name)
pinned_abi() {
    local n=$1 pre=${FOLLOWS[$1]%%\{abi\}*} post=${FOLLOWS[$1]#*\{abi\}} f=${POOL[$1]##*/}
    f=${f%%_*}; f=${f#"$pre"}; echo "${f%"$post"}"
}

# ----------------------------------------------------------- per group
declare -A USED_FILE USED_VER          # input -> file in $DL, version used
declare -A NEW_LINE                    # input -> lock line (--current)
FALLEN=()

lock_line() {   # lock_line <input> <version> <size> <sha256> <path>
    printf '%-23s %-7s %-7s %-32s %-26s %-9s %s  %s\n' "$1" "${SUITE[$1]}" "${ARCH[$1]}" \
        "${FOLLOWS[$1]}" "$2" "$3" "$4" "$5"
}

use_pinned() { local n; for n in "$@"; do USED_FILE[$n]=${POOL[$n]##*/} USED_VER[$n]=${VER[$n]}; done; }

# the pinned files of the group, all or nothing; 3 when one is gone
fetch_pinned() {
    local n rc
    for n in "$@"; do
        rc=0; get "$n" "${POOL[$n]}" "${SIZE[$n]}" "${SHA[$n]}" || rc=$?
        [ $rc = 0 ] || { GONE=$n; return $rc; }
    done
}

# resolve the group's current versions in the index: RES[input]="ver size sha path"
declare -A RES
resolve_current() {   # resolve_current <why> <inputs of one group>
    local why=$1 n abi="" r
    shift
    index "$why"
    if [ "$(group_of "$1")" = abi ]; then
        abi=$(current_abi "$1" "$(pinned_abi "$1")")
        [ -n "$abi" ] || die "$1: no package of ${FOLLOWS[$1]}'s series in the ${SUITE[$1]} index"
    fi
    for n in "$@"; do
        r=$(current "$n" "$abi") || die "$n: ${FOLLOWS[$n]//\{abi\}/$abi} (${ARCH[$n]}) is not in the ${SUITE[$n]} index"
        RES[$n]=$r
    done
}

fetch_resolved() {   # fetch every RES of the group; 3 when one is not served
    local n v z h p rc
    for n in "$@"; do
        read -r v z h p <<< "${RES[$n]}"
        rc=0; get "$n" "$p" "$z" "$h" || rc=$?
        [ $rc = 0 ] || { GONE=$n; return $rc; }
    done
}

# a fallback fetched by an earlier run, still intact: no index needed
cached_fallback() {
    local n v z h p line
    [ -f "$FALLBACK" ] || return 1
    for n in "$@"; do
        line=$(awk -v n="$n" '$1 == n { print $5, $6, $7, $8 }' "$FALLBACK")
        [ -n "$line" ] || return 1
        read -r v z h p <<< "$line"
        intact "$DL/${p##*/}" "$z" "$h" || return 1
        RES[$n]="$v $z $h $p"
    done
}

do_group() {   # do_group <inputs of one group>
    local n v z h p why GONE="" rc=0
    if [ $MODE = current ]; then
        resolve_current "make update-inputs" "$@"
        fetch_resolved "$@" || rc=$?
        if [ $rc != 0 ]; then
            read -r v _ <<< "${RES[$GONE]}"
            warn "$GONE: ${SUITE[$GONE]}'s current $v is not served by $MIRROR; keeping the pinned ${VER[$GONE]}${2:+ for the whole group}"
            for n in "$@"; do NEW_LINE[$n]=$(lock_line "$n" "${VER[$n]}" "${SIZE[$n]}" "${SHA[$n]}" "${POOL[$n]}"); done
            return
        fi
        for n in "$@"; do
            read -r v z h p <<< "${RES[$n]}"
            NEW_LINE[$n]=$(lock_line "$n" "$v" "$z" "$h" "$p")
            [ "$v" = "${VER[$n]}" ] || say "$n: ${VER[$n]} -> $v"
        done
        return
    fi

    fetch_pinned "$@" || rc=$?
    if [ $rc = 0 ]; then use_pinned "$@"; return; fi
    if [ -n "$INPUTS" ]; then
        die "$GONE: ${POOL[$GONE]##*/} is not in VSCMI_INPUTS=$INPUTS"
    fi
    local gone=$GONE
    if ! cached_fallback "$@"; then
        resolve_current "$gone ${VER[$gone]} is not served" "$@"
        rc=0; fetch_resolved "$@" || rc=$?
        [ $rc = 0 ] || die "$gone: the pinned ${VER[$gone]} is gone from $MIRROR, and so is ${SUITE[$GONE]}'s current ${RES[$GONE]%% *} ($GONE)"
        for n in "$@"; do
            read -r v z h p <<< "${RES[$n]}"
            { grep -v "^$n " "$FALLBACK" 2>/dev/null || true; lock_line "$n" "$v" "$z" "$h" "$p"; } > "$FALLBACK.tmp"
            mv "$FALLBACK.tmp" "$FALLBACK"
        done
    fi
    for n in "$@"; do
        read -r v z h p <<< "${RES[$n]}"
        USED_FILE[$n]=${p##*/} USED_VER[$n]=$v
        FALLEN+=("$n")
        if [ "$n" = "$gone" ]; then why="is gone from $MIRROR"; else why="moves with $gone"; fi
        warn "$n: pinned ${VER[$n]} $why; building with ${SUITE[$n]}'s current $v, verified against the signed index (make update-inputs pins it)"
    done
}

# ------------------------------------------------------------------- main
read_lock "$LOCK"
if [ -n "$INPUTS" ]; then
    [ -d "$INPUTS" ] || die "VSCMI_INPUTS=$INPUTS is not a directory"
    MIRROR="(VSCMI_INPUTS)"
else
    MIRROR=$(find_mirror) || die "no Debian mirror found in /etc/apt/sources.list{,.d}; set VSCMI_MIRROR=<uri of a Debian archive>"
    MIRROR=${MIRROR%/}
fi

abi_group=()
for n in "${NAMES[@]}"; do
    if [ "$(group_of "$n")" = abi ]; then abi_group+=("$n"); else do_group "$n"; fi
done
[ ${#abi_group[@]} -eq 0 ] || do_group "${abi_group[@]}"

if [ $MODE = current ]; then
    awk '!/^(#|[[:space:]]*$)/ { exit } { print }' "$LOCK"   # the lock's header
    for n in "${NAMES[@]}"; do echo "${NEW_LINE[$n]}"; done
    exit 0
fi

# fetched.env: rewritten only when it changes, so make sees no new input
{
    echo "# written by tests/platform/fetch/fetch.sh from ${LOCK#"$TOP"/}; files in \$BUILD/dl"
    for n in "${NAMES[@]}"; do
        v=IN_$(tr 'a-z-' 'A-Z_' <<< "$n")
        echo "$v=${USED_FILE[$n]}"
        echo "${v}_VERSION=${USED_VER[$n]}"
    done
    if [ ${#abi_group[@]} -gt 0 ]; then
        f=${USED_FILE[${abi_group[0]}]}
        pre=${FOLLOWS[${abi_group[0]}]%%\{abi\}*} post=${FOLLOWS[${abi_group[0]}]#*\{abi\}}
        f=${f%%_*}; f=${f#"$pre"}
        echo "KERNEL_ABI=${f%"$post"}"
    fi
    echo "INPUTS_FALLBACK=\"${FALLEN[*]}\""
} > "$ENV.tmp"
if cmp -s "$ENV.tmp" "$ENV"; then rm -f "$ENV.tmp"; else mv "$ENV.tmp" "$ENV"; fi
if [ ${#FALLEN[@]} -eq 0 ]; then
    say "${#NAMES[@]} inputs as pinned in ${LOCK#"$TOP"/}, verified in ${DL#"$TOP"/}"
else
    say "${#NAMES[@]} inputs verified in ${DL#"$TOP"/}; not as pinned: ${FALLEN[*]}"
fi
