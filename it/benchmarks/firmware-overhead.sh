#!/usr/bin/env bash
# Plugin overhead on the firmware goals: `mvn -o package` of a built board with only the firmware's
# work area removed (so exactly build-coreboot or build-ovmf runs again) against the same commands
# run by hand on the same source tree; median of N interleaved runs each (default 3).
# Target: overhead <= 3 % + 1 s. Also prints the no-op `mvn -o package` time of the board.
# Usage: it/benchmarks/firmware-overhead.sh coreboot|ovmf BOARD_DIR [runs]
# The board must have been built once (mvn package) with the plugin installed where its Maven finds it;
# pass extra Maven options in MVN_OPTS_EXTRA (e.g. -Dmaven.repo.local=... -Dfirmware.cacheDir=...).
set -euo pipefail
kind=$1; board=$(cd "$2" && pwd); runs=${3:-3}
extra=${MVN_OPTS_EXTRA:-}
fw=$board/target/firmware
prop() { sed -n "s/^$1=//p" "$fw/sources.properties" | sed 's/\\:/:/g'; }
jobs=$(nproc)
hand=$(mktemp -d)
trap 'rm -rf "$hand"' EXIT
# A failed run must stop the benchmark, not be timed (an offline miss fails in a second).
t() {
  local s e; s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $* (run it by hand to see why)" >&2; exit 1; }
  e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

plugin_run() {
  rm -rf "$fw/$kind_dir"
  (cd "$board" && mvn -B -q -o $extra package)
}

case $kind in
  coreboot)
    kind_dir=coreboot
    src=$(prop coreboot.tree); version=$(prop coreboot.version)
    cp "$fw/coreboot/image/coreboot.config" "$hand/config"
    cp -r "$fw/coreboot/payload" "$hand/payload-keep"   # plugin_run removes the work area
    by_hand() {
      rm -rf "$hand/build"; mkdir -p "$hand/build"; cp "$hand/config" "$hand/build/.config"
      local m=(make -C "$src" obj="$hand/build" DOTCONFIG="$hand/build/.config" CONFIG_WARNINGS_ARE_ERRORS=
               BUILD_TIMELESS=1 KERNELVERSION="$version")
      # The payload as build-coreboot stages it; the config names it without a place.
      CROSS_COMPILE_x86=i686-linux-gnu- "${m[@]}" olddefconfig && CROSS_COMPILE_x86=i686-linux-gnu- "${m[@]}" \
        CONFIG_PAYLOAD_FILE="$hand/payload-keep/kernel" CONFIG_LINUX_INITRD="$hand/payload-keep/initrd" -j"$jobs"
    }
    ;;
  ovmf)
    kind_dir=edk2
    src=$(prop edk2.tree); bt="$hand/BaseTools"; cp -r "$fw/edk2/workspace/BaseTools" "$bt"   # built by the board; plugin_run removes it
    # The board's build command, as the step log recorded it.
    cmd=$(grep -m1 '^\$ build ' "$fw/logs/edk2-build.log" | sed 's/^\$ //')
    by_hand() {
      rm -rf "$hand/ws"; mkdir -p "$hand/ws/Conf"
      cp "$bt/Conf/target.template" "$hand/ws/Conf/target.txt"
      cp "$bt/Conf/build_rule.template" "$hand/ws/Conf/build_rule.txt"
      sed 's/^\(DEFINE GCC_ALL_CC_FLAGS *=.*\)$/\1 -fno-stack-protector/' "$bt/Conf/tools_def.template" > "$hand/ws/Conf/tools_def.txt"
      if [ -f "$fw/edk2/workspace/ArmPkg/Library/GccLto/liblto-aarch64.a" ]; then
        mkdir -p "$hand/ws/ArmPkg/Library/GccLto"
        aarch64-linux-gnu-gcc -c -fpic "$src/ArmPkg/Library/GccLto/liblto-aarch64.s" -o "$hand/ws/ArmPkg/Library/GccLto/liblto-aarch64.a"
      fi
      (cd "$hand/ws" && WORKSPACE=$hand/ws PACKAGES_PATH=$src EDK_TOOLS_PATH=$bt BASE_TOOLS_PATH=$bt \
        CONF_PATH=$hand/ws/Conf PYTHON_COMMAND=python3 GCC5_AARCH64_PREFIX=aarch64-linux-gnu- \
        PATH=$bt/BinWrappers/PosixLike:$PATH $cmd)
    }
    ;;
  *) echo "usage: $0 coreboot|ovmf BOARD_DIR [runs]" >&2; exit 2 ;;
esac

p=(); h=()
for i in $(seq 1 "$runs"); do
  x=$(t plugin_run); p+=("$x")   # plain assignments, so that set -e sees a failed run
  x=$(t by_hand); h+=("$x")
done
mp=$(printf '%s\n' "${p[@]}" | median); mh=$(printf '%s\n' "${h[@]}" | median)
noop=()
for i in $(seq 1 "$runs"); do x=$(cd "$board" && t mvn -B -q -o $extra package); noop+=("$x"); done
mn=$(printf '%s\n' "${noop[@]}" | median)
echo "$kind through mvn package: median ${mp} ms  runs: ${p[*]}"
echo "$kind by hand:             median ${mh} ms  runs: ${h[*]}"
echo "overhead: $(( mp - mh )) ms; allowed $(( mh * 3 / 100 + 1000 )) ms (3 % + 1 s)"
echo "no-op mvn package of the board: median ${mn} ms  runs: ${noop[*]}"
