#!/usr/bin/env bash
# Prepares a checkout of COMMIT for ab-fetch-noop.sh without a CI run of its own: the plugin of
# COMMIT is built and put into a copy of REFERENCE's ITs repository, REFERENCE's generated
# preset boards are copied (BOARDS, default the qemu-x86_64, qemu-x86-coreboot and qemu-x86-uefi
# e2e boards), and REFERENCE's build cache is shared (each version keys its own
# entries; downloads are shared). REFERENCE must have run `bash .ci/run`.
# Usage: it/benchmarks/ab-prepare.sh COMMIT DIR REFERENCE_CHECKOUT
#   then, with the board built once by COMMIT's plugin: ab-fetch-noop.sh DIR_A DIR_B ...
set -euo pipefail
COMMIT=$1; DIR=$2; REF=$(cd "$3" && pwd)
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ -d "$REF/it/target/e2e/e2e-qemu-x86_64/board" ] || { echo "$REF has no e2e board: run .ci/run there" >&2; exit 2; }
rm -rf "$DIR"
git -C "$REPO" worktree add -f --detach "$DIR" "$COMMIT" >/dev/null
(cd "$DIR" && mvn -B -q -o -pl .,maven-plugin package -DskipTests >/dev/null)
mkdir -p "$DIR/it/target/e2e"
cp -a "$REF/it/target/local-repo" "$DIR/it/target/local-repo"
installed="$DIR/it/target/local-repo/io/github/firmwaremaven"
version=$(grep -m1 -oP "(?<=<version>)[^<]+" "$DIR/pom.xml")   # the parent pom's own version comes first
cp "$DIR/maven-plugin/target/firmware-maven-plugin-$version.jar" \
   "$installed/firmware-maven-plugin/$version/firmware-maven-plugin-$version.jar"
cp "$DIR/maven-plugin/pom.xml" "$installed/firmware-maven-plugin/$version/firmware-maven-plugin-$version.pom"
cp "$DIR/pom.xml" "$installed/firmware-parent/$version/firmware-parent-$version.pom"
for board in ${BOARDS:-e2e-qemu-x86_64 e2e-qemu-x86-coreboot e2e-qemu-x86-uefi}; do
  cp -a "$REF/it/target/e2e/$board" "$DIR/it/target/e2e/"
done
ln -s "$REF/it/target/firmware-cache" "$DIR/it/target/firmware-cache"
echo "prepared $(git -C "$DIR" rev-parse --short HEAD) in $DIR"
