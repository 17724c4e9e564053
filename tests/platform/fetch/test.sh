#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Tests of tests/platform/fetch/fetch.sh against a local file:// Debian archive that
# this script builds and signs with a throwaway key (docs/qemu.md, "Inputs"):
# the pinned file present, the pinned file gone (fallback and its warning,
# a group that moves together), corrupt files refused with nothing partial
# kept, an index unsigned or signed with the wrong key refused with one
# line, offline inputs (VSCMI_INPUTS) and update-inputs (--current).
# Prints one line per check and "N passed, M failed".
set -u

TOP=$(cd "$(dirname "$0")/../../.." && pwd)
FETCH=$TOP/tests/platform/fetch/fetch.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/vscmi-fetch-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export GNUPGHOME=$T/gnupg
mkdir -m 700 "$GNUPGHOME"

passed=0 failed=0
check() {   # check <description> <command...>
    local d=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $d"
    else failed=$((failed + 1)); echo "FAIL $d"; fi
}

# ------------------------------------------------------------- the archive
keygen() {   # keygen <name>: a throwaway signing key; its keyring in $T/<name>.gpg
    gpg --batch --quiet --passphrase '' --quick-gen-key "vscmi test $1 <$1@test.invalid>" ed25519 sign never 2>/dev/null
    gpg --batch --quiet --export "$1@test.invalid" > "$T/$1.gpg"
}
keygen good
keygen other

mkdeb() {   # mkdeb <pool dir> <package> <version> <arch>
    local d=$T/pkg/$2_$3_$4
    mkdir -p "$d/DEBIAN" "$d/usr/share/$2" "$1"
    printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: t <t@test.invalid>\nDescription: test %s\n' \
        "$2" "$3" "$4" "$2" > "$d/DEBIAN/control"
    echo "$2 $3 $4" > "$d/usr/share/$2/id"
    dpkg-deb --root-owner-group -Zgzip -b "$d" "$1/$2_${3#*:}_$4.deb" >/dev/null
}
mkorig() {   # mkorig <pool dir> <package> <upstream version>
    mkdir -p "$T/src/$2-$3" "$1"
    echo "$2 $3" > "$T/src/$2-$3/README"
    tar -C "$T/src" -cJf "$1/$2_$3.orig.tar.xz" "$2-$3"
}

BASE=$T/archive
P=$BASE/pool/main
mkorig "$P/f/foo" foo 1.0
mkorig "$P/f/foo" foo 2.0+ds
mkdeb "$P/b/bar" bar 1.0-1 arm64
mkdeb "$P/b/bar" bar 2.0-1 arm64
for v in 1.2.3 1.2.4; do
    mkdeb "$P/l/linux" "linux-image-$v+t1-arm64-unsigned" "$v-1" arm64
    mkdeb "$P/l/linux" "linux-kbuild-$v+t1" "$v-1" amd64
done

# The index names the current versions: bar 2.0-1, foo 2.0+ds (a '+', which
# apt prints %-encoded in URIs) and both kernel
# ABIs (as Debian's does while a kernel migrates).
index_archive() {   # index_archive <archive>: Packages, Sources, Release
    local a=$1 d=$1/dists/trixie/main arch orig
    mkdir -p "$d/binary-arm64" "$d/binary-amd64" "$d/source"
    (cd "$a" && apt-ftparchive packages pool 2>/dev/null) > "$T/all.Packages"
    for arch in arm64 amd64; do
        awk -v RS= -v ORS='\n\n' -v a="$arch" '$0 ~ "\nArchitecture: " a "\n" && $0 !~ /\nPackage: bar\nVersion: 1\.0-1\n/' \
            "$T/all.Packages" > "$d/binary-$arch/Packages"
    done
    orig=$a/pool/main/f/foo/foo_2.0+ds.orig.tar.xz
    {
        echo "Package: foo"
        echo "Binary: foo"
        echo "Version: 2.0+ds-1"
        echo "Maintainer: t <t@test.invalid>"
        echo "Architecture: any"
        echo "Format: 3.0 (quilt)"
        echo "Directory: pool/main/f/foo"
        echo "Files:"
        echo " $(md5sum < "$orig" | cut -d' ' -f1) $(stat -c %s "$orig") foo_2.0+ds.orig.tar.xz"
        echo "Checksums-Sha256:"
        echo " $(sha256sum < "$orig" | cut -d' ' -f1) $(stat -c %s "$orig") foo_2.0+ds.orig.tar.xz"
        echo
    } > "$d/source/Sources"
    apt-ftparchive -o APT::FTPArchive::Release::Suite=trixie -o APT::FTPArchive::Release::Codename=trixie \
        -o APT::FTPArchive::Release::Architectures="arm64 amd64" -o APT::FTPArchive::Release::Components=main \
        release "$a/dists/trixie" > "$T/Release"
    mv "$T/Release" "$a/dists/trixie/Release"
}
sign_archive() {   # sign_archive <archive> <key name>: InRelease
    gpg --batch --yes --quiet --local-user "$2@test.invalid" --clearsign \
        -o "$1/dists/trixie/InRelease" "$1/dists/trixie/Release"
}
index_archive "$BASE"
sign_archive "$BASE" good

lockline() {   # lockline <input> <arch> <follows> <version> <pool path>
    local f=$BASE/$5
    printf '%s trixie %s %s %s %s %s %s\n' "$1" "$2" "$3" "$4" "$(stat -c %s "$f")" \
        "$(sha256sum < "$f" | cut -d' ' -f1)" "$5"
}
{
    echo "# test lock"
    lockline foo source foo 1.0 pool/main/f/foo/foo_1.0.orig.tar.xz
    lockline bar arm64 bar 1.0-1 pool/main/b/bar/bar_1.0-1_arm64.deb
    lockline kimage arm64 'linux-image-{abi}-arm64-unsigned' 1.2.3-1 \
        'pool/main/l/linux/linux-image-1.2.3+t1-arm64-unsigned_1.2.3-1_arm64.deb'
    lockline kbuild amd64 'linux-kbuild-{abi}' 1.2.3-1 'pool/main/l/linux/linux-kbuild-1.2.3+t1_1.2.3-1_amd64.deb'
} > "$T/test.lock"

# ------------------------------------------------------------------ helpers
N=0
# run_fetch <archive> [env...] [-- args]: a fresh build dir per run unless
# B is set; output in $OUT, status in $RC, the build dir in $B
run_fetch() {
    local arc=$1; shift
    if [ -z "${KEEP_B:-}" ]; then N=$((N + 1)); B=$T/build$N; fi
    OUT=$(env TOP="$TOP" BUILD="$B" VSCMI_LOCK="$T/test.lock" VSCMI_MIRROR="file://$arc" \
          VSCMI_KEYRING="${KEYRING:-$T/good.gpg}" "$@" bash "$FETCH" ${ARGS:-} 2>&1 </dev/null)
    RC=$?
}
copy_archive() { rm -rf "$T/arc"; cp -a "$BASE" "$T/arc"; }
envval() { sed -n "s/^$1=//p" "$B/dl/fetched.env" 2>/dev/null; }
count() { grep -c -- "$1" <<< "$OUT"; }
has() { grep -q -- "$1" <<< "$OUT"; }
hasnt() { ! grep -q -- "$1" <<< "$OUT"; }
ok_rc() { [ "$RC" = 0 ] || { echo "$OUT" | sed 's/^/    | /'; return 1; }; }
bad_rc() { [ "$RC" != 0 ] || { echo "$OUT" | sed 's/^/    | /'; return 1; }; }
no_partial() {   # nothing but verified files in dl/
    [ -z "$(find "$B/dl" -name '.tmp.*' 2>/dev/null)" ]
}
errlines() { grep -c '^fetch: ERROR' <<< "$OUT"; }
same_file() { cmp -s "$1" "$2"; }

# -------------------------------------------------------------- the cases
# 1. everything as pinned: no warning, no index read
copy_archive
run_fetch "$T/arc"
check "pinned: fetch succeeds" ok_rc
check "pinned: no warning" hasnt WARNING
check "pinned: the signed index is not even read" test ! -e "$B/apt/lists"
check "pinned: fetched.env names the pinned files" \
    test "$(envval IN_FOO) $(envval IN_BAR) $(envval KERNEL_ABI)" = "foo_1.0.orig.tar.xz bar_1.0-1_arm64.deb 1.2.3+t1"
check "pinned: the file is the archive's" same_file "$B/dl/bar_1.0-1_arm64.deb" "$T/arc/pool/main/b/bar/bar_1.0-1_arm64.deb"

# 2. a second run downloads nothing
KEEP_B=1 run_fetch "$T/arc"
check "cached: second run succeeds" ok_rc
check "cached: nothing downloaded again" hasnt downloading

# 3. a cached file that went bad is fetched again
echo garbage >> "$B/dl/bar_1.0-1_arm64.deb"
KEEP_B=1 run_fetch "$T/arc"
check "cache damaged: fetched again" has "bar: downloading"
check "cache damaged: restored" same_file "$B/dl/bar_1.0-1_arm64.deb" "$T/arc/pool/main/b/bar/bar_1.0-1_arm64.deb"

# 4. pinned source tarball gone: fallback to the index's current version
copy_archive
rm "$T/arc/pool/main/f/foo/foo_1.0.orig.tar.xz"
run_fetch "$T/arc"
check "fallback: fetch succeeds" ok_rc
check "fallback: one warning line, naming the input and both versions" \
    test "$(count WARNING)" = 1 -a "$(grep WARNING <<< "$OUT" | grep -c 'foo: pinned 1\.0 .*current 2\.0+ds,')" = 1
check "fallback: the current file is used" test "$(envval IN_FOO)" = foo_2.0+ds.orig.tar.xz
check "fallback: the current file is the archive's" same_file "$B/dl/foo_2.0+ds.orig.tar.xz" "$T/arc/pool/main/f/foo/foo_2.0+ds.orig.tar.xz"
check "fallback: recorded" test "$(envval INPUTS_FALLBACK)" = '"foo"'
KEEP_B=1 run_fetch "$T/arc"
check "fallback: warned again on the next run" test "$(count WARNING)" = 1

# 5. one member of an {abi} group gone: the whole group moves
copy_archive
rm "$T/arc/pool/main/l/linux/linux-kbuild-1.2.3+t1_1.2.3-1_amd64.deb"
run_fetch "$T/arc"
check "group fallback: fetch succeeds" ok_rc
check "group fallback: both members at the new ABI" \
    test "$(envval IN_KIMAGE) $(envval IN_KBUILD) $(envval KERNEL_ABI)" = \
    "linux-image-1.2.4+t1-arm64-unsigned_1.2.4-1_arm64.deb linux-kbuild-1.2.4+t1_1.2.4-1_amd64.deb 1.2.4+t1"
check "group fallback: one warning per member" test "$(count WARNING)" = 2
check "group fallback: the others stay pinned" test "$(envval IN_FOO)" = foo_1.0.orig.tar.xz

# 6. a corrupt file on the mirror: refused, nothing partial kept
copy_archive
echo tampered >> "$T/arc/pool/main/b/bar/bar_1.0-1_arm64.deb"
run_fetch "$T/arc"
check "corrupt download: refused" bad_rc
check "corrupt download: one error line naming it" \
    test "$(errlines)" = 1 -a "$(grep -c 'ERROR: bar: .*refused' <<< "$OUT")" = 1
check "corrupt download: no bar file in the cache" test -z "$(find "$B/dl" -name 'bar_*' 2>/dev/null)"
check "corrupt download: no partial download left" no_partial
check "corrupt download: no fetched.env" test ! -e "$B/dl/fetched.env"

# 7. offline inputs (VSCMI_INPUTS): verified, the mirror never asked
mkdir -p "$T/offline"
cp "$BASE"/pool/main/*/*/{foo_1.0.orig.tar.xz,bar_1.0-1_arm64.deb} "$BASE"/pool/main/l/linux/*1.2.3*.deb "$T/offline/"
run_fetch "$T/nonexistent" VSCMI_INPUTS="$T/offline"
check "offline: fetch succeeds without a mirror" ok_rc
check "offline: nothing downloaded" hasnt downloading
check "offline: pinned files used" test "$(envval IN_BAR)" = bar_1.0-1_arm64.deb
echo tampered >> "$T/offline/bar_1.0-1_arm64.deb"
run_fetch "$T/nonexistent" VSCMI_INPUTS="$T/offline"
check "offline corrupt: refused" bad_rc
check "offline corrupt: one error line naming it" test "$(errlines)" = 1 -a "$(grep -c 'ERROR: bar: .*refused' <<< "$OUT")" = 1
check "offline corrupt: nothing kept" test -z "$(find "$B/dl" -name 'bar_*' 2>/dev/null)"
rm "$T/offline/bar_1.0-1_arm64.deb"
run_fetch "$T/nonexistent" VSCMI_INPUTS="$T/offline"
check "offline missing: refused with one line" test "$RC" != 0 -a "$(errlines)" = 1
check "offline missing: the line names the file" has "bar_1.0-1_arm64.deb is not in VSCMI_INPUTS"

# 8. fallback needed, index not signed: refused with one line
copy_archive
rm "$T/arc/pool/main/f/foo/foo_1.0.orig.tar.xz" "$T/arc/dists/trixie/InRelease"
run_fetch "$T/arc"
check "unsigned index: refused" bad_rc
check "unsigned index: one error line saying why" \
    test "$(errlines)" = 1 -a "$(grep -c 'ERROR: .*index .*refused: .*not signed' <<< "$OUT")" = 1
check "unsigned index: the current file is not fetched" test ! -e "$B/dl/foo_2.0+ds.orig.tar.xz"
check "unsigned index: no partial download left" no_partial

# 9. fallback needed, index signed with a key not in the keyring
copy_archive
rm "$T/arc/pool/main/f/foo/foo_1.0.orig.tar.xz"
sign_archive "$T/arc" other
run_fetch "$T/arc"
check "wrong key: refused" bad_rc
check "wrong key: one error line saying why" \
    test "$(errlines)" = 1 -a "$(grep -c 'ERROR: .*index .*refused: NO_PUBKEY' <<< "$OUT")" = 1
check "wrong key: the current file is not fetched" test ! -e "$B/dl/foo_2.0+ds.orig.tar.xz"

# 10. the index's current file corrupt: refused like a pinned one
copy_archive
rm "$T/arc/pool/main/f/foo/foo_1.0.orig.tar.xz"
echo tampered >> "$T/arc/pool/main/f/foo/foo_2.0+ds.orig.tar.xz"
run_fetch "$T/arc"
check "corrupt current file: refused" bad_rc
check "corrupt current file: nothing kept" test ! -e "$B/dl/foo_2.0+ds.orig.tar.xz"
check "corrupt current file: no partial download left" no_partial

# 11. both the pinned and the current file gone
copy_archive
rm "$T"/arc/pool/main/f/foo/foo_*.orig.tar.xz
run_fetch "$T/arc"
check "both gone: refused with one line naming both versions" \
    test "$RC" != 0 -a "$(errlines)" = 1 -a "$(grep -c 'ERROR: foo: the pinned 1\.0 is gone .* 2\.0+ds' <<< "$OUT")" = 1

# 12. update-inputs: the lock rewritten to the index's current versions
copy_archive
ARGS=--current run_fetch "$T/arc"
check "current: succeeds" ok_rc;
new=$(grep -v '^fetch:' <<< "$OUT")
check "current: foo, bar and the kernel group move" test \
    "$(awk '!/^#/ {print $1, $5}' <<< "$new" | tr '\n' ' ')" = "foo 2.0+ds bar 2.0-1 kimage 1.2.4-1 kbuild 1.2.4-1 "
echo "$new" > "$T/new.lock"
run_fetch "$T/arc" VSCMI_LOCK="$T/new.lock"
check "current: the new lock fetches as pinned" test "$RC" = 0 -a "$(count WARNING)" = 0
rm "$T/arc/pool/main/b/bar/bar_2.0-1_arm64.deb"
ARGS=--current run_fetch "$T/arc"
check "current not served: the pin is kept with a warning" test "$RC" = 0 -a "$(count 'WARNING: bar: .*keeping the pinned 1\.0-1')" = 1 -a \
    "$(grep -v '^fetch:' <<< "$OUT" | awk '$1 == "bar" {print $5}')" = 1.0-1

# 13. a lock line that is not well formed
sed 's/^\(bar .*\) [0-9a-f]\{64\} /\1 0123 /' "$T/test.lock" > "$T/bad.lock"
run_fetch "$T/arc" VSCMI_LOCK="$T/bad.lock"
check "bad lock: refused with one line naming the input" test "$RC" != 0 -a "$(errlines)" = 1 -a "$(count 'bad.lock:3: bar: sha256')" = 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
