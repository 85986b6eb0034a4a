#!/usr/bin/env bash
# Issue-5 figures for a generated Linux board (default: the qemu-x86_64 preset):
#  1. the kernel through `mvn package` (extraction + config merge + make) against the same work run
#     by hand (tar, make tinyconfig, merge_config.sh, olddefconfig, make bzImage), median of 3
#     interleaved runs, and the overhead (target <= 3 % + 1 s);
#  2. a no-op `mvn package` once everything is built;
#  3. one rootfs file changed -> new initramfs and a boot to the marker (`mvn verify`), target <= 10 s.
# Needs: the plugin and archetype installed in ~/.m2 (mvn install -DskipTests -Dinvoker.skip
# -Darchetype.test.skip) and the mirror filled (it/fill-mirror.sh). Usage: kernel-board.sh [runs]
source "$(dirname "$0")/common.sh"
runs=${1:-3}
mirror=${FIRMWARE_MIRROR_DIR:-$HOME/.cache/firmware-maven-plugin/debian-mirror}
overrides=$mirror/overrides.properties
tarball=$(ls "$mirror"/sources/linux_*.orig.tar.xz | head -n1)
version=$(mvn -q -B -Dstyle.color=never -f "$REPO/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
board=$WORK/kernel-board
rm -rf "$board" && mkdir -p "$board"
(cd "$board" && mvn -B -q org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate -DinteractiveMode=false \
  -DarchetypeGroupId=io.github.firmwaremaven -DarchetypeArtifactId=firmware-archetype -DarchetypeVersion="$version" \
  -DgroupId=bench -DartifactId=b -Dversion=1 -Dboard=qemu-x86_64 -DpluginVersion="$version")
board=$board/b
fragment=$board/src/main/kernel/x86_64.config
downloads=$WORK/kernel-cache/downloads
mvn_kernel() {
  # A fresh build area and build cache (so the tree is extracted again), the same download cache.
  rm -rf "$board/target" "$WORK/kernel-cache/build"
  (cd "$board" && mvn -B -q -o package -Dfirmware.cacheDir="$WORK/kernel-cache" -Dfirmware.sourceOverrides="$overrides" \
     -Dfirmware.kernel.reuse=false -Dbuild-rootfs.skip -Dpack-initramfs.skip >/dev/null)
}
by_hand() {
  local d=$WORK/by-hand
  rm -rf "$d" && mkdir -p "$d/obj"
  (cd "$d" && tar xJf "$tarball" && src=$(ls -d linux-*) &&
   make -s -C "$src" O="$d/obj" ARCH=x86_64 tinyconfig >/dev/null &&
   "$src/scripts/kconfig/merge_config.sh" -m -O "$d/obj" "$d/obj/.config" "$fragment" >/dev/null &&
   make -s -C "$src" O="$d/obj" ARCH=x86_64 olddefconfig >/dev/null &&
   make -s -C "$src" O="$d/obj" ARCH=x86_64 -j"$(nproc)" bzImage >/dev/null 2>&1)
}
# Fill the download cache once (online-equivalent: the file:// mirror).
(cd "$board" && mvn -B -q io.github.firmwaremaven:firmware-maven-plugin:"$version":fetch-sources \
   -Dfirmware.cacheDir="$WORK/kernel-cache" -Dfirmware.sourceOverrides="$overrides" >/dev/null)
m=(); h=()
for i in $(seq 1 "$runs"); do
  m+=("$(time_it mvn_kernel)")
  h+=("$(time_it by_hand)")
done
mm=$(printf '%s\n' "${m[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
mh=$(printf '%s\n' "${h[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kernel via mvn package: median ${mm} s  (runs: ${m[*]})"
echo "kernel by hand:         median ${mh} s  (runs: ${h[*]})"
echo "overhead: $(echo "$mm - $mh" | bc -l) s = $(echo "($mm / $mh - 1) * 100" | bc -l | cut -c1-5) % (target <= 3 % + 1 s)"

# Whole board once, then the no-op and the one-file change.
(cd "$board" && mvn -B -q -o verify -Dfirmware.cacheDir="$WORK/kernel-cache" -Dfirmware.sourceOverrides="$overrides" >/dev/null)
noop=$(time_it sh -c "cd '$board' && mvn -B -q -o package -Dfirmware.cacheDir='$WORK/kernel-cache' -Dfirmware.sourceOverrides='$overrides' >/dev/null")
echo "no-op mvn package: ${noop} s"
mkdir -p "$board/src/main/rootfs/etc" && date +%s%N > "$board/src/main/rootfs/etc/motd"
change=$(time_it sh -c "cd '$board' && mvn -B -q -o verify -Dfirmware.cacheDir='$WORK/kernel-cache' -Dfirmware.sourceOverrides='$overrides' >/dev/null")
echo "one rootfs file changed -> new initramfs + boot to the marker: ${change} s (target <= 10 s)"
