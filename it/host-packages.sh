#!/usr/bin/env bash
# Installs the Debian 12 host packages the tests and the demo boards need.
# Idempotent: only missing packages are installed; no prompts.
set -euo pipefail
pkgs=(
  openjdk-17-jdk-headless maven git curl ca-certificates
  build-essential flex bison bc libelf-dev libssl-dev cpio python3 rsync
  xz-utils zstd lz4 bzip2 patch file dpkg-dev
  acpica-tools nasm uuid-dev
  gcc-i686-linux-gnu gcc-aarch64-linux-gnu musl-tools
  libc6-dev-arm64-cross libc6-dev-i386-cross
  libncurses-dev
  qemu-system-x86 qemu-system-arm
  libgmp-dev libmpfr-dev libmpc-dev texinfo   # toolchains built from <source>
  nginx-light openssl   # the credential and download-cache ITs' servers (origin, mirror, proxy, https)
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
