#!/usr/bin/env bash
# One rootfs file changed -> new initramfs -> (for coreboot boards) new ROM -> a boot to the marker:
# the wall time of `mvn -o verify` on a board that was built once, median of N runs (default 3).
# Target <= 10 s. Also prints the time of a no-op `mvn -o verify` (nothing changed: boot only).
# Usage: it/benchmarks/rootfs-change.sh BOARD_DIR [runs]
# Extra Maven options (-Dmaven.repo.local=..., -Dfirmware.cacheDir=..., -Dfirmware.sourceOverrides=...)
# in MVN_OPTS_EXTRA.
set -euo pipefail
board=$(cd "$1" && pwd); runs=${2:-3}
extra=${MVN_OPTS_EXTRA:-}
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
build() { (cd "$board" && mvn -B -q -o $extra verify); }
build >/dev/null 2>&1 || { echo "the board does not build as it is: run mvn verify in $board first" >&2; exit 1; }
mkdir -p "$board/src/main/rootfs/etc"
changed=(); noop=()
for i in $(seq 1 "$runs"); do
  date +%s%N > "$board/src/main/rootfs/etc/bench-stamp"
  changed+=("$(t build)")
  noop+=("$(t build)")
done
rm -f "$board/src/main/rootfs/etc/bench-stamp"
build >/dev/null 2>&1
# What ran in the last changed build, from the step record.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rootfs file changed -> boot to the marker: median $(printf '%s\n' "${changed[@]}" | median) ms  runs: ${changed[*]} (target <= 10000 ms)"
echo "nothing changed (boot test only):          median $(printf '%s\n' "${noop[@]}" | median) ms  runs: ${noop[*]}"
