#!/usr/bin/env bash
# Builds and boots a demo board from a fresh clone: host packages, the plugin and archetype into
# ~/.m2, a board generated from the archetype under target/demo/, then `mvn verify` (which boots it
# in QEMU and waits for its /init to answer with this run's nonce).
# Sources come from a local mirror filled from Debian's source packages (this machine has no other
# internet); with FIRMWARE_UPSTREAM=1 they come from the upstream URLs pinned in the board's pom.
# Usage: bash it/demo.sh [preset]   (presets: qemu-x86_64, qemu-aarch64-virt, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
preset=${1:-qemu-x86_64}
bash it/host-packages.sh
args=()
if [ "${FIRMWARE_UPSTREAM:-0}" != 1 ]; then
  bash it/fill-mirror.sh
  args+=("-Dfirmware.fetch-sources.sourceOverrides=${FIRMWARE_MIRROR_DIR:-$HOME/.cache/firmware-maven-plugin/debian-mirror}/overrides.properties")
fi
mvn -B -ntp install -DskipTests -Dinvoker.skip -Darchetype.test.skip
version=$(mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
demo=$root/target/demo
rm -rf "$demo/$preset"
mkdir -p "$demo"
(cd "$demo" && mvn -B -ntp org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate -DinteractiveMode=false \
  -DarchetypeGroupId=io.github.firmwaremaven -DarchetypeArtifactId=firmware-archetype \
  -DarchetypeVersion="$version" -DgroupId=org.example.boards -DartifactId="$preset" \
  -Dversion=1.0.0-SNAPSHOT -Dboard="$preset" -DpluginVersion="$version")
cd "$demo/$preset"
mvn -B -ntp verify "${args[@]}"
echo
echo "Built and booted: $demo/$preset"
echo "  images:      target/firmware/kernel/image, target/firmware/initramfs"
echo "  boot log:    target/firmware/boot-test/serial.log"
echo "  interactive: (cd $demo/$preset && mvn firmware:run ${args[*]})"
