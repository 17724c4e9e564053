# SPDX-License-Identifier: MIT
#
# Sourced by tests/platform/xen/build.sh (hypervisor) and tools.sh (toolstack):
# one Xen 4.20 source tree under $W/src from the pinned orig tarball
# ($IN_XEN, tests/platform/fetch/inputs.lock), optionally with
# xen-patches/series applied, and the overlay of the repository's own files.
#
#   xen_tree_extract <label> <0|1: apply the series> [test patch...]
#       (re-)extract $TREE when the tarball, the series or a patch changed
#       (so a patch never applies twice); $W/extracted.stamp records what
#       the tree is made of.  Test patches (paths under the repository)
#       follow the series: the QEMU platform's own, never exported
#   xen_tree_overlay <repo dir> <tree dir>
#       mirror the repository's files into the tree, touching only changed
#       files; files copied earlier that left the repository are removed
#       (files created by patches are never touched)
#   xen_tree_sources <repo dir>...
#       the overlaid files with their SHA256 (for build stamps)

SERIES=$TOP/xen-patches/series

series_files() {   # patch file names listed in the series, in order
    [ -f "$SERIES" ] || return 0
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$SERIES" | grep -v '^[[:space:]]*$' || true
}

xen_tree_extract() {
    local label=$1 patched=$2 want=$IN_XEN p
    shift 2
    if [ "$patched" = 1 ]; then
        want="$want $( { cat "$SERIES" 2>/dev/null; for p in $(series_files); do cat "$TOP/xen-patches/$p"; done; } | sha256sum | cut -c1-16)"
    fi
    for p in "$@"; do
        want="$want $p:$(sha256sum < "$TOP/$p" | cut -c1-16)"
    done
    if [ -f "$W/extracted.stamp" ] && [ "$(cat "$W/extracted.stamp")" = "$want" ]; then
        return 0
    fi
    echo "$label: extracting $IN_XEN"
    rm -rf "$TREE" "$W/x" "$W"/*.stamp "$W"/overlay.*.list
    mkdir -p "$W/x"
    tar -C "$W/x" -xf "$BUILD/dl/$IN_XEN"
    mv "$W/x"/* "$TREE" && rmdir "$W/x"
    if [ "$patched" = 1 ]; then
        for p in $(series_files); do
            echo "$label: applying xen-patches/$p"
            [ -f "$TOP/xen-patches/$p" ] || { echo "$label: xen-patches/$p listed in series but missing" >&2; exit 1; }
            (cd "$TREE" && GIT_CEILING_DIRECTORIES="$W" git apply --whitespace=nowarn "$TOP/xen-patches/$p") \
                || { echo "$label: xen-patches/$p does not apply to $IN_XEN" >&2; exit 1; }
        done
    fi
    for p in "$@"; do
        echo "$label: applying $p (test platform only)"
        (cd "$TREE" && GIT_CEILING_DIRECTORIES="$W" git apply --whitespace=nowarn "$TOP/$p") \
            || { echo "$label: $p does not apply" >&2; exit 1; }
    done
    echo "$want" > "$W/extracted.stamp"
}

xen_tree_overlay() {
    local src=$TOP/$1 dst=$TREE/$2 man=$W/overlay.${1//\//_}.list f
    mkdir -p "$dst"
    if [ -d "$src" ]; then
        (cd "$src" && find . -type f ! -name '*.o' ! -name '*.d' ! -name '.*' | sed 's|^\./||' | sort) > "$man.new"
    else
        : > "$man.new"
    fi
    while read -r f; do
        mkdir -p "$dst/$(dirname "$f")"
        cmp -s "$src/$f" "$dst/$f" || cp "$src/$f" "$dst/$f"
    done < "$man.new"
    [ -f "$man" ] && comm -23 "$man" "$man.new" | while read -r f; do rm -f "$dst/$f"; done
    mv "$man.new" "$man"
}

xen_tree_sources() {
    (cd "$TOP" && find "$@" -type f ! -name '*.o' ! -name '*.d' ! -name '.*' 2>/dev/null \
        | LC_ALL=C sort | xargs -r sha256sum)
}
