# SPDX-License-Identifier: MIT
#
# Sourced by the fetch scripts: the Debian mirror taken from the machine's
# own apt sources, and a private apt configuration under a directory of
# build/ that never touches the machine's apt state.
#
#   find_mirror                  print the mirror URI (VSCMI_MIRROR overrides)
#   apt_private <aptdir>         set APT_OPTS for <aptdir>; apt_ runs apt-get

# deb822 first, then one-line sources; security archives are skipped.
find_mirror() {
    if [ -n "${VSCMI_MIRROR:-}" ]; then echo "$VSCMI_MIRROR"; return; fi
    local f uri
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

apt_private() {
    local dir=$1
    APT_OPTS=(
        -o Dir::Etc::SourceList="$dir/etc/sources.list"
        -o Dir::Etc::SourceParts=/dev/null
        -o Dir::Etc::Preferences=/dev/null
        -o Dir::Etc::PreferencesParts=/dev/null
        -o Dir::State::Lists="$dir/lists"
        -o Dir::State::status="$dir/status"
        -o Dir::Cache="$dir/cache"
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
}

apt_() { apt-get "${APT_OPTS[@]}" "$@"; }
