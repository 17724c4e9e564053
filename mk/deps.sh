#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install every Debian package vscmi needs. Idempotent: installs only what is missing.
set -euo pipefail

PKGS=(
    make gcc libc6-dev pkg-config
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
    qemu-system-arm device-tree-compiler libfdt-dev
    libcmocka-dev clang libclang-rt-14-dev valgrind
    flex bison cpio ccache libssl-dev xz-utils python3
    ca-certificates gnupg
    patch git gpgv debian-archive-keyring apt-utils
    acpica-tools        # iasl: the Xen tools' configure insists on it for arm64
)

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/vscmi-deps.log 2>&1; then
    $SUDO apt-get update -q >>/tmp/vscmi-deps.log 2>&1 || true
    if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/vscmi-deps.log 2>&1; then
        echo "deps: apt-get install failed for: ${missing[*]}" >&2
        echo "deps: see /tmp/vscmi-deps.log; check the machine's apt sources and network" >&2
        tail -n 20 /tmp/vscmi-deps.log >&2
        exit 1
    fi
fi
echo "deps: done"
