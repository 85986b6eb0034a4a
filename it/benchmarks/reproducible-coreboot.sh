#!/usr/bin/env bash
# Builds one coreboot board twice from fresh copies in different directories, with different umask,
# TZ and LANG and empty build caches (the download cache is shared), and compares coreboot.rom
# (and, for an edk2 board, the .fd files), the kernel image and initramfs, and then every published
# artifact through hashes.txt. Exit status 1 when any of them differs.
# Usage: it/benchmarks/reproducible-coreboot.sh BOARD_DIR
# SHARED_CACHE=DIR: both builds use that build cache instead of empty ones, so what the cache keeps
# (extracted trees, the kernel, BaseTools) is reused and only the board's own work areas differ in
# place: quicker, and still the check for paths of the work area that end up in an image.
# Extra Maven options (e.g. -Dmaven.repo.local=..., -Dfirmware.sourceOverrides=...) in MVN_OPTS_EXTRA.
set -euo pipefail
board=$(cd "$1" && pwd)
extra=${MVN_OPTS_EXTRA:-}
a=$(mktemp -d /tmp/repro-a.XXXX); b=$(mktemp -d /var/tmp/repro-bb.XXXXXX)
cp -r "$board" "$a/board"; rm -rf "$a/board/target"
cp -r "$board" "$b/board"; rm -rf "$b/board/target"
(cd "$a/board" && umask 022 && TZ=UTC LANG=C.UTF-8 mvn -B -q $extra -Dfirmware.cacheDir="${SHARED_CACHE:-$a/cache}" \
  -Dfirmware.downloadCache="${DOWNLOADS:-$HOME/.cache/firmware-maven-plugin/downloads}" package)
(cd "$b/board" && umask 077 && TZ=Pacific/Kiritimati LANG=de_DE.UTF-8 mvn -B -q $extra -Dfirmware.cacheDir="${SHARED_CACHE:-$b/cache}" \
  -Dfirmware.downloadCache="${DOWNLOADS:-$HOME/.cache/firmware-maven-plugin/downloads}" package)
status=0
for f in coreboot/image/coreboot.rom edk2/fv/OVMF.fd edk2/fv/OVMF_CODE.fd edk2/fv/OVMF_VARS.fd edk2/fv/QEMU_EFI.fd \
    edk2/fv/QEMU_VARS.fd kernel/image/bzImage kernel/image/Image initramfs/initramfs.cpio.gz initramfs/initramfs.cpio.xz \
    initramfs/initramfs.cpio.zst initramfs/initramfs.cpio; do
  x=$a/board/target/firmware/$f; y=$b/board/target/firmware/$f
  [ -f "$x" ] || continue
  if cmp -s "$x" "$y"; then
    echo "identical: $f $(sha256sum < "$x" | cut -c1-64)"
  else
    echo "DIFFERENT: $f ($(cmp "$x" "$y" | head -1); $(cmp -l "$x" "$y" | wc -l) bytes differ)"
    status=1
  fi
done
# Every artifact the board publishes (sbom, legal-info, configs... as listed in hashes.txt).
if diff <(sed 1d "$a/board/target/firmware/hashes.txt") <(sed 1d "$b/board/target/firmware/hashes.txt"); then
  echo "identical: all $(sed 1d "$a/board/target/firmware/hashes.txt" | wc -l) published artifacts (hashes.txt)"
else
  echo "DIFFERENT: published artifacts (hashes.txt, diff above)"; status=1
fi
echo "trees kept for inspection: $a $b"
exit $status
